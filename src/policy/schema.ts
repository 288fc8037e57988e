import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';

const SCHEMA_URL = new URL('../../schema/credsweep-policy.schema.json', import.meta.url);
let validate: ReturnType<Ajv['compile']> | undefined;

/** The first way `raw` breaks the policy schema: where (key path) and what, or undefined when it fits. */
export function validatePolicyShape(raw: unknown): { path: Array<string | number>; message: string } | undefined {
  validate ??= new Ajv({ allErrors: false, strict: false }).compile(JSON.parse(readFileSync(SCHEMA_URL, 'utf8')));
  if (validate(raw)) return undefined;
  const e = pickError(validate.errors ?? []);
  const path = e.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (e.keyword === 'additionalProperties') {
    const key = String((e.params as { additionalProperty: string }).additionalProperty);
    return { path: [...path, key], message: 'unknown key; see schema/credsweep-policy.schema.json for the keys allowed here' };
  }
  return { path, message: e.message ?? 'invalid' };
}

/** oneOf failures report each branch; the most specific (deepest) error reads best. */
function pickError(errors: ErrorObject[]): ErrorObject {
  return [...errors].sort((a, b) => b.instancePath.length - a.instancePath.length || (a.keyword === 'oneOf' ? 1 : 0) - (b.keyword === 'oneOf' ? 1 : 0))[0];
}
