// The types that cross stage boundaries (see shared/DESIGN.md). Sources produce Chunks,
// the engine turns them into Findings, hygiene groups Findings into Credentials, and
// reports consume both. A secret's value never appears in any of these unless the user
// asked for it with --show-secrets (then `Finding.secret` is set).

import type { Confidence } from './vocabulary/levels.js';
import type { CredentialFlag } from './vocabulary/flags.js';
export type { Confidence, CredentialFlag };
export { CONFIDENCE_ORDER } from './vocabulary/levels.js';

export interface CommitRef {
  commit: string;
  authorName: string;
  authorEmail: string;
  /** ISO-8601 */
  authorDate: string;
  /** ISO-8601 */
  commitDate: string;
  path: string;
}

export interface GitOrigin {
  kind: 'git';
  repo: string;
  blob: string;
  /** Path of the first introduction. */
  path: string;
  /** First introduction first; capped, see `commitCount`. */
  commits: CommitRef[];
  commitCount?: number;
  refs?: string[];
  /** Blob still present in the default branch's tree. */
  live?: boolean;
  /**
   * The finding is in a commit's or an annotated tag's message, not in a file: `blob` is then
   * the commit or tag object, `path` reads `<commit message>` or `<tag NAME message>`.
   */
  message?: 'commit' | 'tag';
}

export interface ImageLayerRef {
  index: number;
  digest: string;
  diffId?: string;
  createdBy?: string;
  /** ISO-8601 creation time of the history entry that made the layer. */
  created?: string;
}

export interface ImageOrigin {
  kind: 'image';
  image: string;
  layer: ImageLayerRef;
  path: string;
  /** A later layer deleted or overwrote this file; it still ships in the image. */
  deletedLater: boolean;
  hiddenBy?: number;
  /** Every repo tag of the image (`image` is the first). */
  tags?: string[];
  /** `os/arch[/variant]` of a multi-platform image's entry. */
  platform?: string;
}

export interface ImageConfigOrigin {
  kind: 'image-config';
  image: string;
  /** e.g. `Env.DATABASE_URL`, `Labels.x`, `history[3].created_by`, `Cmd` */
  field: string;
  created?: string;
  tags?: string[];
  platform?: string;
}

export interface HelmOrigin {
  kind: 'helm';
  chart: string;
  version?: string;
  /** Path inside the chart (or chart archive), e.g. `charts/postgresql/values.yaml`. */
  path: string;
  /** Environment name of a values file: `values-prod.yaml` gives `prod`, `values.yaml` gives `default`. */
  environment?: string;
  /** Where the chart was read from: folder or .tgz path. */
  source?: string;
  /** Subchart chain below `chart` when the file belongs to one, e.g. `postgresql` or `postgresql/common`. */
  subchart?: string;
}

export interface FileOrigin {
  kind: 'file';
  /** Path relative to the scan root, `/`-separated. */
  path: string;
  root?: string;
}

export type Origin = FileOrigin | GitOrigin | ImageOrigin | ImageConfigOrigin | HelmOrigin;

/** Bytes to scan and where they came from. */
export interface Chunk {
  data: Buffer;
  origin: Origin;
  /** Path-like name used by path-aware allowlists (test fixtures, lockfiles, assets). Defaults to origin path. */
  name?: string;
  /** Line offset added to reported lines (for chunks cut out of a larger file). */
  lineOffset?: number;
}

/** Dates carried inside the credential itself (JWT claims, certificate validity). */
export interface EmbeddedDates {
  issuedAt?: string;
  notBefore?: string;
  expiresAt?: string;
}

export type FindingKind = 'rule' | 'hygiene';

/** Tests, vendored code, docs, examples, generated code: see the registry in vocabulary/contexts.ts. */
export type { FindingContext } from './vocabulary/contexts.js';
import type { FindingContext } from './vocabulary/contexts.js';

/** Where a located thing starts and ends; 1-based lines and columns, end inclusive of its last character's column + 1. */
export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface Finding extends Span {
  /** 'rule' for provider/generic detector hits, 'hygiene' for structural findings such as a committed Secret manifest. */
  kind: FindingKind;
  ruleId: string;
  ruleName: string;
  provider: string;
  confidence: Confidence;
  /** A validator checked the token's checksum or structure. */
  validated: boolean;
  origin: Origin;
  /** HMAC-SHA-256 of the secret, hex. Stable per fingerprint key. */
  fingerprint: string;
  /** Redacted preview such as `ghp_…Q2 (40 chars)`. */
  preview: string;
  secretLength: number;
  /** Name the secret was assigned to on its line (`password`, `AWS_SECRET_ACCESS_KEY`), when there is one. */
  key?: string;
  /** YAML path of the value (`postgresql.auth.password`) for YAML sources. */
  yamlPath?: string;
  /** The secret was found inside a decoded segment ('base64', 'percent'). */
  decoded?: string;
  dates?: EmbeddedDates;
  /** Paired credential part (e.g. the AWS key id found beside a secret key). */
  pairedWith?: { ruleId: string; fingerprint: string; preview: string };
  /** Why the confidence was lowered, when it was (test fixture path, placeholder-like). */
  notes?: string[];
  /** Tests, vendored code, docs, examples or generated code: confidence lowered one level. Absent for ordinary files. */
  context?: FindingContext;
  /** Credential-store or framework file format the hit was read from (`netrc`, `kubeconfig`, `dotenv`...; see detectors/file-formats.ts). */
  fileFormat?: string;
  /** Only with --show-secrets. */
  secret?: string;
}

export interface SkippedInput {
  path: string;
  reason: 'too-large' | 'binary' | 'excluded' | 'symlink-outside-root' | 'unreadable' | 'over-cap' | string;
  size?: number;
}

export interface ScanError {
  /** File, layer, object id or archive the error is about. */
  where: string;
  message: string;
}

export interface ScanStats {
  chunks: number;
  bytes: number;
  seconds: number;
  /** Worker threads the engine ran (0: the calling thread). */
  threads?: number;
}

export interface ScanResult {
  findings: Finding[];
  skipped: SkippedInput[];
  errors: ScanError[];
  stats: ScanStats;
}

