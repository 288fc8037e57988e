// Case 16: a text file saved as UTF-16 (Windows editors and PowerShell `>` do this), with a
// byte-order mark. Its ASCII characters are interleaved with NUL bytes, so a NUL-byte test
// calls it binary.
import { realToken } from './fake-token.mjs';

export const SECRET_SEED = 'hostile-utf16';

/** `.env`-style text; the token is on line 3, after a non-ASCII line. */
export function utf16Text(order = 'le', seed = SECRET_SEED) {
  const text = `# Konfiguration für die Anwendung\r\nAPP_NAME=ümlaut-app\r\nGITHUB_TOKEN=${realToken(seed)}\r\n`;
  const le = Buffer.from('\ufeff' + text, 'utf16le');
  return order === 'le' ? le : le.swap16();
}

export const secret = (seed = SECRET_SEED) => realToken(seed);
