// Case 11: one very long line of GitHub-token-shaped strings (wrong checksums), with one
// real token near its end. Every shaped token is a regex match, a gate and a validator call;
// a gate that looks at "its line" rescans the whole line each time.
import { realToken, shapedToken } from './fake-token.mjs';

export const SECRET_SEED = 'hostile-long-line';

/** About `bytes` bytes, no newline except the last; the real token sits 90% of the way in. */
export function longLine(bytes) {
  const parts = [];
  let size = 0;
  let planted = false;
  for (let i = 0; size < bytes; i++) {
    const t = !planted && size >= bytes * 0.9 ? ((planted = true), realToken(SECRET_SEED)) : shapedToken(i);
    parts.push(t);
    size += t.length + 1;
  }
  if (!planted) parts.push(realToken(SECRET_SEED));
  return Buffer.from(parts.join(' ') + '\n');
}

export const secret = () => realToken(SECRET_SEED);
