import { Command, CommanderError } from 'commander';
import { VERSION } from './version.js';
import { EXIT } from './exit-codes.js';
import { registerScanDir } from './commands/scan-dir.js';
import { registerScanGit } from './commands/scan-git.js';
import { registerScanImage } from './commands/scan-image.js';
import { registerScanHelm } from './commands/scan-helm.js';
import { registerScanStaged } from './commands/scan-staged.js';
import { registerRules } from './commands/rules.js';
import { registerAction } from './commands/action.js';
import { registerSweep } from './commands/sweep.js';
import { registerMerge } from './commands/merge.js';
import { registerBaseline } from './commands/baseline.js';
import { credentialsInArgs, escapeControl, guardStreams, processRedactor } from './redact/index.js';
import { runInterrupt } from './app/index.js';

/** The command tree: each command lives in src/commands/ and offers only the option groups it uses. */
export function buildProgram(): Command {
  const program = new Command('credsweep')
    .description('Find leaked credentials in git history, container images, Helm charts and folders, and tell which are stale or shared.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  const scan = program.command('scan').description('scan a source for credentials');
  registerScanDir(scan);
  registerScanGit(scan);
  registerScanImage(scan);
  registerScanHelm(scan);
  registerScanStaged(scan);
  registerRules(program);
  registerAction(program);
  registerSweep(program);
  registerMerge(program);
  registerBaseline(program);
  for (const c of [scan, ...scan.commands]) c.exitOverride();
  return program;
}

/** Wires commander to the command modules and maps errors to exit codes. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  // Secrets known before any scan: credentials in URLs on the command line and the GitHub token.
  for (const s of credentialsInArgs(argv)) processRedactor.add(s);
  for (const s of [process.env.GITHUB_TOKEN, process.env.GH_TOKEN, flagValue(argv, '--github-token')]) processRedactor.add(s);
  const unguard = guardStreams(processRedactor);
  runInterrupt.arm();
  // `credsweep ... | head`: the reader leaving is not an error; the run finishes with its own exit code.
  const onPipeError = (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  };
  process.stdout.on('error', onPipeError);
  try {
    await program.parseAsync(withScanAlias(argv));
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.OK;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    process.stderr.write(`credsweep: ${escapeControl((e as Error).message)}\n`);
    if (process.env.CREDSWEEP_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
    return EXIT.USAGE;
  } finally {
    process.stdout.off('error', onPipeError);
    runInterrupt.disarm();
    unguard();
  }
}

const SCAN_KINDS = new Set(['dir', 'git', 'image', 'helm']);

/** `credsweep dir PATH` and `credsweep git PATH` (the gitleaks habit) mean `credsweep scan dir|git PATH`. */
function withScanAlias(argv: string[]): string[] {
  return SCAN_KINDS.has(argv[2]) ? [...argv.slice(0, 2), 'scan', ...argv.slice(2)] : argv;
}

function flagValue(argv: string[], flag: string): string | undefined {
  const i = argv.findIndex((a) => a === flag || a.startsWith(`${flag}=`));
  if (i < 0) return undefined;
  return argv[i].includes('=') ? argv[i].slice(flag.length + 1) : argv[i + 1];
}
