import type { Chunk, ScanError, SkippedInput } from '../../types.js';
import { isBinary, type Source } from '../source.js';
import { firstLine, runGit } from '../git/git-cli.js';
import { findGitDir } from '../git/repo.js';

export interface StagedSourceOptions {
  maxFileSize: number;
}

/**
 * What `git commit` would record: the index's version of every added, copied or modified file
 * (not the work tree's), for a pre-commit hook. Two git calls, whatever the number of files.
 */
export class StagedSource implements Source {
  readonly skipped: SkippedInput[] = [];
  readonly errors: ScanError[] = [];
  readonly partial = true;
  private readonly gitdir: string;

  constructor(readonly name: string, private readonly opts: StagedSourceOptions) {
    this.gitdir = findGitDir(name);
  }

  async *chunks(): AsyncGenerator<Chunk> {
    const diff = await runGit(this.gitdir, ['diff', '--cached', '--raw', '-z', '--no-renames', '--no-abbrev', '--diff-filter=ACMR']);
    if (diff.code !== 0) throw new Error(`cannot list staged files in '${this.name}': ${firstLine(diff.stderr)}`);
    const staged = parseRawZ(diff.stdout.toString('utf8'));
    if (staged.length === 0) return;
    const cat = await runGit(this.gitdir, ['cat-file', '--batch'], staged.map((s) => s.blob).join('\n') + '\n');
    if (cat.code !== 0) throw new Error(`cannot read staged blobs in '${this.name}': ${firstLine(cat.stderr)}`);
    let at = 0;
    for (const s of staged) {
      const nl = cat.stdout.indexOf(0x0a, at);
      const [, type, sizeText] = cat.stdout.subarray(at, nl).toString('latin1').split(' ');
      if (type !== 'blob') {
        this.errors.push({ where: s.path, message: `staged object ${s.blob} is ${type ?? 'unreadable'}` });
        at = nl + 1;
        continue;
      }
      const size = Number(sizeText);
      const data = cat.stdout.subarray(nl + 1, nl + 1 + size);
      at = nl + 1 + size + 1;
      if (s.mode === '160000') continue;
      if (size > this.opts.maxFileSize) this.skipped.push({ path: s.path, reason: 'too-large', size });
      else if (isBinary(data)) this.skipped.push({ path: s.path, reason: 'binary', size });
      else yield { data: Buffer.from(data), origin: { kind: 'file', path: s.path } };
    }
  }
}

/** `git diff --raw -z` records: `:old new oldsha newsha status\0path\0`. */
export function parseRawZ(text: string): Array<{ mode: string; blob: string; path: string }> {
  const parts = text.split('\0');
  const out: Array<{ mode: string; blob: string; path: string }> = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const meta = parts[i].replace(/^:/, '').split(' ');
    if (meta.length < 5) break;
    out.push({ mode: meta[1], blob: meta[3], path: parts[i + 1] });
  }
  return out;
}
