import { Command, CommanderError } from 'commander';
import { VERSION } from './version.js';
import { EXIT } from './exit-codes.js';
import { registerScanDir } from './commands/scan-dir.js';
import { registerScanGit } from './commands/scan-git.js';
import { registerScanImage } from './commands/scan-image.js';
import { registerScanHelm } from './commands/scan-helm.js';
import { registerRules } from './commands/rules.js';
import { registerAction } from './commands/action.js';
import { registerSweep } from './commands/sweep.js';
import { registerMerge } from './commands/merge.js';

/** Wires commander to the command modules; each command lives in src/commands/. */
export async function main(argv: string[]): Promise<number> {
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
  registerRules(program);
  registerAction(program);
  registerSweep(program);
  registerMerge(program);
  for (const c of [scan, ...scan.commands]) c.exitOverride();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.OK;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    process.stderr.write(`credsweep: ${(e as Error).message}\n`);
    if (process.env.CREDSWEEP_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
    return EXIT.USAGE;
  }
}
