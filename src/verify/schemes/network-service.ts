import { connect } from 'node:tls';
import { BudgetSpent } from '../limits.js';
import { unknown, type CheckEnv, type Material, type Outcome } from '../send.js';

// Database URLs name their own host: the check goes there and nowhere else, over TLS with the
// certificate verified, and only with --verify-network-services. Redis needs no driver (one
// AUTH command); Postgres, MySQL and MongoDB do, and credsweep ships none of them.
const NEEDS_DRIVER: Record<string, string> = { postgres: 'pg', mysql: 'mysql2', mongodb: 'mongodb' };

export async function verifyNetworkService(service: string | undefined, m: Material, env: CheckEnv): Promise<Outcome> {
  if (service && NEEDS_DRIVER[service]) {
    return unknown(`not checked: verifying ${service} URLs needs the npm package '${NEEDS_DRIVER[service]}', which credsweep does not ship`, []);
  }
  if (service !== 'redis') return unknown(`not checked: no verifier for ${service ?? 'this service'}`, []);
  const raw = m.context?.url;
  let u: URL;
  try {
    u = new URL(raw ?? '');
  } catch {
    return unknown('not checked: the URL around the password could not be read', []);
  }
  if (decodeURIComponent(u.password) !== m.value) return unknown('not checked: the URL found next to the password is not the one holding it', []);
  if (u.protocol !== 'rediss:') return unknown('not checked: a redis:// URL is plaintext; a password is only ever sent over TLS (rediss://)', []);
  const host = u.hostname;
  const port = Number(u.port || 6379);
  const where = `${host}:${port}`;
  try {
    const line = await env.gate.run(where, () => redisAuth(host, port, decodeURIComponent(u.username), m.value, env));
    if (line.startsWith('+OK')) return { status: 'active', reason: `${where} accepted AUTH`, hosts: [where], identity: { account: `${decodeURIComponent(u.username) || 'default'}@${where}` } };
    if (/^-(WRONGPASS|ERR invalid (username-)?password)/i.test(line)) return { status: 'inactive', reason: `${where} refused AUTH (${line.slice(1, 10).trim()})`, hosts: [where] };
    return unknown(`unexpected answer from ${where} to AUTH`, [where]);
  } catch (e) {
    return unknown(e instanceof BudgetSpent ? e.message : `${where}: ${(e as Error).message}`, [where]);
  }
}

const resp = (...args: string[]) => `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;

function redisAuth(host: string, port: number, user: string, pass: string, env: CheckEnv): Promise<string> {
  const t = env.transport;
  const timeoutMs = t.timeoutMs ?? 10_000;
  return new Promise((resolve, reject) => {
    const sock = connect({ host: t.connect?.host ?? host, port: t.connect?.port ?? port, servername: host, ...(t.ca ? { ca: t.ca } : {}) });
    let buf = '';
    const done = (f: () => void) => {
      clearTimeout(timer);
      sock.destroy();
      f();
    };
    const timer = setTimeout(() => done(() => reject(new Error(`no answer within ${timeoutMs} ms`))), timeoutMs);
    sock.on('secureConnect', () => sock.write(user ? resp('AUTH', user, pass) : resp('AUTH', pass)));
    sock.on('data', (d: Buffer) => {
      buf += d.toString('utf8');
      const nl = buf.indexOf('\r\n');
      if (nl >= 0) done(() => resolve(buf.slice(0, nl)));
    });
    sock.on('error', (e: Error & { code?: string }) => done(() => reject(new Error(e.code ?? 'TLS connection failed'))));
  });
}
