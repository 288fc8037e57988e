import type { Report } from '../../report/model.js';
import { originPath } from '../../report/origin.js';
import { annotation } from './workflow-commands.js';

import { SEVERITIES } from '../../vocabulary/levels.js';

/** One annotation per finding, on the file and line; preview and fingerprint only. */
export function annotations(r: Report): string[] {
  const out: string[] = [];
  for (const c of r.credentials) {
    for (const f of c.findings) {
      const flags = c.flags.length ? ` Flags: ${c.flags.join(', ')}.` : '';
      out.push(
        annotation({
          level: SEVERITIES[c.severity].annotation,
          file: f.origin.kind === 'image-config' ? undefined : originPath(f.origin),
          line: f.line,
          endLine: f.endLine,
          col: f.column,
          title: `credsweep: ${c.ruleName} (${c.severity})`,
          message: `${c.ruleName} ${c.preview}, fingerprint ${c.fingerprint.slice(0, 16)}.${flags} Rotate it first, then remove it from the code and history.`,
        }),
      );
    }
  }
  return out;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The job summary: one table row per credential. */
export function summaryMarkdown(r: Report, scope: string, env: NodeJS.ProcessEnv): string {
  const lines = [`### credsweep: ${r.credentials.length ? `${r.credentials.length} credential(s) found` : 'no credentials found'}`, '', `Scanned ${cell(scope)}.`, ''];
  if (r.credentials.length) {
    lines.push('| Severity | Credential | Preview | Fingerprint | Location | Flags |', '|---|---|---|---|---|---|');
    const server = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '');
    for (const c of r.credentials) {
      const f = c.findings[0];
      const commit = f.origin.kind === 'git' ? f.origin.commits[0]?.commit : undefined;
      const where = `${originPath(f.origin)}:${f.line}`;
      const loc = commit && env.GITHUB_REPOSITORY ? `[${cell(where)}](${server}/${env.GITHUB_REPOSITORY}/blob/${commit}/${where.replace(/:(\d+)$/, '#L$1')})` : `\`${cell(where)}\``;
      const more = c.findings.length > 1 ? ` +${c.findings.length - 1}` : '';
      lines.push(`| ${c.severity} | ${cell(c.ruleName)} | \`${cell(c.preview)}\` | \`${c.fingerprint.slice(0, 16)}\` | ${loc}${more} | ${c.flags.join(', ') || '-'} |`);
    }
  }
  if (r.errors.length) {
    lines.push('', `**${r.errors.length} error(s)**; the rest was scanned:`, '');
    for (const e of r.errors.slice(0, 20)) lines.push(`- ${cell(e.where)}: ${cell(e.message)}`);
  }
  lines.push('');
  return lines.join('\n') + '\n';
}
