/** A command-line mistake: reported in one line, exit code 2 (usage). */
export class UsageError extends Error {}
