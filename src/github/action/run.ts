import { writeFileSync, readFileSync } from 'node:fs';
import type { ScanOptions } from '../../commands/common.js';
import { makeScanner, UsageError } from '../../commands/common.js';
import { GitSource } from '../../sources/git/index.js';
import { findGitDir, shallowCommits } from '../../sources/git/repo.js';
import { scanSource } from '../../pipeline.js';
import { renderSarif } from '../../report/sarif.js';
import { renderText } from '../../report/text.js';
import type { ScanResult } from '../../types.js';
import { EXIT } from '../../exit-codes.js';
import { analyseToReport } from '../analyse-report.js';
import { runIssuesSink } from '../sink-command.js';
import { repoInfo } from '../targets.js';
import { planFromEvent, type ScanPlan } from './event.js';
import { settleBase } from './base.js';
import { appendSummary, setOutput } from './workflow-commands.js';
import { annotations, summaryMarkdown } from './render.js';

export interface ActionOptions extends ScanOptions {
  /** `auto`: what the event adds; `full`: the whole history. */
  mode: 'auto' | 'full';
  config?: string;
  sarif: string;
  path: string;
}

/**
 * The Action's entry: event -> git range -> scan of what it adds -> SARIF file, annotations,
 * job summary, step outputs, optional issues -> exit code by `--fail-on`.
 */
export async function runAction(o: ActionOptions, env: NodeJS.ProcessEnv = process.env, out: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const payload = env.GITHUB_EVENT_PATH ? JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) : {};
  const gitdir = findGitDir(o.path);
  const plan: ScanPlan = o.mode === 'full' ? { kind: 'full', describe: 'full history (mode: full)' } : settleBase(planFromEvent(eventName, payload), gitdir, payload);
  if (plan.kind !== 'nothing' && shallowCommits(gitdir).length > 0) {
    throw new UsageError(
      `the checkout at '${o.path}' is shallow, so the commits of this ${plan.describe} may be missing and their secrets would go unseen. ` +
        'Set `fetch-depth: 0` on actions/checkout (with: fetch-depth: 0) and run again.',
    );
  }
  const repoName = env.GITHUB_REPOSITORY ?? o.path;
  out(`credsweep: ${plan.describe}\n`);
  const startedAt = new Date().toISOString();
  let result: ScanResult = { findings: [], skipped: [], errors: [], stats: { chunks: 0, bytes: 0, seconds: 0 } };
  if (plan.kind !== 'nothing') {
    const scanner = makeScanner(o);
    try {
      const source = new GitSource(o.path, {
        maxFileSize: o.maxFileSize,
        repoName,
        allowEmpty: true,
        ...(plan.kind === 'range' ? { range: plan.range } : {}),
      });
      result = await scanSource(source, scanner);
    } finally {
      await scanner.close();
    }
  }
  const { report, failed } = analyseToReport({ kind: 'git', name: `${repoName} (${plan.describe})` }, startedAt, result, o, `git:${repoName}`);
  writeFileSync(o.sarif, renderSarif(report));
  out(renderText(report, { color: false }));
  for (const line of annotations(report)) out(line);
  appendSummary(summaryMarkdown(report, plan.describe, env), env);
  setOutput('findings', String(report.credentials.length), env);
  setOutput('sarif', o.sarif, env);

  const sink = o.openIssues
    ? await runIssuesSink(o, {
        credentials: report.credentials,
        known: new Map([[repoName, repoInfo(repoName, env.GITHUB_SERVER_URL)]]),
        fullScan: plan.kind === 'full',
        scannedRepos: plan.kind === 'full' ? [repoName] : undefined,
      })
    : undefined;
  if (report.errors.length || sink?.errors.length) return EXIT.PARTIAL;
  return failed ? EXIT.FINDINGS : EXIT.OK;
}
