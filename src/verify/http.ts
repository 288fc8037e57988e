import { Agent, request } from 'node:https';
import { hostAllowed } from './hosts.js';

/** How requests leave the process. The defaults are the only thing the CLI uses. */
export interface Transport {
  /** Extra trusted CA (PEM). Tests only: the local server emulating the providers. */
  ca?: string | Buffer;
  /**
   * Where to open the TCP connection instead of the host itself. Tests only: TLS still checks
   * the certificate against the provider's host name, and the Host header names it.
   */
  connect?: { host: string; port: number };
  /** Per attempt, milliseconds. */
  timeoutMs?: number;
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface HttpCall {
  method: 'GET' | 'POST';
  url: URL;
  headers: Record<string, string>;
  body?: string;
}

export class TransportError extends Error {}

const MAX_BODY = 256 * 1024;
const agents = new WeakMap<object, Agent>();
const DEFAULT_TRANSPORT: Transport = {};

/**
 * One HTTPS request, straight to the host (a fresh Agent: no proxy from the environment, no
 * shared pool), certificate checked, https only, documented hosts only. Error messages name the
 * host and what failed, never a header or body.
 */
export function httpsCall(call: HttpCall, t: Transport = DEFAULT_TRANSPORT): Promise<HttpAnswer> {
  const host = call.url.hostname;
  if (call.url.protocol !== 'https:' || call.url.port !== '' || !hostAllowed(host)) {
    return Promise.reject(new TransportError(`refused: ${call.url.protocol}//${host} is not a documented provider host over https`));
  }
  let agent = agents.get(t);
  if (!agent) agents.set(t, (agent = new Agent({ keepAlive: true, maxSockets: 4, ...(t.ca ? { ca: t.ca } : {}) })));
  const timeoutMs = t.timeoutMs ?? 10_000;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        method: call.method,
        host: t.connect?.host ?? host,
        port: t.connect?.port ?? 443,
        servername: host,
        path: call.url.pathname + call.url.search,
        headers: { host, 'user-agent': 'credsweep-verify', ...call.headers, ...(call.body !== undefined ? { 'content-length': String(Buffer.byteLength(call.body)) } : {}) },
        agent,
        timeout: timeoutMs,
      },
      (res) => {
        const parts: Buffer[] = [];
        let size = 0;
        res.on('data', (d: Buffer) => {
          size += d.length;
          if (size <= MAX_BODY) parts.push(d);
        });
        res.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
          resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(parts).toString('utf8') });
        });
        res.on('error', () => reject(new TransportError(`${host}: the answer broke off`)));
      },
    );
    const timer = setTimeout(() => req.destroy(new TransportError(`${host}: no answer within ${timeoutMs} ms`)), timeoutMs);
    req.on('timeout', () => req.destroy(new TransportError(`${host}: no answer within ${timeoutMs} ms`)));
    req.on('error', (e: Error & { code?: string }) => {
      clearTimeout(timer);
      reject(e instanceof TransportError ? e : new TransportError(`${host}: ${e.code ?? 'connection failed'}`));
    });
    req.on('close', () => clearTimeout(timer));
    if (call.body !== undefined) req.write(call.body);
    req.end();
  });
}

/** Closes idle keep-alive sockets so the process can exit. */
export function closeTransport(t: Transport = DEFAULT_TRANSPORT): void {
  agents.get(t)?.destroy();
  agents.delete(t);
}
