import RE2 from 're2';

export interface DecodedSegment {
  start: number;
  end: number;
  encoding: 'base64' | 'percent';
  decoded: Buffer;
}

// Long enough that decoding can hold a token (a 20-char token is 28 base64 chars).
const BASE64 = new RE2('[A-Za-z0-9+/]{32,}={0,2}|[A-Za-z0-9_-]{40,}', 'g');
const PERCENT = new RE2('(?:[A-Za-z0-9._~+-]*%[0-9A-Fa-f]{2}){3,}[A-Za-z0-9._~+-]*', 'g');

/** Bounds so that a crafted file cannot make decoding blow up time or memory. */
const MAX_SEGMENTS = 64;
const MAX_SEGMENT_BYTES = 64 * 1024;

/**
 * Encoded segments whose decoding is mostly printable text: those may hide credentials
 * (Kubernetes Secret data, basic-auth headers, docker auths, URL-encoded connection strings).
 * Binary decodings (hashes, images) are dropped here so the rules never see them.
 */
export function* decodedSegments(data: Buffer): Generator<DecodedSegment> {
  let n = 0;
  for (const [re, encoding] of [
    [BASE64, 'base64'],
    [PERCENT, 'percent'],
  ] as const) {
    re.lastIndex = 0;
    let m: ReturnType<typeof re.exec>;
    while ((m = re.exec(data)) !== null) {
      if (++n > MAX_SEGMENTS) return;
      const raw = m[0];
      if (raw.length > MAX_SEGMENT_BYTES) continue;
      const text = raw.toString('latin1');
      const decoded = encoding === 'base64' ? Buffer.from(text, text.includes('-') || text.includes('_') ? 'base64url' : 'base64') : percentDecode(text);
      if (!decoded || decoded.length < 8 || !mostlyPrintable(decoded)) continue;
      yield { start: m.index, end: m.index + raw.length, encoding, decoded };
    }
  }
}

function percentDecode(s: string): Buffer | undefined {
  try {
    return Buffer.from(decodeURIComponent(s.replace(/\+/g, ' ')), 'utf8');
  } catch {
    return undefined;
  }
}

function mostlyPrintable(b: Buffer): boolean {
  let bad = 0;
  const n = Math.min(b.length, 4096);
  for (let i = 0; i < n; i++) {
    const c = b[i];
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127) bad++;
  }
  return bad / n < 0.02;
}
