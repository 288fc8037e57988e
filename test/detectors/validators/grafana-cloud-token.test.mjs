import t from 'tap';
import { grafanaCloudToken } from '../../../dist/detectors/validators/grafana-cloud-token.js';

const enc = (o) => Buffer.from(JSON.stringify(o)).toString('base64');

t.test('accepts a glc_ access policy token', async (t) => {
  const tok = `glc_${enc({ o: '918273', n: 'stack-4411-alloy-write', k: 'Hq2Wm9Zr4Tx7Lp1Nc8Vb3Kd6', m: { r: 'prod-eu-west-2' } })}`;
  t.equal(grafanaCloudToken(tok).valid, true);
});

t.test('accepts a legacy eyJrIjoi API key', async (t) => {
  const tok = enc({ k: 'Pm4Rt7Wz1Qx9Ln3Jc6Hv8Bd2Fs5Gk0Ya', n: 'deploy', id: 482913 });
  t.ok(tok.startsWith('eyJrIjoi'));
  t.equal(grafanaCloudToken(tok).valid, true);
});

t.test('rejects payloads missing the key or name, and non-JSON', async (t) => {
  t.equal(grafanaCloudToken(`glc_${enc({ o: '1', n: 'x' })}`).valid, false);
  t.equal(grafanaCloudToken(`glc_${enc({ k: 'Hq2Wm9Zr4Tx7Lp1Nc8Vb3Kd6', n: 'x' })}`).valid, false);
  t.equal(grafanaCloudToken(enc({ k: 'short', n: 'x', id: 1 })).valid, false);
  t.equal(grafanaCloudToken(`glc_eyJ${'Q'.repeat(60)}`).valid, false);
});
