import type { Credential } from '../hygiene/types.js';
import { SEVERITY_ORDER } from '../hygiene/types.js';
import type { Report } from './model.js';
import { containerLabel, earlierSummary, placeAnchor, rollupLocations, type PlaceVersion } from './rollup.js';
import { formatSize } from '../util/size.js';
import { escapeControl } from '../redact/escape.js';

export interface TextOptions {
  color: boolean;
  /** Places (paths, each rolled up over its versions) listed per credential before "and N more". */
  maxLocations?: number;
}

const ANSI = { red: 31, yellow: 33, cyan: 36, gray: 90, bold: 1, magenta: 35 } as const;

/** Human report grouped by credential, stale and shared first, then by severity. */
export function renderText(r: Report, opts: TextOptions): string {
  const c = (code: keyof typeof ANSI, s: string) => (opts.color ? `\x1b[${ANSI[code]}m${s}\x1b[0m` : s);
  const out: string[] = [];
  const creds = [...r.credentials].sort(credentialOrder);
  const max = opts.maxLocations ?? 10;
  const stale = creds.filter((x) => x.flags.includes('stale')).length;
  const shared = creds.filter((x) => x.flags.includes('shared')).length;
  if (stale || shared) out.push(c('bold', `${stale} stale and ${shared} shared credential(s): rotate these first`), '');
  for (const cred of creds) {
    const sev = cred.severity.toUpperCase();
    const sevText = cred.severity === 'critical' || cred.severity === 'high' ? c('red', sev) : cred.severity === 'medium' ? c('yellow', sev) : c('gray', sev);
    const flags = cred.flags.length ? ' ' + cred.flags.map((f) => c('magenta', `[${f}]`)).join(' ') : '';
    const kind = (cred.kind === 'hygiene' ? ' (hygiene)' : '') + (cred.baselined ? ' [baselined]' : '');
    out.push(`${sevText} ${c('bold', cred.ruleName)}${kind}  ${cred.preview}  fp:${cred.fingerprint.slice(0, 12)}${flags}`);
    const facts: string[] = [`rule ${cred.ruleId}`, `confidence ${cred.confidence}`];
    if (cred.ageDays !== undefined) facts.push(`age ${cred.ageDays}d${cred.ageEvidence ? ` (${cred.ageEvidence})` : ''}`);
    if (cred.lastSeen && cred.lastSeen !== cred.firstSeen) facts.push(`last seen ${cred.lastSeen.slice(0, 10)}`);
    if (cred.expiresAt) facts.push(`expires ${cred.expiresAt.slice(0, 10)}`);
    if (cred.contexts.length > 1) facts.push(`contexts: ${cred.contexts.join(', ')}`);
    out.push(c('gray', `    ${facts.join(' · ')}`));
    for (const [flag, why] of Object.entries(cred.reasons)) out.push(`    ${c('magenta', flag)}: ${why}`);
    const places = rollupLocations(cred.findings);
    const oneRepo = new Set(places.filter((p) => p.kind === 'git').map((p) => p.container)).size <= 1;
    for (const place of places.slice(0, max)) {
      const f = place.current.findings[0];
      const secret = r.showSecrets && f.secret ? `  secret=${f.secret}` : '';
      const yp = f.yamlPath ? ` (${f.yamlPath})` : '';
      const dec = (f.decoded ? ` [decoded ${f.decoded}]` : '') + (f.context ? ` [${f.context}]` : '') + (f.fileFormat ? ` [${f.fileFormat}]` : '');
      const more = place.current.findings.length > 1 ? ` (+ line ${place.current.findings.slice(1).map((x) => x.line).join(', ')})` : '';
      // A repository named once per credential is noise on every line; several are worth telling apart.
      const where = place.kind === 'git' && oneRepo ? '' : containerLabel(place);
      const detail = [where, versionNote(place.current), place.live ? '' : 'history only'].filter(Boolean).join(' · ');
      out.push(`    ${c('cyan', placeAnchor(place))}${more}${yp}${dec}${secret}${detail ? `  ${c('gray', detail)}` : ''}`);
      const earlier = earlierSummary(place);
      if (earlier) out.push(c('gray', `      ${earlier}`));
    }
    if (places.length > max) out.push(c('gray', `    … and ${places.length - max} more places (--format json lists every location)`));
    out.push('');
  }
  if (r.errors.length) {
    out.push(c('red', `Errors (${r.errors.length}); the rest was scanned:`));
    for (const e of r.errors.slice(0, 50)) out.push(`    ${e.where}: ${e.message}`);
    if (r.errors.length > 50) out.push(`    … and ${r.errors.length - 50} more`);
    out.push('');
  }
  if (r.skipped.length) {
    const byReason = new Map<string, number>();
    for (const s of r.skipped) byReason.set(s.reason, (byReason.get(s.reason) ?? 0) + 1);
    out.push(`Skipped ${r.skipped.length}: ${[...byReason].map(([k, v]) => `${v} ${k}`).join(', ')}`);
    for (const s of r.skipped.filter((s) => s.reason !== 'excluded').slice(0, 20)) {
      out.push(c('gray', `    ${s.path} (${s.reason}${s.size !== undefined ? `, ${formatSize(s.size)}` : ''})`));
    }
  }
  if (r.baseline?.unused?.length) {
    out.push(c('yellow', `Unused baseline entries in ${r.baseline.file} (${r.baseline.unused.length}):`));
    for (const u of r.baseline.unused) out.push(`    line ${u.line}: ${u.fingerprint}`);
  }
  if (r.unusedIgnores?.length) {
    out.push(c('yellow', `Unused ignore entries (${r.unusedIgnores.length}):`));
    for (const u of r.unusedIgnores) out.push(`    line ${u.line}: ${u.fingerprint.slice(0, 16)}…`);
  }
  if (r.inventory) {
    out.push(`Inventory: ${r.inventory.new.length} new, ${r.inventory.open.length} still open, ${r.inventory.fixed.length} fixed since last run`);
  }
  const mb = r.stats.bytes / 1024 / 1024;
  out.push(
    `${r.credentials.length} credential(s) in ${r.findings.length} finding(s); scanned ${r.stats.chunks} item(s), ${mb.toFixed(1)} MB in ${r.stats.seconds.toFixed(2)}s` +
      (r.ignored ? `; ${r.ignored} ignored` : '') +
      (r.allowed ? `; allowed by policy: ${r.allowed.paths} by path, ${r.allowed.values} by value, ${r.allowed.rules} by rule` : '') +
      (r.credentials.some((x) => x.baselined) ? `; ${r.credentials.filter((x) => x.baselined).length} baselined` : ''),
  );
  return out.map(safeLine).join('\n') + '\n';
}

/**
 * Untrusted strings (file names, paths from archives, commit data) must not start a line of
 * their own (a CI log would read `::workflow-command::`) or drive the terminal: every control
 * character becomes a visible escape, except the colour codes this renderer adds itself.
 */
function safeLine(line: string): string {
  return line.split(/(\x1b\[\d+m)/).map((part, i) => (i % 2 === 1 ? part : escapeControl(part))).join('');
}

function credentialOrder(a: Credential, b: Credential): number {
  const lead = (c: Credential) => (c.flags.includes('stale') ? 2 : 0) + (c.flags.includes('shared') ? 1 : 0);
  return lead(b) - lead(a) || SEVERITY_ORDER[b.severity] - SEVERITY_ORDER[a.severity] || a.ruleId.localeCompare(b.ruleId);
}

/** `added f6193bc 2025-04-27` for the version shown. */
function versionNote(v: PlaceVersion): string {
  if (v.commit) return `added ${v.commit.slice(0, 7)}${v.date ? ` ${v.date.slice(0, 10)}` : ''}`;
  return v.date ? `created ${v.date.slice(0, 10)}` : '';
}
