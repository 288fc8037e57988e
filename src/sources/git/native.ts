import type { BackendName, BlobRead, CommitInfo, GitBackend, RefTip } from './backend.js';
import { catFileBatch } from './cat-file.js';
import { firstLine, runGit, spawnGit } from './git-cli.js';
import { LOG_FORMAT, parseRawLog } from './log-stream.js';

/** Drives the git CLI: `log --raw -c` for introductions, one `cat-file --batch` for contents. */
export class NativeBackend implements GitBackend {
  readonly name: BackendName = 'native';
  readonly errors: Array<{ where: string; message: string }> = [];

  constructor(readonly gitdir: string) {}

  async refs(): Promise<RefTip[]> {
    const r = await runGit(this.gitdir, ['for-each-ref', '--format=%(refname)%00%(objecttype)%00%(objectname)%00%(*objecttype)%00%(*objectname)%00%(symref)']);
    if (r.code !== 0) throw new Error(`cannot list refs of '${this.gitdir}': ${firstLine(r.stderr)}`);
    const out: RefTip[] = [];
    for (const line of r.stdout.toString('utf8').split('\n')) {
      if (!line) continue;
      const [name, type, id, peeledType, peeled, symref] = line.split('\0');
      if (symref) continue;
      if (type === 'commit') out.push({ name, commit: id });
      else if (type === 'tag' && peeledType === 'commit') out.push({ name, commit: peeled, tag: id });
    }
    return out;
  }

  async resolve(rev: string): Promise<string | undefined> {
    const r = await runGit(this.gitdir, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]);
    return r.code === 0 ? r.stdout.toString('utf8').trim() : undefined;
  }

  async headRef(): Promise<string | undefined> {
    const r = await runGit(this.gitdir, ['symbolic-ref', '--quiet', 'HEAD']);
    return r.code === 0 ? r.stdout.toString('utf8').trim() : undefined;
  }

  async *commits(tips: string[], exclude: string[]): AsyncGenerator<CommitInfo> {
    if (tips.length === 0) return;
    // Revisions go through stdin: a repository can have more refs than a command line holds.
    const p = spawnGit(this.gitdir, ['log', '--stdin', '-z', '--raw', '-c', '--no-abbrev', '--no-renames', '--no-color', '--no-ext-diff', LOG_FORMAT]);
    const stderr: Buffer[] = [];
    p.stderr.on('data', (b: Buffer) => stderr.push(b));
    p.stdin.on('error', () => {});
    p.on('error', () => {});
    const closed = new Promise<number>((res) => p.on('close', (code) => res(code ?? 1)));
    p.stdin.end([...tips, ...exclude.map((e) => `^${e}`)].join('\n') + '\n');
    try {
      yield* parseRawLog(p.stdout);
    } finally {
      if (p.exitCode === null) p.kill();
    }
    const code = await closed;
    if (code !== 0) this.errors.push({ where: 'git log', message: `history walk stopped early: ${firstLine(Buffer.concat(stderr).toString('utf8')) || `exit ${code}`}` });
  }

  readBlobs(ids: AsyncIterable<string>, maxSize: number, sniff?: (head: Buffer) => boolean): AsyncIterable<BlobRead> {
    return catFileBatch(this.gitdir, ids, maxSize, ['blob'], sniff);
  }

  readMessages(ids: AsyncIterable<string>, maxSize: number): AsyncIterable<BlobRead> {
    return catFileBatch(this.gitdir, ids, maxSize, ['commit', 'tag']);
  }

  async treeBlobs(commit: string): Promise<Set<string>> {
    const r = await runGit(this.gitdir, ['ls-tree', '-r', '-z', '--full-tree', commit]);
    const out = new Set<string>();
    if (r.code !== 0) {
      this.errors.push({ where: `tree of ${commit}`, message: `cannot list: ${firstLine(r.stderr)}` });
      return out;
    }
    for (const entry of r.stdout.toString('utf8').split('\0')) {
      // `<mode> SP <type> SP <id> TAB <path>`
      const tab = entry.indexOf('\t');
      if (tab < 0) continue;
      const [mode, , id] = entry.slice(0, tab).split(' ');
      if (mode === '100644' || mode === '100755') out.add(id);
    }
    return out;
  }
}
