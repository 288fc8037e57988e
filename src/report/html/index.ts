import type { Report } from '../model.js';
import { htmlModel } from './model.js';
import { SCRIPT, STYLE } from './page.js';
import { CREDENTIAL_FLAGS } from '../../vocabulary/flags.js';
import { SEVERITY_NAMES } from '../../vocabulary/levels.js';

/** Text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON inside a <script> element: nothing in it can close the element or start a comment. */
function scriptJson(v: unknown): string {
  return JSON.stringify(v).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * `--format html`: one self-contained file (styles, script and data inline; no request leaves
 * it) with a summary, a sortable, filterable, paginated credential table, an age chart against
 * the rotation policy, a sharing matrix and per-credential detail. Works from file://.
 */
export function renderHtml(r: Report): string {
  const title = `credsweep: ${r.target.kind} ${r.target.name}`;
  const options = (xs: string[]) => xs.map((x) => `<option value="${escapeHtml(x)}">${escapeHtml(x)}</option>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style></head>
<body>
<header><h1>${escapeHtml(title)}</h1>
<p class="muted">credsweep ${escapeHtml(r.tool.version)} · started ${escapeHtml(r.startedAt)} · ${r.credentials.length} credential(s) in ${r.findings.length} finding(s) · ${r.stats.chunks} item(s) scanned · ${r.skipped.length} skipped · ${r.ignored} ignored. Values are never shown: previews and fingerprints only.</p></header>
<main>
<section id="summary"></section>
<h2>Credentials</h2>
<div class="controls">
<input id="q" type="search" placeholder="filter: rule, provider, path, context, fingerprint" size="48">
<select id="fsev"><option value="">any severity</option>${options(SEVERITY_NAMES.slice().reverse())}</select>
<select id="fflag"><option value="">any flag</option>${options(Object.keys(CREDENTIAL_FLAGS))}</select>
</div>
<table><thead><tr><th data-k="severity">Severity</th><th data-k="name">Credential</th><th data-k="preview">Preview</th><th>Flags</th><th data-k="age">Age</th><th data-k="contexts">Contexts</th><th data-k="firstSeen">First seen</th><th data-k="locations">Locations</th></tr></thead>
<tbody id="rows"></tbody></table>
<p id="pager"></p>
<section id="detail"></section>
<h2>Age against the rotation policy</h2><section id="age"></section>
<h2>Shared credentials</h2><section id="sharing"></section>
<section id="errors"></section>
</main>
<script type="application/json" id="credsweep-data">${scriptJson(htmlModel(r))}</script>
<script>${SCRIPT}</script>
</body></html>
`;
}
