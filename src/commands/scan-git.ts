import { Option, type Command } from 'commander';
import { openGitSource, type BackendName } from '../sources/git/index.js';
import { addScanOptions, runScanCommand, type ScanOptions } from './common.js';

interface ScanGitOptions extends ScanOptions {
  branch?: string;
  includeStash: boolean;
  sinceCommit?: string;
  range?: string;
  since?: string;
  defaultBranch?: string;
  gitBackend?: BackendName;
  keepClone?: string;
}

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
    .option('--keep-clone <dir>', 'for a URL: clone into this folder and keep it (fetched into on later runs)');
  addScanOptions(cmd).action(async (repo: string, opts: ScanGitOptions) => {
    let cleanup = async () => {};
    try {
      process.exitCode = await runScanCommand({ kind: 'git', name: repo }, opts, async (_scanner, progress) => {
        const opened = await openGitSource(repo, {
          backend: opts.gitBackend,
          maxFileSize: opts.maxFileSize,
          exclude: opts.exclude,
          branch: opts.branch,
          includeStash: opts.includeStash,
          sinceCommit: opts.sinceCommit,
          range: opts.range,
          since: opts.since,
          defaultBranch: opts.defaultBranch,
          keepClone: opts.keepClone,
          progress,
        });
        cleanup = opened.cleanup;
        return opened.source;
      });
    } finally {
      await cleanup();
    }
  });
}
