import { jsonOf } from '../answer.js';
import { send, unknown, type CheckEnv, type Material, type Outcome } from '../send.js';

const HOST = 'www.googleapis.com';

/**
 * A service-account key file is checked without sending its private key anywhere: Google
 * publishes every active key of a service account as a certificate at a public URL, so a key
 * whose `private_key_id` is listed is active, and one that is not (or whose account is gone) is not.
 */
export async function verifyGoogleServiceAccount(m: Material, env: CheckEnv): Promise<Outcome> {
  let key: { client_email?: unknown; private_key_id?: unknown };
  try {
    key = JSON.parse(m.value);
  } catch {
    return unknown('not checked: the key file is not valid JSON', []);
  }
  const email = key.client_email;
  const id = key.private_key_id;
  if (typeof email !== 'string' || !/^[a-z0-9-]+@[a-z0-9-]+\.iam\.gserviceaccount\.com$/.test(email) || typeof id !== 'string' || !/^[0-9a-f]{40}$/.test(id)) {
    return unknown('not checked: the key file lacks a service-account client_email or private_key_id', []);
  }
  const url = new URL(`https://${HOST}/service_accounts/v1/metadata/x509/${encodeURIComponent(email)}`);
  const sent = await send({ method: 'GET', url, headers: { accept: 'application/json' } }, env, () => false);
  if ('failure' in sent) return unknown(sent.failure, [HOST]);
  const a = sent.answer;
  if (a.status === 404) return { status: 'inactive', reason: `${HOST} knows no service account ${email} (deleted)`, hosts: [HOST] };
  const doc = jsonOf(a);
  if (a.status === 200 && doc && typeof doc === 'object' && !Array.isArray(doc)) {
    if (id in (doc as object)) return { status: 'active', reason: `key ${id.slice(0, 8)}… is among the active keys ${HOST} publishes for it`, hosts: [HOST], identity: { account: email } };
    return { status: 'inactive', reason: `key ${id.slice(0, 8)}… is no longer among the active keys ${HOST} publishes for ${email} (deleted or disabled)`, hosts: [HOST] };
  }
  if (a.status === 429) return unknown(`${HOST} rate-limited the check (HTTP 429)`, [HOST]);
  return unknown(`malformed or unexpected answer from ${HOST} (HTTP ${a.status})`, [HOST]);
}
