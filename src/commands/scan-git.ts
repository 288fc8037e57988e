import { Option, type Command } from 'commander';
import { gitJob, offerGroups, resolveSettings, runScan, type GitTarget } from '../app/index.js';

const GROUPS = ['input', 'detection', 'verification', 'output', 'hygiene', 'github', 'issueTarget'] as const;

/** The command's own flags: the job's target fields as commander names them. */
type GitFlags = Omit<GitTarget, 'repo' | 'backend' | 'prePush'> & { gitBackend?: GitTarget['backend']; prePush: boolean };

export function registerScanGit(scan: Command): void {
  const cmd = scan
    .command('git')
    .description("scan a git repository's whole history (every blob once), a path or a URL (cloned bare)")
    .argument('[repo]', 'repository path (work tree or bare) or URL', '.')
    .option('--branch <ref>', 'only the history of this ref (default: every branch, tag and remote ref)')
    .option('--include-stash', 'also scan stash entries', false)
    .option('--since-commit <sha>', 'only commits after this one')
    .option('--range <base..head>', 'only what a push adds: commits in BASE..HEAD (all-zero BASE = new branch)')
    .option('--since <date>', 'only commits committed at or after this date')
    .option('--default-branch <ref>', 'with --range and an all-zero BASE: the branch to compare with (default: origin/HEAD, else HEAD)')
    .addOption(new Option('--git-backend <name>', 'native (git CLI) or isomorphic (isomorphic-git); default native when git exists').choices(['native', 'isomorphic']))
    .option('--keep-clone <dir>', 'for a URL: clone into this folder and keep it (fetched into on later runs)')
    .option('--pre-push', "git's pre-push hook: read the pushed refs from standard input and scan only what the push adds", false);
  offerGroups(cmd, GROUPS).action(async (repo: string, o: GitFlags) => {
    const job = gitJob({
      prePush: o.prePush ? await readStdin() : undefined,
      repo,
      branch: o.branch,
      includeStash: o.includeStash,
      sinceCommit: o.sinceCommit,
      range: o.range,
      since: o.since,
      defaultBranch: o.defaultBranch,
      backend: o.gitBackend,
      keepClone: o.keepClone,
    });
    process.exitCode = await runScan(job, resolveSettings(o as unknown as Record<string, unknown>, GROUPS));
  });
}

async function readStdin(): Promise<string> {
  const parts: Buffer[] = [];
  for await (const b of process.stdin) parts.push(Buffer.isBuffer(b) ? b : Buffer.from(b));
  return Buffer.concat(parts).toString('utf8');
}
