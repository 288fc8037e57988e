import type { RuleSpec } from '../detectors/rule.js';

export interface PathContext {
  /** Reason to lower confidence one level for every hit in this file, if any. */
  lowerConfidence?: string;
  skipRule(rule: RuleSpec): boolean;
}

// Test fixtures and examples often hold real-looking fakes: lower confidence, never silence.
const TEST_PATH = /(^|\/)(tests?|__tests__|__fixtures__|__mocks__|spec|specs|fixtures?|testdata|test-data|test_data|testing|e2e|mocks?|examples?|samples?|demos?)(\/|$)|(^|\/)[^/]*[._-](test|spec|fixture|mock)s?\.[a-z]+$|(^|\/)(examples?|samples?)[._-][^/]*$/i;
// Files whose long random-looking strings are hashes, not secrets: generic rules skip them.
const HASH_FILES = /(^|\/)(package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|go\.sum|Cargo\.lock|poetry\.lock|Pipfile\.lock|composer\.lock|Gemfile\.lock|gradle\.lockfile|packages\.lock\.json|flake\.lock)$/;
const ASSET = /\.(svg|min\.js|min\.css|map|woff2?|ttf|eot|d\.ts|d\.mts|d\.cts|snap|pem\.pub|pub)$|(^|\/)(\.pnp\.c?js|bun\.lockb|\.terraform\.lock\.hcl)$/i;
// Documentation: snippets there are mostly illustrations. Lower confidence, never silence.
const DOCS_PATH = /(^|\/)(docs?|documentation|man)\/|(^|\/)(README|CHANGELOG|CHANGES|HISTORY|UPGRADING|MIGRATION|CONTRIBUTING|PKG-INFO|METADATA)[^/]*$|\.(md|markdown|mdx|rst|adoc|asciidoc|1|3|5|8)$/i;

const cache = new Map<string, PathContext>();

export function pathContext(name: string | undefined): PathContext {
  if (!name) return NONE;
  let c = cache.get(name);
  if (c) return c;
  const hashFile = HASH_FILES.test(name) || ASSET.test(name);
  c = {
    lowerConfidence: TEST_PATH.test(name) ? 'test or example path' : DOCS_PATH.test(name) ? 'documentation' : undefined,
    skipRule: hashFile ? (r) => r.generic === true : () => false,
  };
  if (cache.size > 10000) cache.clear();
  cache.set(name, c);
  return c;
}

const NONE: PathContext = { skipRule: () => false };
