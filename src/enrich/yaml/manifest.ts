import { isMap, isPair, isScalar, isSeq, Scalar, type YAMLMap } from 'yaml';
import type { Chunk, Finding, Origin } from '../../types.js';
import { isTemplated } from '../../engine/placeholders.js';
import { isBinary } from '../../sources/source.js';
import { joinPath, segment } from './line-keys.js';
import { keyText } from './paths.js';
import type { YamlDoc, YamlText } from './yaml-text.js';
import { hygieneFinding, secretLikeName, type HygieneFindingOptions, type HygieneHit, type HygieneRuleId } from './hygiene-rules.js';

/** Where a value sits in its file. */
export interface ValueSpan {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  yamlPath: string;
}

/** A base64 `data:` value of a Secret, decoded into a chunk of its own, with the manifest position to report. */
export interface DecodedValue {
  chunk: Chunk;
  span: ValueSpan;
}

export interface ManifestAnalysis {
  decoded: DecodedValue[];
  hygiene: Finding[];
}

interface Literal {
  value: string;
  span: ValueSpan;
}

const ENV_KEYS = /^(env|extraEnv|extraEnvVars|initEnv)$/i;
const DOCKER_CONFIG_KEYS = new Set(['.dockerconfigjson', '.dockercfg']);

/** A parsed document of a file: its nodes' ranges plus `base` are offsets in `file.text`. */
interface Place {
  file: YamlText;
  base: number;
}

/**
 * Kubernetes structure of one parsed YAML document, added to `out`: Secret data to decode
 * and scan, and hygiene findings for literal credentials in Secrets, env entries, ConfigMaps
 * and pull secrets. Any file, any source: the origin is only passed through.
 */
export function analyseManifest(d: YamlDoc, file: YamlText, origin: Origin, opts: HygieneFindingOptions, out: ManifestAnalysis): void {
  if (d.doc.errors.length > 0 || !isMap(d.doc.contents)) return;
  const hit = (ruleId: HygieneRuleId, key: string, value: string | Buffer, span: ValueSpan, decoded?: string, baseConfidence: 'medium' | 'high' = 'medium') => {
    const h: HygieneHit = { ruleId, origin, value, key, decoded, baseConfidence, ...span };
    out.hygiene.push(hygieneFinding(h, opts));
  };
  const at: Place = { file, base: d.base };
  const root = d.doc.contents;
  const kind = scalarString(root.get('kind', true));
  if (kind === 'Secret') secret(at, root, origin, out, hit);
  else if (kind === 'ConfigMap') configMap(at, root, hit);
  envEntries(at, root, [], hit);
}

type Hit = (ruleId: HygieneRuleId, key: string, value: string | Buffer, span: ValueSpan, decoded?: string, baseConfidence?: 'medium' | 'high') => void;

function secret(at: Place, root: YAMLMap, origin: Origin, out: ManifestAnalysis, hit: Hit): void {
  for (const field of ['data', 'stringData'] as const) {
    const map = root.get(field, true);
    if (!isMap(map)) continue;
    for (const p of map.items) {
      const key = isPair(p) ? keyText(p.key) : undefined;
      if (key === undefined) continue;
      const lit = literal(at, p.value, [field, segment(key)]);
      if (!lit) continue;
      let value: string | Buffer = lit.value;
      let decoded: string | undefined;
      if (field === 'data') {
        const bytes = decodeBase64(lit.value);
        if (bytes) {
          value = bytes;
          decoded = 'base64';
          if (bytes.length > 0 && !isBinary(bytes)) {
            // Its own origin object: the source recognises this chunk's findings by identity.
            out.decoded.push({ chunk: { data: bytes, origin: { ...origin }, name: 'path' in origin ? origin.path : undefined }, span: lit.span });
          }
        }
      }
      if (DOCKER_CONFIG_KEYS.has(key)) hit('inline-dockerconfigjson', key, value, lit.span, decoded, 'high');
      else hit('committed-secret-manifest', key, value, lit.span, decoded, 'medium');
    }
  }
}

function configMap(at: Place, root: YAMLMap, hit: Hit): void {
  const map = root.get('data', true);
  if (!isMap(map)) return;
  for (const p of map.items) {
    const key = isPair(p) ? keyText(p.key) : undefined;
    if (key === undefined || !secretLikeName(key)) continue;
    const lit = literal(at, p.value, ['data', segment(key)]);
    if (lit) hit('credential-in-configmap', key, lit.value, lit.span);
  }
}

/** `env:` lists anywhere in the document (pod specs, workload templates, values files). */
function envEntries(at: Place, node: unknown, path: string[], hit: Hit): void {
  if (isMap(node)) {
    for (const p of node.items) {
      if (!isPair(p)) continue;
      const key = keyText(p.key);
      if (key === undefined) continue;
      const here = [...path, segment(key)];
      if (ENV_KEYS.test(key) && isSeq(p.value)) {
        p.value.items.forEach((item, i) => envItem(at, item, [...here, `[${i}]`], hit));
      } else envEntries(at, p.value, here, hit);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => envEntries(at, item, [...path, `[${i}]`], hit));
  }
}

function envItem(at: Place, item: unknown, path: string[], hit: Hit): void {
  if (!isMap(item) || item.has('valueFrom')) return;
  const name = scalarString(item.get('name', true));
  if (!name || !secretLikeName(name)) return;
  const lit = literal(at, item.get('value', true), [...path, 'value']);
  if (lit) hit('literal-secret-env', name, lit.value, lit.span);
}

/** A scalar written literally in the file: not empty, not a template action or env reference. */
function literal(at: Place, node: unknown, path: string[]): Literal | undefined {
  if (!isScalar(node) || !node.range) return undefined;
  const start = node.range[0] + at.base;
  const end = node.range[1] + at.base;
  const raw = at.file.text.slice(start, end);
  if (raw.includes('{{')) return undefined;
  if (node.value === null || node.value === undefined) return undefined;
  const value = String(node.value);
  if (value.trim() === '' || isTemplated(value.trim())) return undefined;
  const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
  const from = at.file.positionOf(quoted ? start + 1 : start);
  const to = at.file.positionOf(quoted ? end - 1 : end);
  return { value, span: { line: from.line, column: from.column, endLine: to.line, endColumn: to.column, yamlPath: joinPath(path) } };
}

function scalarString(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

/** Strict base64 (what the API server accepts); anything else is kept as the literal it is. */
function decodeBase64(s: string): Buffer | undefined {
  const compact = s.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined;
  return Buffer.from(compact, 'base64');
}
