import { PassThrough } from 'node:stream';
import type { Chunk, Finding, GitOrigin, ScanError, ScanResult, SkippedInput } from '../../types.js';
import { isBinary, type Source } from '../source.js';
import type { Scanner } from '../../engine/scanner.js';
import type { Progress } from '../../util/progress.js';
import type { BackendName, GitBackend } from './backend.js';
import { selectBackend } from './select-backend.js';
import { Provenance } from './provenance.js';
import { resolveSelection, type HistorySelection, type ResolvedSelection } from './range.js';
import { findGitDir, isRemoteUrl, shallowCommits, stashEntries } from './repo.js';
import { cloneBare, redactUrl } from './clone.js';
import { ExcludeList } from '../dir/exclude.js';
import { readAhead } from '../../util/read-ahead.js';
import { MAX_HELD_BYTES, Pieces } from '../pieces.js';

export type { BackendName } from './backend.js';
export type { HistorySelection } from './range.js';
export { isRemoteUrl } from './repo.js';

export interface GitSourceOptions extends HistorySelection {
  /** Default: native when a git binary exists. */
  backend?: BackendName;
  /** Bytes; larger blobs are skipped and counted. */
  maxFileSize: number;
  /** `origin.repo` in findings (the path or URL the user gave). Default: the git dir. */
  repoName?: string;
  /** `.gitignore`-style globs: introductions at matching paths are ignored (a blob only there is not read). */
  exclude?: string[];
  /** A range or filter that selects no commit is not an error (push of an existing commit). */
  allowEmpty?: boolean;
  progress?: Progress;
  /** Blob bytes read ahead of the engine (default READ_AHEAD_BYTES). */
  readAheadBytes?: number;
}

/** Bytes of blob content read ahead of the engine by default. */
export const READ_AHEAD_BYTES = 32 * 1024 * 1024;

export interface GitScanStats {
  commits: number;
  /** Commit and tag messages scanned. */
  messages: number;
  blobs: number;
  blobsScanned: number;
  bytes: number;
  skippedTooLarge: number;
  skippedBinary: number;
  backend?: BackendName;
}

/**
 * Every blob of a repository's history, each read and scanned once, however many commits
 * and paths hold it. The history walk, the blob reads and the scan run at once: a blob id
 * goes to the reader the moment the walk first meets it. `finish` then turns each finding's
 * blob into provenance: first introduction, other introductions, refs, live at HEAD.
 * Works on work trees and bare repositories.
 */
export class GitSource implements Source {
  readonly skipped: SkippedInput[] = [];
  readonly errors: ScanError[] = [];
  readonly stats: GitScanStats = { commits: 0, messages: 0, blobs: 0, blobsScanned: 0, bytes: 0, skippedTooLarge: 0, skippedBinary: 0 };
  readonly gitdir: string;
  private readonly provenance = new Provenance();
  private backend?: GitBackend;
  private selection?: ResolvedSelection;
  private readonly origins = new Map<string, GitOrigin>();
  private readonly pieces = new Pieces();
  /** Message chunks' object id -> the commit it belongs to (a tag's: the commit it tags). */
  private readonly messageCommit = new Map<string, string>();

  constructor(repoPath: string, private readonly opts: GitSourceOptions) {
    this.gitdir = findGitDir(repoPath);
  }

  get name(): string {
    return this.opts.repoName ?? this.gitdir;
  }

  /** Its own progress: blobs of a known total and commits walked. */
  readonly drivesProgress = true;

  /** A branch, range or date filter scans part of the history only. */
  get partial(): boolean {
    const o = this.opts;
    return !!(o.branch || o.range || o.sinceCommit || o.since);
  }

  async *chunks(): AsyncGenerator<Chunk> {
    const backend = (this.backend = await selectBackend(this.gitdir, this.opts.backend));
    this.stats.backend = backend.name;
    const sel = (this.selection = await resolveSelection(backend, this.opts, () => stashEntries(this.gitdir)));
    this.checkShallow();

    const excludes = this.opts.exclude?.length ? new ExcludeList(this.opts.exclude) : undefined;
    const submodules = new Map<string, string>();
    const ids = new PassThrough({ objectMode: true, highWaterMark: 1 << 16 });
    let walkError: unknown;
    const walk = (async () => {
      for await (const c of backend.commits(sel.tips, sel.exclude)) {
        if (sel.sinceTime !== undefined && c.commitTime < sel.sinceTime) continue;
        if (excludes) c.introductions = c.introductions.filter((i) => !excludes.excluded(i.path, false));
        for (const m of c.submodules) if (!submodules.has(m.path)) submodules.set(m.path, m.blob);
        for (const blob of this.provenance.add(c)) ids.write(blob);
        this.stats.commits = this.provenance.commitCount;
        this.stats.blobs = this.provenance.blobCount;
      }
    })()
      .catch((e) => {
        walkError = e;
      })
      .finally(() => ids.end());

    const tooLarge = new Map<string, number>();
    const binary = new Map<string, number>();
    const progress = this.opts.progress;
    // git keeps inflating while the engine waits on its workers: blobs queue here, not in a 64 KB pipe.
    // Binary blobs are told apart on their first 8 KB (isBinary reads no more) and never held whole.
    const reads = readAhead(backend.readBlobs(ids, Math.min(this.opts.maxFileSize, MAX_HELD_BYTES), isBinary), this.opts.readAheadBytes ?? READ_AHEAD_BYTES, (r) => ('data' in r ? r.data.length : 0) + 128);
    for await (const r of reads) {
      if ('error' in r) {
        this.errors.push({ where: `blob ${r.id}`, message: `${this.provenance.anyPath(r.id)}: ${r.error}` });
      } else if ('tooLarge' in r) {
        tooLarge.set(r.id, r.size);
      } else if ('binary' in r) {
        binary.set(r.id, r.size);
      } else if (isBinary(r.data)) {
        binary.set(r.id, r.data.length);
      } else {
        this.stats.blobsScanned++;
        this.stats.bytes += r.data.length;
        const path = this.provenance.anyPath(r.id);
        yield* this.pieces.split({ data: r.data, name: path, origin: { kind: 'git', repo: this.name, blob: r.id, path, commits: [] } });
      }
      if (progress) {
        progress.extra = `of ${this.stats.blobs} blobs, ${this.stats.commits} commits`;
        progress.tick('data' in r ? r.data.length : 'binary' in r ? r.size : 0);
      }
    }
    await walk;
    if (walkError) throw walkError;
    yield* this.messages(backend);
    progress?.done();
    for (const [path, commit] of submodules) {
      this.skipped.push({ path: `${path} (submodule at ${commit.slice(0, 12)})`, reason: 'submodule: its history is another repository; scan it on its own' });
    }
    this.errors.push(...backend.errors);
    this.stats.skippedTooLarge = tooLarge.size;
    this.stats.skippedBinary = binary.size;
    for (const [id, size] of tooLarge) this.skipped.push({ path: this.skippedName(id), reason: 'too-large', size });
    for (const [id, size] of binary) this.skipped.push({ path: this.skippedName(id), reason: 'binary', size });
    if (this.provenance.commitCount === 0 && !this.opts.allowEmpty) {
      throw new Error(`no commits to scan in ${redactUrl(this.name)} (${sel.describe}): the repository is empty or the range/filter selects nothing`);
    }
  }

  /**
   * Commit messages and annotated tag messages: secrets get pasted there too. Read after the
   * walk (ids of every commit walked, and of every tag on one), one object each.
   */
  private async *messages(backend: GitBackend): AsyncGenerator<Chunk> {
    const tags = (await backend.refs()).filter((r) => r.tag && this.provenance.hasCommit(r.commit));
    const tagOf = new Map(tags.map((r) => [r.tag!, r]));
    const ids = [...this.provenance.commitIds(), ...tagOf.keys()];
    for (const id of ids) if (!tagOf.has(id)) this.messageCommit.set(id, id);
    for (const t of tags) this.messageCommit.set(t.tag!, t.commit);
    async function* feed() {
      yield* ids;
    }
    for await (const r of backend.readMessages(feed(), Math.min(this.opts.maxFileSize, MAX_HELD_BYTES))) {
      const tag = tagOf.get(r.id);
      const path = tag ? `<tag ${tag.name.replace(/^refs\/tags\//, '')} message>` : '<commit message>';
      if ('error' in r) {
        this.errors.push({ where: `${tag ? 'tag' : 'commit'} ${r.id}`, message: `message not scanned: ${r.error}` });
        continue;
      }
      if ('tooLarge' in r) {
        this.skipped.push({ path: `${path} (${r.id})`, reason: 'too-large', size: r.size });
        continue;
      }
      if (!('data' in r)) continue; // never sniffed: messages are read without a sniff
      const message = messageOf(r.data);
      if (message.length === 0 || isBinary(message)) continue;
      this.stats.messages++;
      yield* this.pieces.split({ data: message, name: path, origin: { kind: 'git', repo: this.name, blob: r.id, path, commits: [], message: tag ? 'tag' : 'commit' } });
    }
  }

  private skippedName(blob: string): string {
    return `${this.provenance.firstPath(blob)} (blob ${blob})`;
  }

  private checkShallow(): void {
    const cut = shallowCommits(this.gitdir);
    if (cut.length === 0) return;
    this.errors.push({
      where: this.name,
      message:
        `shallow clone: history is cut at ${cut.length} commit(s) (${cut.map((c) => c.slice(0, 12)).join(', ')}); every older commit is missing ` +
        `and was not scanned. Run \`git fetch --unshallow\` (or clone without --depth) and scan again.`,
    });
  }

  async finish(pieceFindings: Finding[]): Promise<Finding[]> {
    const findings = this.pieces.finish(pieceFindings);
    if (!this.backend || !this.selection || findings.length === 0) return findings;
    const head = this.selection.headCommit;
    const liveBlobs = head ? await this.backend.treeBlobs(head) : undefined;
    const blobs = new Set<string>();
    for (const f of findings) {
      if (f.origin.kind !== 'git' || this.origins.has(f.origin.blob)) continue;
      const { blob, message, path } = f.origin;
      // A message's origin is its commit (or the commit its tag names), not a blob's provenance.
      if (message) this.origins.set(blob, this.provenance.messageOrigin(this.name, blob, this.messageCommit.get(blob) ?? blob, path, message, this.selection.refTips));
      else blobs.add(blob);
    }
    const made = this.provenance.origins(this.name, blobs, this.selection.refTips, (b) => (liveBlobs ? liveBlobs.has(b) : false));
    for (const [blob, o] of made) this.origins.set(blob, o);
    for (const f of findings) if (f.origin.kind === 'git') f.origin = this.origins.get(f.origin.blob) ?? f.origin;
    return findings;
  }
}

/** The message of a raw commit or tag object: what follows the first blank line. */
export function messageOf(raw: Buffer): Buffer {
  const at = raw.indexOf('\n\n');
  return at < 0 ? Buffer.alloc(0) : raw.subarray(at + 2);
}

export interface OpenGitOptions extends GitSourceOptions {
  /** Clone a remote here and keep it (fetched into on later runs). */
  keepClone?: string;
}

/** A path or URL (cloned bare to a temporary folder) as a GitSource; call `cleanup` after the scan. */
export async function openGitSource(target: string, opts: OpenGitOptions): Promise<{ source: GitSource; cleanup: () => Promise<void> }> {
  if (!isRemoteUrl(target)) return { source: new GitSource(target, { repoName: target, ...opts }), cleanup: async () => {} };
  const clone = await cloneBare(target, opts.keepClone);
  try {
    return { source: new GitSource(clone.gitdir, { repoName: redactUrl(target), ...opts }), cleanup: clone.cleanup };
  } catch (e) {
    await clone.cleanup();
    throw e;
  }
}
