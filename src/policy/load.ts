import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parsePolicy, PolicyError } from './parse.js';
import { emptyPolicy, type Policy } from './types.js';

export const POLICY_FILE = '.credsweep.yaml';

/**
 * The policy for a run: `--config FILE` when given (it must exist), else `.credsweep.yaml`
 * in the scan root (when the target is a folder), else in the working directory, else none.
 */
export function loadPolicy(configFile: string | undefined, scanRoot?: string): Policy {
  if (configFile) {
    if (!existsSync(configFile)) throw new PolicyError(`--config ${configFile}: no such file`);
    return readPolicy(configFile);
  }
  const candidates = [...(scanRoot && isDir(scanRoot) ? [join(scanRoot, POLICY_FILE)] : []), POLICY_FILE];
  for (const c of candidates) if (existsSync(c)) return readPolicy(c);
  return emptyPolicy();
}

function readPolicy(file: string): Policy {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new PolicyError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return parsePolicy(text, file);
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
