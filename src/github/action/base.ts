import { execFileSync } from 'node:child_process';
import type { ScanPlan } from './event.js';

const ZERO = /^0+$/;

function revParse(gitdir: string, rev: string): string | undefined {
  try {
    return execFileSync('git', ['--git-dir', gitdir, 'rev-parse', '--verify', '--quiet', `${rev}^{commit}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * A new branch or tag (all-zero `before`), or a force push whose old tip was not fetched,
 * adds what the default branch lacks. The checkout may have the pushed commit at HEAD, so
 * "HEAD" is no help: the default branch comes from the payload and is looked up as the
 * remote-tracking ref actions/checkout makes, else a local branch.
 */
export function settleBase(plan: ScanPlan, gitdir: string, payload: { ref?: string; repository?: { default_branch?: string } }): ScanPlan {
  if (plan.kind !== 'range') return plan;
  const known = !ZERO.test(plan.base) && revParse(gitdir, plan.base);
  if (known) return plan;
  const def = payload.repository?.default_branch;
  if (!def || payload.ref === `refs/heads/${def}`) return plan;
  const tip = revParse(gitdir, `refs/remotes/origin/${def}`) ?? revParse(gitdir, `refs/heads/${def}`);
  if (!tip) return plan;
  return { ...plan, base: tip, range: `${tip}..${plan.head}`, describe: `${plan.describe} (commits not on ${def})` };
}
