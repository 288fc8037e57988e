import t from 'tap';
import { ageSecretKey, bech32Polymod, hrpExpand } from '../../../dist/detectors/validators/age-secret-key.js';

const CS = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
function makeKey(data) {
  const pm = bech32Polymod([...hrpExpand('age-secret-key-'), ...data, 0, 0, 0, 0, 0, 0]) ^ 1;
  const chk = Array.from({ length: 6 }, (_, i) => (pm >>> (5 * (5 - i))) & 31);
  return `AGE-SECRET-KEY-1${[...data, ...chk].map((d) => CS[d]).join('').toUpperCase()}`;
}
const data = Array.from({ length: 52 }, (_, i) => (i * 7 + 3) % 32);
data[51] = 0;
const key = makeKey(data);

t.test('accepts a key with a valid Bech32 checksum', async (t) => {
  t.equal(key.length, 74);
  t.equal(ageSecretKey(key).valid, true);
  t.equal(ageSecretKey(key.toLowerCase()).valid, true);
});

t.test('rejects a changed character, mixed case, wrong length or wrong prefix', async (t) => {
  const last = key.at(-1) === 'Q' ? 'P' : 'Q';
  t.equal(ageSecretKey(key.slice(0, -1) + last).valid, false);
  t.equal(ageSecretKey(key.slice(0, 20) + key.slice(20).toLowerCase()).valid, false);
  t.equal(ageSecretKey(key.slice(0, -2)).valid, false);
  t.equal(ageSecretKey(key.replace('AGE-SECRET-KEY-1', 'AGE-PUBLIC-KEY-1')).valid, false);
});
