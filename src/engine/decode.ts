import RE2 from 're2';

export interface DecodedSegment {
  start: number;
  end: number;
  encoding: 'base64' | 'percent';
  decoded: Buffer;
}

// Encoded ':', '=' or '@': what a credential-bearing URL or query string needs. A bare
// `%20` or printf `%02x` (common in code) is not worth a second scan.
const PERCENT_HINT = new RE2('%(?:3[AaDd]|40)');
const PERCENT = new RE2('(?:[A-Za-z0-9._~+-]*%[0-9A-Fa-f]{2}){3,}[A-Za-z0-9._~+-]*', 'g');

/** Bounds so that a crafted file cannot make decoding blow up time or memory. */
const MAX_SEGMENTS = 64;
const MAX_SEGMENT_BYTES = 64 * 1024;
const MIN_BASE64 = 16;
/** Base64 characters that decode to the 4,096 bytes mostlyPrintable reads (and a little more). */
const PREFIX_CHARS = 5464;

// Byte -> is a base64 / base64url character.
const B64 = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_') B64[c.charCodeAt(0)] = 1;

/**
 * Encoded segments worth a second scan: base64 runs around the positions where the
 * prefilter saw a keyword's base64 form (`encodedAt`), and percent-encoded runs. Only
 * decodings that are mostly printable text are returned (hashes and images are not).
 */
export function* decodedSegments(data: Buffer, encodedAt: number[]): Generator<DecodedSegment> {
  let n = 0;
  // In order, so that every hit inside a run already measured (a megabyte data: URI in a
  // bundle holds many false hits) is skipped instead of walking the run again.
  const hits = [...encodedAt].sort((a, b) => a - b);
  let measuredTo = -1;
  for (const at of hits) {
    if (at < measuredTo) continue;
    let start = at;
    let end = at;
    while (start > 0 && B64[data[start - 1]] && at - start < MAX_SEGMENT_BYTES) start--;
    while (end < data.length && B64[data[end]] && end - start < MAX_SEGMENT_BYTES) end++;
    while (end < data.length && data[end] === 61 /* = */ && end - start < MAX_SEGMENT_BYTES) end++;
    // A run over the cap is skipped as a whole: continue past it, not just past this hit.
    if (end - start >= MAX_SEGMENT_BYTES) while (end < data.length && B64[data[end]]) end++;
    measuredTo = end;
    if (end - start < MIN_BASE64 || end - start >= MAX_SEGMENT_BYTES) continue;
    if (++n > MAX_SEGMENTS) return;
    // mostlyPrintable reads the first 4 KB of the decoding only: decode a prefix that yields
    // them first, and the rest only for text (most runs are hashes, images, minified data).
    // Node's base64 decoders take either alphabet and decode 4 characters at a time, so the
    // prefix's bytes are the whole decoding's first bytes.
    if (end - start > PREFIX_CHARS && !mostlyPrintable(Buffer.from(data.toString('latin1', start, start + PREFIX_CHARS), 'base64'))) continue;
    const text = data.toString('latin1', start, end);
    const decoded = Buffer.from(text, /[-_]/.test(text) ? 'base64url' : 'base64');
    if (decoded.length >= 8 && mostlyPrintable(decoded)) yield { start, end, encoding: 'base64', decoded };
  }
  if (!PERCENT_HINT.test(data)) return;
  let m: ReturnType<typeof PERCENT.exec>;
  for (const [s, e] of percentStretches(data)) {
    const view = data.subarray(s, e);
    PERCENT.lastIndex = 0;
    while ((m = PERCENT.exec(view)) !== null) {
      if (++n > MAX_SEGMENTS) return;
      if (m[0].length > MAX_SEGMENT_BYTES) continue;
      const decoded = percentDecode(m[0].toString('latin1'));
      if (decoded && decoded.length >= 8 && mostlyPrintable(decoded)) yield { start: s + m.index, end: s + m.index + m[0].length, encoding: 'percent', decoded };
    }
  }
}

// Byte -> whether PERCENT can consume it ('%', hex digits and the unreserved characters).
const PERCENT_BYTES = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._~+-%') PERCENT_BYTES[c.charCodeAt(0)] = 1;

/**
 * The stretches of bytes PERCENT can consume that hold at least three '%': every match lies
 * inside one (it consumes nothing else and needs three `%XX`), and PERCENT has no anchors
 * or word boundaries, so matching each alone finds the same matches, in the same order, as
 * matching the whole chunk. A file with a `%3A` somewhere (a printf-heavy C file, a bundle)
 * is then read by RE2 only around its '%' signs, found with memchr. Each byte is read at
 * most twice.
 */
function* percentStretches(data: Buffer): Generator<[number, number]> {
  for (let from = 0; ; ) {
    const p = data.indexOf(37, from);
    if (p < 0) return;
    let s = p;
    while (s > from && PERCENT_BYTES[data[s - 1]]) s--;
    let e = p;
    let signs = 0;
    while (e < data.length && PERCENT_BYTES[data[e]]) {
      if (data[e] === 37) signs++;
      e++;
    }
    if (signs >= 3) yield [s, e];
    from = e + 1;
  }
}

function percentDecode(s: string): Buffer | undefined {
  try {
    return Buffer.from(decodeURIComponent(s), 'utf8');
  } catch {
    return undefined;
  }
}

function mostlyPrintable(b: Buffer): boolean {
  const n = Math.min(b.length, 4096);
  const limit = Math.max(1, Math.floor(n * 0.02));
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i];
    if (((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127) && ++bad >= limit) return false;
  }
  return true;
}
