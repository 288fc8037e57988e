/**
 * Text saved as UTF-16 (Windows editors' "Unicode", PowerShell's `>` redirection, .reg and
 * some .ini/.env files) has a NUL byte beside every ASCII character, so a NUL-byte test calls
 * it binary and a byte regex never matches in it. It is turned into UTF-8 before scanning:
 * newlines stay newlines and every character stays one character (in JS units), so lines and
 * columns found in the UTF-8 text are those of the original file.
 */
export type TextEncoding = 'utf-16le' | 'utf-16be';

const SAMPLE = 8192;

/** UTF-16 by its byte-order mark, or, without one, by the shape of mostly-ASCII text in it. */
export function utf16Encoding(data: Uint8Array): TextEncoding | undefined {
  if (data.length >= 2) {
    if (data[0] === 0xff && data[1] === 0xfe) return 'utf-16le';
    if (data[0] === 0xfe && data[1] === 0xff) return 'utf-16be';
  }
  return unmarkedUtf16(data);
}

/**
 * Without a mark: at least 32 bytes of sample, no NUL code unit, and nearly every code unit
 * in one byte order a printable ASCII character or whitespace. Binary formats rarely
 * have a zero in every other byte and text-range bytes in all the others.
 */
function unmarkedUtf16(data: Uint8Array): TextEncoding | undefined {
  const n = Math.min(data.length, SAMPLE) & ~1;
  // UTF-16 of mostly-ASCII text is half NUL bytes: without one, the walk below is not needed.
  if (n < 32 || data.subarray(0, n).indexOf(0) < 0) return undefined;
  let le = 0;
  let be = 0;
  for (let i = 0; i < n; i += 2) {
    const a = data[i];
    const b = data[i + 1];
    if (a === 0 && b === 0) return undefined;
    if (b === 0 && asciiText(a)) le++;
    else if (a === 0 && asciiText(b)) be++;
  }
  const units = n / 2;
  if (le >= units * 0.95) return 'utf-16le';
  if (be >= units * 0.95) return 'utf-16be';
  return undefined;
}

const asciiText = (c: number) => (c >= 0x20 && c < 0x7f) || c === 9 || c === 10 || c === 13;

/** The text as UTF-8 without its byte-order mark when it is UTF-16; otherwise `data` itself. */
export function asUtf8(data: Buffer): Buffer {
  const enc = utf16Encoding(data);
  if (!enc) return data;
  const hasBom = data.length >= 2 && ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff));
  let body = data.subarray(hasBom ? 2 : 0, data.length - ((data.length - (hasBom ? 2 : 0)) % 2));
  if (enc === 'utf-16be') body = Buffer.from(body).swap16();
  return Buffer.from(body.toString('utf16le'), 'utf8');
}
