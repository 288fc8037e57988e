// Case 14: megabytes of one repeated letter (a letter that a keyword repeats, so the prefilter
// fires at every byte), then one line with a real token.
import { realToken } from './fake-token.mjs';

export const SECRET_SEED = 'hostile-repeated-byte';

export function repeatedByte(bytes, letter = 'A') {
  const tail = Buffer.from(`\nGITHUB_TOKEN=${realToken(SECRET_SEED)}\n`);
  const out = Buffer.allocUnsafe(bytes + tail.length);
  out.fill(letter.charCodeAt(0), 0, bytes);
  tail.copy(out, bytes);
  return out;
}

export const secret = () => realToken(SECRET_SEED);
