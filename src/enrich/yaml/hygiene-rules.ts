import type { Confidence, Finding, Origin } from '../../types.js';
import { fingerprint, preview } from '../../engine/fingerprint.js';
import { isPlaceholder } from '../../engine/placeholders.js';
import { looksRandom } from '../../engine/entropy.js';
import { contextOfPath, contextSpec } from '../../vocabulary/contexts.js';
import type { StructuralRule } from '../rule.js';

/**
 * Structural findings about how a credential is stored in Kubernetes YAML, whether or not a
 * provider rule knows its shape. `confidence` is the starting level: a value that looks
 * random raises a medium one to high, a placeholder-like value lowers any to low.
 */
export const YAML_HYGIENE_RULES = [
  {
    id: 'committed-secret-manifest',
    name: 'Kubernetes Secret manifest with a literal value committed',
    provider: 'kubernetes',
    confidence: 'medium',
    stage: 'yaml',
    description: 'A `kind: Secret` manifest holds a literal under `data` (base64-decoded, then scanned by every rule) or `stringData`.',
  },
  {
    id: 'literal-secret-env',
    name: 'Secret-like container env var with a literal value',
    provider: 'kubernetes',
    confidence: 'medium',
    stage: 'yaml',
    description: 'An `env` list entry whose name says it holds a secret has a literal `value` instead of `valueFrom` (pod specs, workload templates, Helm values).',
  },
  {
    id: 'credential-in-configmap',
    name: 'Credential-like key with a literal value in a ConfigMap',
    provider: 'kubernetes',
    confidence: 'medium',
    stage: 'yaml',
    description: 'A `kind: ConfigMap` `data` key whose name says it holds a secret has a literal value: ConfigMaps are not meant for secrets.',
  },
  {
    id: 'inline-dockerconfigjson',
    name: 'Image pull secret with an inline .dockerconfigjson',
    provider: 'kubernetes',
    confidence: 'high',
    stage: 'yaml',
    description: 'A Secret carries registry credentials inline under `.dockerconfigjson` or `.dockercfg`.',
  },
] as const satisfies readonly StructuralRule[];

export type HygieneRuleId = (typeof YAML_HYGIENE_RULES)[number]['id'];

const NAMES = new Map<string, string>(YAML_HYGIENE_RULES.map((r) => [r.id, r.name]));

// Names that say "this holds a secret"; the suffixes below say "this only describes one".
const SECRET_NAME = /passw(or)?d|passphrase|pwd|secret|token|api[-_.]?key|apikey|private[-_.]?key|access[-_.]?key|credential|auth(?!or)|dsn|conn(ection)?[-_.]?str/i;
const DESCRIBES_SECRET = /(^|[-_.])(file|path|dir|name|user|username|enabled|enable|ttl|length|id|ref|url|uri|host|port|expiry|expires|timeout|header|type|mode|method|provider|endpoint|issuer|audience|realm|secretname|existingsecret)$/i;

export function secretLikeName(name: string): boolean {
  return SECRET_NAME.test(name) && !DESCRIBES_SECRET.test(name) && !/^existing/i.test(name);
}

export interface HygieneHit {
  ruleId: HygieneRuleId;
  origin: Origin;
  value: string | Buffer;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  key: string;
  yamlPath: string;
  decoded?: string;
  /** Secret manifests are a finding however the value looks; others need a plausible value. */
  baseConfidence: Confidence;
}

export interface HygieneFindingOptions {
  fingerprintKey: Buffer;
  showSecrets?: boolean;
  /** Every value a hygiene finding is about (the run's redactor), whether or not it is shown. */
  onSecret?: (value: string) => void;
}

/** Random as a whole, or holding a random part (the password of a connection string). */
function hasRandomPart(text: string): boolean {
  return looksRandom(text) || text.split(/[^A-Za-z0-9+/=_-]+/).some((p) => p.length >= 8 && looksRandom(p));
}

/** A hygiene Finding: fingerprint and preview of the value, never the value itself (unless asked). */
export function hygieneFinding(h: HygieneHit, opts: HygieneFindingOptions): Finding {
  const text = typeof h.value === 'string' ? h.value : h.value.toString('utf8');
  const notes: string[] = [];
  let confidence = h.baseConfidence;
  if (isPlaceholder(text.trim())) {
    confidence = 'low';
    notes.push('placeholder-like value');
  } else if (hasRandomPart(text.trim()) && confidence === 'medium') {
    confidence = 'high';
  }
  // A manifest under tests/, examples/, docs/ or a vendored chart is as much a fixture as any other file there.
  const context = 'path' in h.origin ? contextOfPath(h.origin.path) : undefined;
  if (context) {
    confidence = confidence === 'high' ? 'medium' : 'low';
    notes.push(`in ${contextSpec(context).title}: confidence lowered`);
  }
  const f: Finding = {
    kind: 'hygiene',
    ruleId: h.ruleId,
    ruleName: NAMES.get(h.ruleId)!,
    provider: 'kubernetes',
    confidence,
    validated: false,
    origin: h.origin,
    line: h.line,
    column: h.column,
    endLine: h.endLine,
    endColumn: h.endColumn,
    fingerprint: fingerprint(opts.fingerprintKey, h.value),
    preview: preview(text),
    secretLength: [...text].length,
    key: h.key,
    yamlPath: h.yamlPath,
  };
  if (h.decoded) f.decoded = h.decoded;
  if (notes.length) f.notes = notes;
  if (context) f.context = context;
  if (opts.showSecrets) f.secret = text;
  opts.onSecret?.(text);
  return f;
}
