import t from 'tap';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { validators } from '../../../dist/detectors/validators/index.js';

const v = validators['gcp-service-account'];
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
const pem = privateKey.export({ type: 'pkcs8', format: 'pem' });
const base = {
  type: 'service_account',
  project_id: 'acme-test',
  private_key_id: randomBytes(20).toString('hex'),
  private_key: pem,
  client_email: 'ci@acme-test.iam.gserviceaccount.com',
  client_id: '104' + '1'.repeat(18),
};
const j = (o) => JSON.stringify(o, null, 2);

t.test('a complete key file is high confidence', async (t) => {
  t.same(v(j(base)), { valid: true });
});

t.test('structure problems', async (t) => {
  t.equal(v('{not json').valid, false);
  t.equal(v(j({ ...base, type: 'authorized_user' })).valid, false, 'wrong type');
  t.equal(v(j({ ...base, private_key: undefined })).valid, false, 'no key');
  t.equal(v(j({ ...base, client_email: 'nobody' })).valid, false, 'no email');
  t.equal(v('[1,2]').valid, false, 'not an object');
});

t.test('doubtful parts lower the confidence', async (t) => {
  const stub = v(j({ ...base, private_key: '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n' }));
  t.equal(stub.valid, true);
  t.equal(stub.confidence, 'low', 'unparseable key');
  t.equal(v(j({ ...base, private_key_id: 'abc' })).confidence, 'medium', 'odd key id');
  t.equal(v(j({ ...base, client_email: 'ci@acme.com' })).confidence, 'medium', 'not a service-account address');
});
