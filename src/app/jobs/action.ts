import { readFileSync, writeFileSync } from 'node:fs';
import { GitSource } from '../../sources/git/index.js';
import { findGitDir, shallowCommits } from '../../sources/git/repo.js';
import { renderSarif } from '../../report/sarif.js';
import { repoInfo } from '../../github/targets.js';
import { planFromEvent, type ScanPlan } from '../../github/action/event.js';
import { settleBase } from '../../github/action/base.js';
import { appendSummary, setOutput } from '../../github/action/workflow-commands.js';
import { annotations, summaryMarkdown } from '../../github/action/render.js';
import type { Collected, ScanJob } from '../run-scan.js';
import { UsageError } from '../usage-error.js';
import { processRedactor } from '../../redact/index.js';

export interface ActionTarget {
  /** `auto`: what the event adds; `full`: the whole history. */
  mode: 'auto' | 'full';
  /** Where the SARIF file goes (besides the report in --format). */
  sarif: string;
  /** The checked-out repository. */
  path: string;
  /**
   * An explicit range instead of the event's: commits in `head` (default HEAD) not in `base`.
   * Default: the Action's `base`/`head` inputs (INPUT_BASE, INPUT_HEAD), which the runner passes as environment.
   */
  base?: string;
  head?: string;
}

/**
 * The GitHub Action: event -> git range -> scan of what it adds; besides the report, a SARIF
 * file, annotations, the job summary and step outputs.
 */
export function actionJob(t: ActionTarget, env: NodeJS.ProcessEnv = process.env, out: (s: string) => void = (s) => process.stdout.write(s)): ScanJob {
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const payload = env.GITHUB_EVENT_PATH ? JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) : {};
  const gitdir = findGitDir(t.path);
  const base = t.base ?? (env.INPUT_BASE || undefined);
  const head = t.head ?? (env.INPUT_HEAD || undefined) ?? (base ? 'HEAD' : undefined);
  const plan: ScanPlan =
    t.mode === 'full'
      ? { kind: 'full', describe: 'full history (mode: full)' }
      : base && head
        ? { kind: 'range', range: `${base}..${head}`, base, head, describe: `range ${base}..${head} (base/head inputs)` }
        : settleBase(planFromEvent(eventName, payload), gitdir, payload);
  if (plan.kind !== 'nothing' && shallowCommits(gitdir).length > 0) {
    throw new UsageError(
      `the checkout at '${t.path}' is shallow, so the commits of this ${plan.describe} may be missing and their secrets would go unseen. ` +
        'Set `fetch-depth: 0` on actions/checkout (with: fetch-depth: 0) and run again.',
    );
  }
  const repoName = env.GITHUB_REPOSITORY ?? t.path;
  return {
    target: { kind: 'git', name: `${repoName} (${plan.describe})` },
    scope: `git:${repoName}`,
    root: t.path,
    stdout: out,
    async collect(engine): Promise<Collected> {
      out(`credsweep: ${plan.describe}\n`);
      const issues = {
        known: new Map([[repoName, repoInfo(repoName, env.GITHUB_SERVER_URL)]]),
        fullScan: plan.kind === 'full',
        scannedRepos: plan.kind === 'full' ? [repoName] : undefined,
      };
      if (plan.kind === 'nothing') return { findings: [], skipped: [], errors: [], stats: { chunks: 0, bytes: 0, seconds: 0 }, partial: true, issues };
      const source = new GitSource(t.path, {
        maxFileSize: engine.settings.input.maxFileSize,
        exclude: engine.settings.input.exclude,
        repoName,
        allowEmpty: true,
        ...(plan.kind === 'range' ? { range: plan.range } : {}),
      });
      return { ...(await engine.scan(source)), issues };
    },
    sinks: [
      {
        write(report) {
          const r = (s: string) => processRedactor.redact(s);
          writeFileSync(t.sarif, r(renderSarif(report)));
          for (const line of annotations(report)) out(r(line));
          appendSummary(r(summaryMarkdown(report, plan.describe, env)), env);
          setOutput('credentials', String(report.credentials.length), env);
          // Kept for workflows written against the first release; same number as `credentials`.
          setOutput('findings', String(report.credentials.length), env);
          // With an inventory (--db): credentials it had not seen before; without one, every credential this scan found that no baseline accepts.
          setOutput('new', String(report.inventory ? report.inventory.new.length : report.credentials.filter((c) => !c.baselined).length), env);
          setOutput('sarif', t.sarif, env);
        },
        finish(code) {
          setOutput('exit-code', String(code), env);
        },
      },
    ],
  };
}
