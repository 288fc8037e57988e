import type { Finding } from '../types.js';
import { imageName } from './context.js';
import { locationDates } from './evidence.js';

export interface Liveness {
  live: boolean;
  /** Why it is not live, in words. */
  why?: string;
}

/**
 * Liveness needs the whole scan: an image tag is live only if it is the newest tag of its
 * image seen (by creation date), a chart only at its highest version seen. Git blobs carry
 * their own answer (`live`: in the default branch's tree; unknown counts as live); files in
 * hidden image layers are live (they ship), and plain files are.
 */
export function livenessIndex(all: Finding[]): (f: Finding) => Liveness {
  const newestImage = newestBy(
    all.filter((f) => f.origin.kind === 'image' || f.origin.kind === 'image-config'),
    (f) => imageName((f.origin as { image: string }).image),
    (f) => (f.origin as { image: string }).image,
    (refs) => {
      const dated = refs.map(([ref, fs]) => [ref, latest(fs)] as const);
      if (dated.some(([, d]) => d === undefined)) return undefined;
      return dated.reduce((a, b) => (b[1]! > a[1]! ? b : a))[0];
    },
  );
  const currentChart = newestBy(
    all.filter((f) => f.origin.kind === 'helm'),
    (f) => (f.origin as { chart: string }).chart,
    (f) => (f.origin as { version?: string }).version ?? '',
    (refs) => (refs.some(([v]) => !v) ? undefined : refs.map(([v]) => v).reduce((a, b) => (compareVersions(b, a) > 0 ? b : a))),
  );
  return (f) => {
    const o = f.origin;
    switch (o.kind) {
      case 'file':
        return { live: true };
      case 'git':
        return o.live === false ? { live: false, why: `removed from the default branch of ${o.repo}, still in its history` } : { live: true };
      case 'image':
      case 'image-config': {
        // A file a later layer deletes still ships in its layer to everyone who pulls the
        // image: it counts as in head (the `hidden-layer` flag says where), never as history.
        const newest = newestImage.get(imageName(o.image));
        if (newest !== undefined && newest !== o.image) return { live: false, why: `only in ${o.image}, older than ${newest}` };
        return { live: true };
      }
      case 'helm': {
        const cur = currentChart.get(o.chart);
        if (cur !== undefined && o.version !== undefined && o.version !== cur) return { live: false, why: `only in ${o.chart}@${o.version}, not in the current ${o.chart}@${cur}` };
        return { live: true };
      }
    }
  };
}

/** Per group (image name, chart name): the member (tag, version) that is current, when it can be told. */
function newestBy(
  fs: Finding[],
  group: (f: Finding) => string,
  member: (f: Finding) => string,
  choose: (members: Array<[string, Finding[]]>) => string | undefined,
): Map<string, string | undefined> {
  const groups = new Map<string, Map<string, Finding[]>>();
  for (const f of fs) {
    const g = groups.get(group(f)) ?? new Map<string, Finding[]>();
    groups.set(group(f), g);
    const m = member(f);
    g.set(m, [...(g.get(m) ?? []), f]);
  }
  const out = new Map<string, string | undefined>();
  for (const [g, members] of groups) out.set(g, members.size > 1 ? choose([...members]) : undefined);
  return out;
}

function latest(fs: Finding[]): string | undefined {
  const ds = fs.flatMap(locationDates).map((d) => d.date).sort();
  return ds[ds.length - 1];
}

/** Compares dotted versions numerically where both parts are numbers (1.10.0 > 1.9.3). */
export function compareVersions(a: string, b: string): number {
  const pa = a.replace(/^v/, '').split(/[.+-]/);
  const pb = b.replace(/^v/, '').split(/[.+-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    const nx = /^\d+$/.test(x) ? Number(x) : NaN;
    const ny = /^\d+$/.test(y) ? Number(y) : NaN;
    const d = !Number.isNaN(nx) && !Number.isNaN(ny) ? nx - ny : x.localeCompare(y);
    if (d !== 0) return d;
  }
  return 0;
}
