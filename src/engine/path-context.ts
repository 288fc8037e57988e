import type { RuleSpec } from '../detectors/rule.js';
import { contextOfPath, type FindingContext } from '../vocabulary/contexts.js';

export interface PathContext {
  /** The file's context (tests, vendored code, docs...): lowers confidence one level for every hit in it. */
  context?: FindingContext;
  skipRule(rule: RuleSpec): boolean;
}

// Files whose long random-looking strings are hashes, not secrets: generic rules skip them.
const HASH_FILES = /(^|\/)(package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|go\.sum|Cargo\.lock|poetry\.lock|Pipfile\.lock|composer\.lock|Gemfile\.lock|gradle\.lockfile|packages\.lock\.json|flake\.lock)$/;
const ASSET = /\.(svg|min\.js|min\.css|map|woff2?|ttf|eot|d\.ts|d\.mts|d\.cts|snap|pem\.pub|pub)$|(^|\/)(\.pnp\.c?js|bun\.lockb|\.terraform\.lock\.hcl)$/i;

const cache = new Map<string, PathContext>();

export function pathContext(name: string | undefined): PathContext {
  if (!name) return NONE;
  let c = cache.get(name);
  if (c) return c;
  const hashFile = HASH_FILES.test(name) || ASSET.test(name);
  c = {
    context: contextOfPath(name),
    skipRule: hashFile ? (r) => r.generic === true : () => false,
  };
  if (cache.size > 10000) cache.clear();
  cache.set(name, c);
  return c;
}

const NONE: PathContext = { skipRule: () => false };
