import type { Finding, Origin } from '../types.js';

// One credential is often found in many versions of the same file (every blob of a config
// that changed 60 times, every image layer that copied it). People and code scanning want
// one entry per place: the version that is there now, then how long it has been there.
// Text, SARIF, issue bodies and the job summary all read this one grouping.

/** One version (blob, layer, chart version) of a place holding the credential. */
export interface PlaceVersion {
  /** Findings inside this version (a file can hold the value on several lines). */
  findings: Finding[];
  /** ISO date the version appeared (introducing commit, layer creation), when known. */
  date?: string;
  /** Commit that introduced it (git), when known. */
  commit?: string;
  live: boolean;
}

/** Every version of one place (a path in a repository, image, chart or folder) holding a credential. */
export interface PlaceRollup {
  /** What the place is in: `repo`, image or chart name; empty for plain folders. */
  container: string;
  kind: Origin['kind'];
  /** Path inside the container (`config/app.env`, `Env.DATABASE_URL` for image config). */
  path: string;
  /** The version to show first: the live one, else the newest. */
  current: PlaceVersion;
  /** The other versions, newest first. */
  earlier: PlaceVersion[];
  /** The oldest date any version of this place carries, and the commit of that version. */
  since?: string;
  sinceCommit?: string;
  /** Some version is still live (default branch, newest image, current chart, a plain file). */
  live: boolean;
  /** Every finding of this place, all versions. */
  findings: Finding[];
}

/** Groups findings by place (container + path); live places first, then by path. */
export function rollupLocations(findings: Finding[]): PlaceRollup[] {
  const places = new Map<string, { container: string; kind: Origin['kind']; path: string; versions: Map<string, PlaceVersion> }>();
  for (const f of findings) {
    const { container, path, version } = placeOf(f.origin);
    const key = `${f.origin.kind === 'image-config' ? 'cfg' : 'p'}\0${container}\0${path}`;
    let p = places.get(key);
    if (!p) places.set(key, (p = { container, kind: f.origin.kind, path, versions: new Map() }));
    const v = p.versions.get(version);
    if (v) v.findings.push(f);
    else p.versions.set(version, { findings: [f], ...dateOf(f.origin), live: isLive(f.origin) });
  }
  const out: PlaceRollup[] = [];
  for (const p of places.values()) {
    const versions = [...p.versions.values()];
    for (const v of versions) v.findings.sort((a, b) => a.line - b.line || a.column - b.column);
    versions.sort((a, b) => Number(b.live) - Number(a.live) || (b.date ?? '').localeCompare(a.date ?? ''));
    const [current, ...earlier] = versions;
    const dated = versions.filter((v) => v.date).sort((a, b) => a.date!.localeCompare(b.date!));
    out.push({
      container: p.container,
      kind: p.kind,
      path: p.path,
      current,
      earlier,
      since: dated[0]?.date,
      sinceCommit: dated[0]?.commit,
      live: versions.some((v) => v.live),
      findings: versions.flatMap((v) => v.findings),
    });
  }
  return out.sort((a, b) => Number(b.live) - Number(a.live) || a.container.localeCompare(b.container) || a.path.localeCompare(b.path));
}

/** `path:line:col` of a place's current version: what an editor or terminal opens. */
export function placeAnchor(p: PlaceRollup): string {
  const f = p.current.findings[0];
  return p.kind === 'image-config' ? p.path : `${p.path}:${f.line}:${f.column}`;
}

/** "3 earlier versions since 2024-01-02 (f6193bc)", or undefined when there is one version. */
export function earlierSummary(p: PlaceRollup, commitLink: (sha: string) => string = (s) => s.slice(0, 7)): string | undefined {
  if (!p.earlier.length) return undefined;
  const n = p.earlier.length;
  const oldest = p.earlier.filter((v) => v.date).sort((a, b) => a.date!.localeCompare(b.date!))[0];
  const since = oldest ? ` since ${oldest.date!.slice(0, 10)}` : '';
  const commit = oldest?.commit ? ` (${commitLink(oldest.commit)})` : '';
  return `${n} earlier version${n === 1 ? '' : 's'}${since}${commit}`;
}

/** Where the place lives, for headings: the repository, image (with layer) or chart. */
export function containerLabel(p: PlaceRollup): string {
  const o = p.current.findings[0].origin;
  switch (o.kind) {
    case 'git':
      return `repo ${o.repo}`;
    case 'image':
      return `image ${o.image} layer ${o.layer.index}${o.deletedLater ? ` (deleted by layer ${o.hiddenBy ?? '?'}, still shipped)` : ''}`;
    case 'image-config':
      return `image ${o.image} config`;
    case 'helm':
      return `chart ${o.chart}${o.version ? `@${o.version}` : ''}`;
    case 'file':
      return '';
  }
}

function placeOf(o: Origin): { container: string; path: string; version: string } {
  switch (o.kind) {
    case 'git':
      return { container: o.repo, path: o.path, version: o.blob };
    case 'image':
      return { container: o.image, path: o.path, version: `${o.layer.digest}` };
    case 'image-config':
      return { container: o.image, path: o.field, version: o.image };
    case 'helm':
      return { container: o.chart, path: o.path, version: `${o.source ?? ''}@${o.version ?? ''}` };
    case 'file':
      return { container: '', path: o.path, version: o.path };
  }
}

function dateOf(o: Origin): { date?: string; commit?: string } {
  switch (o.kind) {
    case 'git': {
      const c = o.commits[0];
      return c ? { date: isoDate(c.authorDate), commit: c.commit } : {};
    }
    case 'image':
      return { date: isoDate(o.layer.created) };
    case 'image-config':
      return { date: isoDate(o.created) };
    default:
      return {};
  }
}

function isLive(o: Origin): boolean {
  if (o.kind === 'git') return o.live !== false;
  if (o.kind === 'image') return !o.deletedLater;
  return true;
}

function isoDate(s: string | undefined): string | undefined {
  const t = s ? Date.parse(s) : NaN;
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}
