import { send, unknown, type CheckEnv, type Material, type Outcome } from '../send.js';
import { amzDate, signV4 } from './sigv4.js';

const HOST = 'sts.amazonaws.com';
const BODY = 'Action=GetCallerIdentity&Version=2011-06-15';
const tag = (xml: string, name: string) => new RegExp(`<${name}>([^<]{1,512})</${name}>`).exec(xml)?.[1];

/**
 * STS GetCallerIdentity: needs no permission, changes nothing, and names the account and ARN.
 * The credential is the secret access key; its key ID is the paired finding.
 */
export async function verifyAws(m: Material, env: CheckEnv, now = new Date()): Promise<Outcome> {
  const keyId = m.paired;
  if (!keyId) return unknown('not checked: the access key ID paired with this secret was not found', []);
  if (!/^AKIA/.test(keyId)) return unknown(`not checked: ${keyId.slice(0, 4)} keys are temporary and need their session token`, []);
  const headers = signV4({
    method: 'POST',
    host: HOST,
    path: '/',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: BODY,
    region: 'us-east-1',
    service: 'sts',
    accessKeyId: keyId,
    secretAccessKey: m.value,
    amzDate: amzDate(now),
  });
  const { host: _h, ...rest } = headers;
  const sent = await send({ method: 'POST', url: new URL(`https://${HOST}/`), headers: rest, body: BODY }, env, (a) => /<Code>(Throttling|RequestLimitExceeded)<\/Code>/.test(a.body));
  if ('failure' in sent) return unknown(sent.failure, [HOST]);
  const a = sent.answer;
  const code = tag(a.body, 'Code');
  if (a.status === 200 && tag(a.body, 'Arn')) {
    return { status: 'active', reason: `HTTP 200 from ${HOST} GetCallerIdentity`, hosts: [HOST], identity: { account: `${tag(a.body, 'Arn')} (account ${tag(a.body, 'Account') ?? '?'})` } };
  }
  if (a.status === 403 && (code === 'InvalidClientTokenId' || code === 'SignatureDoesNotMatch')) {
    const why = code === 'InvalidClientTokenId' ? 'the key ID is deleted or deactivated' : 'the secret does not match its key ID (rotated, or not a pair)';
    return { status: 'inactive', reason: `${HOST} answered ${code}: ${why}`, hosts: [HOST] };
  }
  if (a.status === 429 || a.status === 400 && /Throttling/.test(code ?? '')) return unknown(`${HOST} rate-limited the check (HTTP ${a.status})`, [HOST]);
  return unknown(code ? `unexpected answer from ${HOST} (HTTP ${a.status} ${code})` : `malformed or unexpected answer from ${HOST} (HTTP ${a.status})`, [HOST]);
}
