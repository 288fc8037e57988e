// A local HTTPS server that stands in for every provider's API: a throwaway CA made with the
// openssl CLI signs one certificate for every documented host, and the client reaches it through
// the test-only transport option (the CA, and the address to connect to instead of the host).
// TLS still checks the provider's name, so the server sees which host every request was meant for.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { createServer as createTlsServer } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOCUMENTED_HOSTS } from '../../dist/verify/index.js';

export function makeCertificates(extraNames = []) {
  const dir = mkdtempSync(join(tmpdir(), 'credsweep-verify-ca-'));
  const run = (...args) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=credsweep test CA');
  run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=providers.test');
  const names = [...DOCUMENTED_HOSTS, ...extraNames];
  writeFileSync(join(dir, 'ext.cnf'), `subjectAltName=${names.map((n) => `DNS:${n}`).join(',')}\n`);
  run('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'ext.cnf');
  const read = (f) => readFileSync(join(dir, f));
  const out = { ca: read('ca.pem'), key: read('server.key'), cert: read('server.pem') };
  rmSync(dir, { recursive: true, force: true });
  return out;
}

/**
 * Starts the server. `answer(req)` returns `{ status, headers?, body? }` (body: string or JSON
 * value). Every request is recorded with the TLS server name and the Host header it carried.
 */
export async function startProviderServer(certs, answer) {
  const requests = [];
  const server = createServer({ key: certs.key, cert: certs.cert }, (req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const r = { servername: req.socket.servername, host: req.headers.host, method: req.method, url: req.url, headers: req.headers, body };
      requests.push(r);
      const a = answer(r);
      const text = typeof a.body === 'string' ? a.body : a.body === undefined ? '' : JSON.stringify(a.body);
      res.writeHead(a.status, { 'content-type': typeof a.body === 'string' ? 'text/html' : 'application/json', ...(a.headers ?? {}) });
      res.end(text);
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    requests,
    transport: { ca: certs.ca, connect: { host: '127.0.0.1', port: server.address().port }, timeoutMs: 3000 },
    close: () => new Promise((r) => server.close(r)),
  };
}

/** A TLS server speaking just enough RESP to answer AUTH. */
export async function startRedisServer(certs, passwords) {
  const seen = [];
  const server = createTlsServer({ key: certs.key, cert: certs.cert }, (sock) => {
    sock.on('data', (d) => {
      const parts = d.toString().split('\r\n').filter((x, i) => i % 2 === 0 && i > 0);
      seen.push({ servername: sock.servername, args: parts });
      const pass = parts[parts.length - 1];
      sock.write(passwords.includes(pass) ? '+OK\r\n' : '-WRONGPASS invalid username-password pair or user is disabled.\r\n');
    });
    sock.on('error', () => {});
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { seen, port: server.address().port, close: () => new Promise((r) => server.close(r)) };
}
