import type { Report } from '../../report/model.js';
import type { Credential } from '../../hygiene/types.js';
import { SEVERITY_ORDER } from '../../hygiene/types.js';
import { earlierSummary, placeAnchor, rollupLocations } from '../../report/rollup.js';
import { artifactUri } from '../../report/sarif.js';
import { annotation, type Annotation } from './workflow-commands.js';

import { SEVERITIES } from '../../vocabulary/levels.js';

/**
 * GitHub shows at most 10 annotations of each level per step; more are dropped without a
 * word. So each level gets 9, worst first, and a 10th that says how many more there are.
 */
export const ANNOTATIONS_PER_LEVEL = 10;

const worstFirst = (a: Credential, b: Credential) => SEVERITY_ORDER[b.severity] - SEVERITY_ORDER[a.severity] || a.ruleId.localeCompare(b.ruleId) || a.fingerprint.localeCompare(b.fingerprint);

/** One annotation per credential per place (its live version), capped per level with a summary line. */
export function annotations(r: Report, perLevel = ANNOTATIONS_PER_LEVEL): string[] {
  const byLevel = new Map<Annotation['level'], Annotation[]>();
  for (const c of [...r.credentials].sort(worstFirst)) {
    for (const p of rollupLocations(c.findings)) {
      const f = p.current.findings[0];
      const flags = c.flags.length ? ` Flags: ${c.flags.join(', ')}.` : '';
      const earlier = earlierSummary(p);
      const level = SEVERITIES[c.severity].annotation;
      const inRepo = f.origin.kind === 'git' || f.origin.kind === 'file' || f.origin.kind === 'helm';
      const a: Annotation = {
        level,
        file: inRepo ? artifactUri(f.origin).uri.split('/').map(decodeURIComponent).join('/') : undefined,
        line: inRepo ? f.line : undefined,
        endLine: inRepo ? f.endLine : undefined,
        col: inRepo ? f.column : undefined,
        title: `credsweep: ${c.ruleName} (${c.severity})`,
        message: `${c.ruleName} ${c.preview}, fingerprint ${c.fingerprint.slice(0, 16)}${inRepo ? '' : ` at ${placeAnchor(p)}`}.${earlier ? ` ${earlier}.` : ''}${flags} Rotate it first, then remove it from the code and history.`,
      };
      byLevel.set(level, [...(byLevel.get(level) ?? []), a]);
    }
  }
  const out: string[] = [];
  for (const level of ['error', 'warning', 'notice'] as const) {
    const list = byLevel.get(level) ?? [];
    const shown = list.length > perLevel ? list.slice(0, perLevel - 1) : list;
    for (const a of shown) out.push(annotation(a));
    if (list.length > shown.length) {
      out.push(annotation({ level, title: 'credsweep: more findings', message: `${list.length - shown.length} more ${level}-level finding(s) not annotated here (GitHub shows ${perLevel} per level): see the job summary and the SARIF report.` }));
    }
  }
  return out;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The job summary: one row per credential, its places rolled up (live version first). */
export function summaryMarkdown(r: Report, scope: string, env: NodeJS.ProcessEnv): string {
  const lines = [`### credsweep: ${r.credentials.length ? `${r.credentials.length} credential(s) found` : 'no credentials found'}`, '', `Scanned ${cell(scope)}.`, ''];
  if (r.credentials.length) {
    lines.push('| Severity | Credential | Preview | Fingerprint | Location | Flags |', '|---|---|---|---|---|---|');
    const server = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '');
    const repoUrl = env.GITHUB_REPOSITORY ? `${server}/${env.GITHUB_REPOSITORY}` : undefined;
    for (const c of [...r.credentials].sort(worstFirst)) {
      const places = rollupLocations(c.findings);
      const p = places[0];
      const f = p.current.findings[0];
      const anchor = placeAnchor(p);
      const loc =
        repoUrl && f.origin.kind === 'git' && p.current.commit
          ? `[${cell(anchor)}](${repoUrl}/blob/${p.current.commit}/${f.origin.path.split('/').map(encodeURIComponent).join('/')}#L${f.line})`
          : `\`${cell(anchor)}\``;
      const earlier = earlierSummary(p);
      const more = places.length > 1 ? `<br>+${places.length - 1} more place(s)` : '';
      lines.push(`| ${c.severity} | ${cell(c.ruleName)} | \`${cell(c.preview)}\` | \`${c.fingerprint.slice(0, 16)}\` | ${loc}${p.live ? '' : ' (history only)'}${earlier ? `<br>${cell(earlier)}` : ''}${more} | ${c.flags.join(', ') || '-'} |`);
    }
  }
  if (r.errors.length) {
    lines.push('', `**${r.errors.length} error(s)**; the rest was scanned:`, '');
    for (const e of r.errors.slice(0, 20)) lines.push(`- ${cell(e.where)}: ${cell(e.message)}`);
  }
  lines.push('');
  return lines.join('\n') + '\n';
}
