import { createHash } from 'node:crypto';
import { rollupLocations, placeAnchor } from '../report/rollup.js';
import { targetSeverity, type IssueTarget } from './issue-body.js';

// Over the per-run cap, credentials wait in one tracking issue per repository instead of
// opening an issue each: a repository with 200 leaked values gets 20 issues and a list.

const MARKER = /<!--\s*credsweep:tracking(?:\s+state=([0-9a-z]+))?\s*-->/;
const MAX_ROWS = 200;

export function parseTracking(body: string | null | undefined): { state?: string } | undefined {
  const m = body ? MARKER.exec(body) : null;
  return m ? { state: m[1] } : undefined;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Title and body of the tracking issue for credentials over the cap. Previews and fingerprints only. */
export function renderTracking(deferred: IssueTarget[], cap: number): { title: string; body: string; state: string } {
  const rows = deferred.map((t) => {
    const names = [t.credential, ...(t.parts ?? []).map((p) => p.credential)];
    const place = rollupLocations(t.findings)[0];
    return `| ${targetSeverity(t)} | ${cell(names.map((c) => c.ruleName).join(' + '))} | \`${cell(t.credential.preview)}\` | \`${t.credential.fingerprint.slice(0, 16)}\` | \`${cell(place ? placeAnchor(place) : '')}\`${t.live ? '' : ' (history only)'} |`;
  });
  const state = createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 16);
  const n = deferred.length;
  const body = [
    `<!-- credsweep:tracking state=${state} -->`,
    `credsweep found ${n} more credential${n === 1 ? '' : 's'} in this repository than it keeps issues open for (\`--max-issues ${cap}\`, worst first). ` +
      'They are listed here, worst first; later runs open their issues as open ones are closed, and close this one when none is left. Rotate them all: a value in this list is as exposed as one with an issue.',
    '',
    '| Severity | Credential | Preview | Fingerprint | Location |',
    '|---|---|---|---|---|',
    ...rows.slice(0, MAX_ROWS),
    ...(rows.length > MAX_ROWS ? ['', `… and ${rows.length - MAX_ROWS} more: run credsweep with \`--format json\` for the full list.`] : []),
    '',
  ].join('\n');
  return { title: `credsweep: ${n} more leaked credential${n === 1 ? '' : 's'} waiting for an issue`, body, state };
}
