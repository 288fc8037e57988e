/** Exit codes (DESIGN.md): documented in the README. */
export const EXIT = {
  /** Nothing found at or above the fail threshold. */
  OK: 0,
  /** Findings at or above the fail threshold. */
  FINDINGS: 1,
  /** Usage or input error: nothing meaningful was scanned. */
  USAGE: 2,
  /** Partial scan: some inputs unreadable, the rest scanned and reported. Takes precedence over 1. */
  PARTIAL: 3,
} as const;
