import type { Finding } from '../types.js';
import { imageName } from './context.js';
import { compareVersions } from './liveness.js';
import type { Rotation } from './types.js';

/** One value at one location at one moment. */
interface Sighting {
  fingerprint: string;
  location: string;
  /** The content that held it (git blob, image layer, config, chart version). */
  snapshot: string;
  date?: string;
  version?: string;
  evidence: string;
}

/**
 * Where a value sits, precisely enough that a different value there later is a rotation:
 * file and key (or YAML path) inside a repository, image or chart, or an image config field.
 * A hit with no key falls back to its rule id, so a replaced key file counts too.
 */
function sightings(f: Finding): Sighting[] {
  const o = f.origin;
  const slot = f.yamlPath ?? f.key ?? `(${f.ruleId})`;
  const fp = f.fingerprint;
  switch (o.kind) {
    case 'git':
      return o.commits.map((c) => ({
        fingerprint: fp,
        location: `repo:${o.repo} ${c.path} ${slot}`,
        snapshot: `blob:${o.blob}`,
        date: c.authorDate,
        evidence: `commit ${c.commit.slice(0, 10)}`,
      }));
    case 'image':
      return [{ fingerprint: fp, location: `image:${imageName(o.image)} ${o.path} ${slot}`, snapshot: `layer:${o.layer.digest}`, date: o.layer.created, evidence: `layer ${o.layer.index} of ${o.image}` }];
    case 'image-config':
      return [{ fingerprint: fp, location: `image:${imageName(o.image)} config ${o.field}`, snapshot: `config:${o.image}`, date: o.created, evidence: `config of ${o.image}` }];
    case 'helm': {
      const created = (o as { created?: string }).created;
      return [
        {
          fingerprint: fp,
          location: `chart:${o.chart} ${o.path} ${slot}`,
          snapshot: `chart:${o.chart}@${o.version ?? ''}:${o.source ?? ''}`,
          date: created,
          version: o.version,
          evidence: `${o.chart}@${o.version ?? '?'}`,
        },
      ];
    }
    case 'file':
      return []; // one snapshot in time: nothing to compare
  }
}

/** Positive when `a` is later than `b`; undefined when they cannot be ordered. */
function later(a: Sighting, b: Sighting): number | undefined {
  if (a.date && b.date) return Date.parse(a.date) - Date.parse(b.date);
  if (a.version && b.version) return compareVersions(a.version, b.version);
  return undefined;
}

/**
 * Rotations per fingerprint: value A at location L was rotated when some later snapshot of L
 * holds a different value B and not A. Pure; needs every finding of the scan.
 */
export function detectRotations(all: Finding[]): Map<string, Rotation[]> {
  const byLocation = new Map<string, Sighting[]>();
  const held = new Set<string>();
  for (const f of all) {
    // Fixtures, vendored and documentation copies are swapped for other fakes all the time: no rotation.
    if (f.context) continue;
    for (const s of sightings(f)) {
      byLocation.set(s.location, [...(byLocation.get(s.location) ?? []), s]);
      held.add(`${s.location}\0${s.snapshot}\0${s.fingerprint}`);
    }
  }
  const out = new Map<string, Rotation[]>();
  for (const [location, ss] of byLocation) {
    const fps = new Set(ss.map((s) => s.fingerprint));
    if (fps.size < 2) continue;
    // A location that holds several values in one snapshot (two tokens under one key or
    // rule in one file) is a list, not a slot: a value leaving it was not replaced.
    const perSnapshot = new Map<string, Set<string>>();
    for (const s of ss) perSnapshot.set(s.snapshot, (perSnapshot.get(s.snapshot) ?? new Set()).add(s.fingerprint));
    if ([...perSnapshot.values()].some((v) => v.size > 1)) continue;
    for (const a of fps) {
      const mine = ss.filter((s) => s.fingerprint === a);
      let best: Sighting | undefined;
      for (const b of ss) {
        if (b.fingerprint === a || held.has(`${location}\0${b.snapshot}\0${a}`)) continue;
        if (!mine.some((m) => (later(b, m) ?? 0) > 0)) continue;
        if (!best || (later(b, best) ?? 0) < 0) best = b;
      }
      if (best) {
        const r: Rotation = { location, ...(best.date ? { at: new Date(best.date).toISOString() } : {}), evidence: best.evidence, replacedBy: best.fingerprint };
        out.set(a, [...(out.get(a) ?? []), r]);
      }
    }
  }
  return out;
}
