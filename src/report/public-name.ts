/**
 * Names that may leave the machine (SARIF uploads, issues): a repository slug, an image or
 * chart name. A scan of a local folder or clone names it by its local path, which says
 * nothing to a reader elsewhere and tells where the scanner ran: those come back undefined.
 */
export function publicName(name: string | undefined): string | undefined {
  if (!name) return undefined;
  if (name.startsWith('/') || name.startsWith('~') || name.startsWith('.') || /^[A-Za-z]:[\\/]/.test(name) || name.includes('\\')) return undefined;
  if (name.startsWith('file:')) return undefined;
  return name;
}

/** A context label (`repo:…`, `image:…`, `chart:…`, `dir:…`, `… env:x`) that names no local path. */
export function publicContext(label: string): string | undefined {
  if (label.startsWith('dir:')) return undefined;
  const m = /^(repo|image|chart):(\S+)(.*)$/.exec(label);
  if (m && !publicName(m[2])) return undefined;
  return label;
}
