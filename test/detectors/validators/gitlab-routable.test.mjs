import t from 'tap';
import { crc32 } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { validators } from '../../../dist/detectors/validators/index.js';

const v = validators['gitlab-routable'];

// Built the way GitLab's RoutableToken generator documents it.
function routable(prefix, routing, { versioned = true, marker = '', randomLen = 16 } = {}) {
  const payload = Buffer.concat([Buffer.from(routing), randomBytes(randomLen), Buffer.from([randomLen])]).toString('base64url');
  const body = `${prefix}${marker}${payload}.${versioned ? '01.' : ''}${payload.length.toString(36).padStart(2, '0')}`;
  return body + (crc32(body) >>> 0).toString(36).padStart(7, '0');
}

t.test('accepts routable tokens with a correct CRC', async (t) => {
  t.same(v('glpat-YzoxCm86ejZ2CnU6Znl2cJPa0HvR1A0O4kYdlZLIKtgQ.01.181qd3uw8'), { valid: true }, 'fixture from detectors/gitlab.yaml');
  for (const p of ['glpat-', 'glrt-', 'glcbt-', 'gldt-']) t.equal(v(routable(p, 'c:1\no:2a\nu:7z')).valid, true, p);
  t.equal(v(routable('glpat-', 'o:1\nu:2', { versioned: false })).valid, true, 'unversioned form');
  t.equal(v(routable('glrt-', 'c:1\no:5\nt:1', { marker: 't1_' })).valid, true, 'runner marker');
});

t.test('rejects a wrong checksum or length field', async (t) => {
  const tok = routable('glpat-', 'c:1\no:2a\nu:7z');
  const flipped = tok.slice(0, -1) + (tok.endsWith('0') ? '1' : '0');
  t.equal(v(flipped).valid, false, 'last CRC digit changed');
  const payloadFlip = tok.replace(/^glpat-(.)/, (_m, c) => 'glpat-' + (c === 'A' ? 'B' : 'A'));
  t.equal(v(payloadFlip).valid, false, 'payload changed, CRC unchanged');
  t.equal(v('glpat-' + 'a'.repeat(20)).valid, false, 'legacy shape is not routable');
  t.equal(v('not a token').valid, false);
});

t.test('unknown routing payload keeps the hit at medium', async (t) => {
  const r = v(routable('glpat-', 'zz:1\nq:2'));
  t.equal(r.valid, true);
  t.equal(r.confidence, 'medium');
  const noOrg = v(routable('glpat-', 'c:1\nu:2'));
  t.equal(noOrg.confidence, 'medium', 'o: is required');
});
