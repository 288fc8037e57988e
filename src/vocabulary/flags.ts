// The credential flags hygiene can raise. Help text, the severity score, --fail-on, the
// README table and issue wording all derive from this one registry.

export interface FlagSpec {
  /** One line for --help and the README. */
  help: string;
  /** How the flag moves the severity score (see severity.ts in hygiene). */
  severityEffect: -1 | 0 | 1;
  /** The sentence an issue or report says after "This credential is". */
  explain: string;
  /** Flags that, when also present, cancel this one's severity effect (an inactive key is not made worse by its age). */
  cancelledBy?: readonly string[];
  /** The severity score starts from at least this confidence (a provider accepted the value: it is real). */
  confidenceFloor?: 'high';
}

export const CREDENTIAL_FLAGS = {
  stale: {
    help: 'older than the max age (`--max-age`, policy `maxAge`) and still in head (default branch tree, newest image, current chart, a plain file)',
    severityEffect: 1,
    cancelledBy: ['inactive'],
    explain: 'older than the rotation policy allows.',
  },
  shared: {
    help: "in more than one context (repositories, images, charts, environments); Helm's `values.yaml` is a baseline, not an environment",
    severityEffect: 1,
    explain: 'the same value appears in more than one repository, image, chart or environment.',
  },
  expired: {
    help: 'its own expiry (JWT `exp`, certificate `notAfter`) has passed: still a leak, never also called stale',
    severityEffect: -1,
    explain: 'past its embedded expiry date.',
  },
  rotated: {
    help: 'the same file and key, YAML path or env var later holds a different value; the old value is still exposed (findings in tests, vendored code, docs, examples or generated code never count, nor does a location holding several values at once)',
    severityEffect: 0,
    explain: 'the location now holds a different value; the old one is still exposed.',
  },
  'history-only': {
    help: 'not in head anywhere: removed from the tree but still in history, an older image tag or an older chart version',
    severityEffect: -1,
    cancelledBy: ['active'],
    explain: 'removed from the current tree but still readable in history.',
  },
  'hidden-layer': {
    help: 'deleted by a later image layer but still shipped to everyone who pulls the image: full severity, never lowered as history-only',
    severityEffect: 0,
    explain: 'deleted in a later image layer but still shipped in an earlier one.',
  },
  active: {
    help: 'with `--verify`: its provider accepted it just now (a read-only request); counts as high confidence, and stale + active is critical',
    severityEffect: 0,
    confidenceFloor: 'high',
    explain: 'accepted by its provider when credsweep checked it: it still works.',
  },
  inactive: {
    help: 'with `--verify`: its provider refused it (revoked or expired at the provider); lowers the severity, and it is no longer called worse for its age',
    severityEffect: -1,
    explain: 'refused by its provider when credsweep checked it: revoked or expired at the provider.',
  },
} as const satisfies Record<string, FlagSpec>;

export type CredentialFlag = keyof typeof CREDENTIAL_FLAGS;
export const FLAG_NAMES = Object.keys(CREDENTIAL_FLAGS) as CredentialFlag[];
