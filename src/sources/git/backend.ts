/**
 * What a git backend gives the git source. Two implementations: `native` drives the git CLI
 * as streams, `isomorphic` reads objects with isomorphic-git. The source above them does the
 * dedup, the provenance and the range logic, so both give identical findings.
 */

export type BackendName = 'native' | 'isomorphic';

export interface RefTip {
  /** Full name, e.g. `refs/heads/main`, `refs/tags/v1`, `refs/stash`. */
  name: string;
  /** The commit the ref peels to. */
  commit: string;
  /** The annotated tag object the ref names, when it names one (its message is scanned). */
  tag?: string;
}

/** A blob that a commit brings in at a path: its tree has it there, and no parent does. */
export interface Introduction {
  path: string;
  blob: string;
}

export interface CommitInfo {
  id: string;
  /** Parents as recorded (shallow boundary commits have none here, as git treats them). */
  parents: string[];
  authorName: string;
  authorEmail: string;
  /** Unix seconds. */
  authorTime: number;
  commitTime: number;
  introductions: Introduction[];
  /** Submodules (gitlinks) the commit brings in or moves: never scanned here, always listed. */
  submodules: Introduction[];
}

export type BlobRead =
  | { id: string; data: Buffer }
  | { id: string; size: number; tooLarge: true }
  /** The reader's sniff (see readBlobs) called it binary: its bytes were not kept. */
  | { id: string; size: number; binary: true }
  | { id: string; error: string };

export interface GitBackend {
  readonly name: BackendName;
  /** Every ref that peels to a commit (symbolic refs such as `refs/remotes/origin/HEAD` left out). */
  refs(): Promise<RefTip[]>;
  /** The commit a revision names (sha, ref, short ref), or undefined. */
  resolve(rev: string): Promise<string | undefined>;
  /** Full name of the ref HEAD points at (e.g. `refs/heads/main`), undefined when detached. */
  headRef(): Promise<string | undefined>;
  /**
   * Commits reachable from `tips` and not from `exclude`, newest first (commit-date order),
   * each with the blobs it introduces. Regular files only (modes 100644/100755).
   */
  commits(tips: string[], exclude: string[]): AsyncIterable<CommitInfo>;
  /**
   * Reads blobs in the order the ids arrive; one answer per id. A backend that streams may
   * call `sniff` on a blob's first 8 KB and answer `binary` without reading it whole; one that
   * does not answers with the bytes, and the caller tests them.
   */
  readBlobs(ids: AsyncIterable<string>, maxSize: number, sniff?: (head: Buffer) => boolean): AsyncIterable<BlobRead>;
  /** Raw commit and tag objects (headers and message), in the order the ids arrive; one answer per id. */
  readMessages(ids: AsyncIterable<string>, maxSize: number): AsyncIterable<BlobRead>;
  /** Blob ids of regular files in a commit's tree. */
  treeBlobs(commit: string): Promise<Set<string>>;
  /** Errors that did not stop the walk (unreadable trees, a failed git process). */
  readonly errors: Array<{ where: string; message: string }>;
}
