/**
 * The hidden marker that ties an issue to a credential: `<!-- credsweep:fingerprint=FP state=S -->`.
 * `state` is a digest of what the issue says (locations, flags, severity), so a rerun can tell
 * "nothing changed" without comparing prose, or `gone` once the "no longer live" comment was posted.
 */
const MARKER = /<!--\s*credsweep:fingerprint=([0-9a-f]{16,128})(?:\s+state=([0-9a-z]+))?(?:\s+live=([01]))?\s*-->/;

export interface Marker {
  fingerprint: string;
  state?: string;
  /** Whether the credential was live when the issue was last written (to tell when it stops being). */
  live?: boolean;
}

export function renderMarker(m: Marker): string {
  return `<!-- credsweep:fingerprint=${m.fingerprint}${m.state ? ` state=${m.state}` : ''}${m.live === undefined ? '' : ` live=${m.live ? 1 : 0}`} -->`;
}

export function parseMarker(body: string | null | undefined): Marker | undefined {
  const m = body ? MARKER.exec(body) : null;
  return m ? { fingerprint: m[1], state: m[2], live: m[3] === undefined ? undefined : m[3] === '1' } : undefined;
}

export function replaceMarker(body: string, m: Marker): string {
  return MARKER.test(body) ? body.replace(MARKER, renderMarker(m)) : `${renderMarker(m)}\n${body}`;
}
