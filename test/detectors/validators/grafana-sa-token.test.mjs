import t from 'tap';
import { crc32 } from 'node:zlib';
import { grafanaSaToken, grafanaChecksum } from '../../../dist/detectors/validators/grafana-sa-token.js';

const BODY = 'glsa_Zq3vN8xK1mP5tR7wY9aC2eG4iL6oS0uB';

t.test('checksum is CRC-32 of prefix+random, little-endian hex', async (t) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(crc32(BODY) >>> 0);
  t.equal(grafanaChecksum(BODY), b.toString('hex'));
});

t.test('accepts a token with a correct checksum', async (t) => {
  t.equal(grafanaSaToken(`${BODY}_${grafanaChecksum(BODY)}`).valid, true);
});

t.test('rejects a wrong checksum, a changed body, or a malformed token', async (t) => {
  const sum = grafanaChecksum(BODY);
  const bad = sum[0] === '0' ? `1${sum.slice(1)}` : `0${sum.slice(1)}`;
  t.equal(grafanaSaToken(`${BODY}_${bad}`).valid, false);
  t.equal(grafanaSaToken(`${BODY.replace('Zq3', 'Zq4')}_${sum}`).valid, false);
  t.equal(grafanaSaToken(`${BODY}_${sum}0`).valid, false);
  t.equal(grafanaSaToken(`${BODY}`).valid, false);
  t.equal(grafanaSaToken(`xxsa_abc_${sum}`).valid, false);
});
