import t from 'tap';
import { createHash, randomBytes } from 'node:crypto';
import { base58Decode, base58CheckPayload, bip32ExtendedKey } from '../../../dist/detectors/validators/base58check.js';

const A = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const sha = (b) => createHash('sha256').update(b).digest();
function encode(buf) {
  let n = BigInt('0x' + buf.toString('hex'));
  let s = '';
  while (n > 0n) {
    s = A[Number(n % 58n)] + s;
    n /= 58n;
  }
  for (const b of buf) {
    if (b !== 0) break;
    s = '1' + s;
  }
  return s;
}
const check = (p) => encode(Buffer.concat([p, sha(sha(p)).subarray(0, 4)]));
const xprvPayload = (keyLead = 0) => Buffer.concat([Buffer.from('0488ade4', 'hex'), Buffer.alloc(9), randomBytes(32), Buffer.from([keyLead]), randomBytes(32)]);

t.test('round-trips Base58 with leading zero bytes', async (t) => {
  const b = Buffer.concat([Buffer.alloc(2), randomBytes(20)]);
  t.same(base58Decode(encode(b)), b);
});

t.test('an extended private key with a good checksum passes; a changed character fails', async (t) => {
  const key = check(xprvPayload());
  t.match(key, /^xprv/);
  t.equal(bip32ExtendedKey(key).valid, true);
  const i = 20;
  const swapped = key.slice(0, i) + (key[i] === 'a' ? 'b' : 'a') + key.slice(i + 1);
  t.equal(bip32ExtendedKey(swapped).valid, false);
  t.equal(base58CheckPayload('0OIl'), undefined, 'characters outside the alphabet');
});

t.test('a 78-byte payload whose key data does not start with 0x00 is a public key, not a private one', async (t) => {
  t.equal(bip32ExtendedKey(check(xprvPayload(2))).valid, false);
});
