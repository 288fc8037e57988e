// Every SARIF a test produces goes through `checkSarif`: the official SARIF 2.1.0 schema
// (vendored in test/report/) and GitHub code scanning's documented upload limits
// (docs: code-security/code-scanning/troubleshooting-sarif-uploads/results-exceed-limit, file-too-large).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import Ajv from 'ajv';

const schema = JSON.parse(readFileSync(new URL('../report/sarif-schema-2.1.0.json', import.meta.url), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
// The formats the schema names (ajv-formats is not installed): checked as RFC 3986 / ISO 8601 shapes.
ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:[^\s]*$/i);
ajv.addFormat('uri-reference', /^[^\s]*$/);
ajv.addFormat('date-time', (s) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(s));
const validate = ajv.compile(schema);

export const GITHUB_LIMITS = {
  gzipBytes: 10 * 1024 * 1024,
  runsPerFile: 20,
  resultsPerRun: 25_000,
  rulesPerRun: 25_000,
  toolExtensionsPerRun: 100,
  locationsPerResult: 1_000,
  tagsPerRule: 20,
  /** Shown: only the first 100 locations of a result, the first 10 tags of a rule. */
  shownLocations: 100,
  shownTags: 10,
};

const PRECISIONS = ['very-high', 'high', 'medium', 'low'];

/** Problems with a SARIF document (string or object): schema errors and GitHub-limit breaches; [] when fine. */
export function sarifProblems(input) {
  const text = typeof input === 'string' ? input : JSON.stringify(input);
  const doc = typeof input === 'string' ? JSON.parse(input) : input;
  const out = [];
  if (!validate(doc)) for (const e of validate.errors) out.push(`schema: ${e.instancePath || '/'} ${e.message}${e.params ? ' ' + JSON.stringify(e.params) : ''}`);
  const L = GITHUB_LIMITS;
  const gz = gzipSync(text).length;
  if (gz > L.gzipBytes) out.push(`gzip size ${gz} > ${L.gzipBytes}`);
  if (doc.runs.length > L.runsPerFile) out.push(`runs ${doc.runs.length} > ${L.runsPerFile}`);
  for (const [ri, run] of doc.runs.entries()) {
    const rules = run.tool.driver.rules ?? [];
    if ((run.results ?? []).length > L.resultsPerRun) out.push(`run ${ri}: results ${run.results.length} > ${L.resultsPerRun}`);
    if (rules.length > L.rulesPerRun) out.push(`run ${ri}: rules ${rules.length} > ${L.rulesPerRun}`);
    if ((run.tool.extensions ?? []).length > L.toolExtensionsPerRun) out.push(`run ${ri}: extensions > ${L.toolExtensionsPerRun}`);
    for (const rule of rules) {
      const p = rule.properties ?? {};
      const tags = p.tags ?? [];
      if (tags.length > L.shownTags) out.push(`rule ${rule.id}: ${tags.length} tags (only ${L.shownTags} shown, ${L.tagsPerRule} accepted)`);
      // Code scanning reads the score and precision from the rule, not the result.
      const sev = Number(p['security-severity']);
      if (!(typeof p['security-severity'] === 'string' && sev >= 0 && sev <= 10)) out.push(`rule ${rule.id}: security-severity '${p['security-severity']}' is not a 0.0-10.0 string`);
      if (!PRECISIONS.includes(p.precision)) out.push(`rule ${rule.id}: precision '${p.precision}'`);
      if (!rule.help?.markdown || !rule.help?.text) out.push(`rule ${rule.id}: help.text and help.markdown`);
    }
    if (!run.automationDetails?.id) out.push(`run ${ri}: automationDetails.id`);
    for (const [i, res] of (run.results ?? []).entries()) {
      const locs = [...(res.locations ?? []), ...(res.relatedLocations ?? [])];
      if ((res.locations ?? []).length > L.shownLocations) out.push(`result ${i}: ${res.locations.length} locations (only ${L.shownLocations} shown)`);
      if (locs.length > L.locationsPerResult) out.push(`result ${i}: ${locs.length} locations > ${L.locationsPerResult}`);
      if (!res.ruleId || !rules.some((r) => r.id === res.ruleId)) out.push(`result ${i}: ruleId '${res.ruleId}' has no rule`);
      if (!res.partialFingerprints?.primaryLocationLineHash) out.push(`result ${i}: no primaryLocationLineHash`);
      for (const l of locs) {
        const a = l.physicalLocation?.artifactLocation;
        if (!a?.uri) {
          out.push(`result ${i}: location without artifactLocation.uri`);
          continue;
        }
        // Relative to the repository root: no scheme, no leading slash, no '..', no local path.
        if (/^[a-z][a-z0-9+.-]*:/i.test(a.uri) || a.uri.startsWith('/') || a.uri.split('/').includes('..')) out.push(`result ${i}: uri '${a.uri}' is not repository-relative`);
        if (a.uriBaseId && !run.originalUriBaseIds?.[a.uriBaseId]) out.push(`result ${i}: uriBaseId ${a.uriBaseId} not in originalUriBaseIds`);
        if (!(l.physicalLocation.region?.startLine >= 1)) out.push(`result ${i}: region.startLine`);
      }
    }
  }
  return out;
}

/** node-tap: the document passes the schema and GitHub's limits. Returns the parsed document. */
export function checkSarif(t, input, what = 'SARIF') {
  const problems = sarifProblems(input);
  t.same(problems, [], `${what}: valid SARIF 2.1.0 within GitHub's upload limits`);
  return typeof input === 'string' ? JSON.parse(input) : input;
}
