// Git smart HTTP on loopback: `git http-backend` as CGI behind Node's http, serving every
// bare repository under `root` (URL path `/OWNER/NAME.git/...`). Paths listed in `broken`
// answer 500, so a clone of them fails as a real one would.
import { createServer } from 'node:http';
import { spawn } from 'node:child_process';

export async function startGitServer(root, { broken = [] } = {}) {
  const requests = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    requests.push({ method: req.method, path: url.pathname, auth: req.headers.authorization });
    if (broken.some((b) => url.pathname.startsWith(`/${b}`))) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      return res.end('repository is broken\n');
    }
    const cgi = spawn('git', ['http-backend'], {
      env: {
        PATH: process.env.PATH,
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: '1',
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.slice(1),
        REQUEST_METHOD: req.method,
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        CONTENT_LENGTH: req.headers['content-length'] ?? '',
        HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
        GIT_PROTOCOL: req.headers['git-protocol'] ?? '',
        REMOTE_ADDR: '127.0.0.1',
        SERVER_PROTOCOL: 'HTTP/1.1',
      },
    });
    req.pipe(cgi.stdin);
    let head = Buffer.alloc(0);
    let headersDone = false;
    cgi.stdout.on('data', (d) => {
      if (headersDone) return res.write(d);
      head = Buffer.concat([head, d]);
      let end = head.indexOf('\r\n\r\n');
      let sep = 4;
      if (end < 0) {
        end = head.indexOf('\n\n');
        sep = 2;
      }
      if (end < 0) return;
      headersDone = true;
      let status = 200;
      const headers = {};
      for (const line of head.subarray(0, end).toString('latin1').split(/\r?\n/)) {
        const i = line.indexOf(':');
        if (i < 0) continue;
        const k = line.slice(0, i).trim();
        const v = line.slice(i + 1).trim();
        if (k.toLowerCase() === 'status') status = parseInt(v, 10);
        else headers[k] = v;
      }
      res.writeHead(status, headers);
      res.write(head.subarray(end + sep));
    });
    cgi.stdout.on('end', () => {
      if (!headersDone) res.writeHead(502);
      res.end();
    });
    cgi.stderr.resume();
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}`, requests, close: () => new Promise((r) => server.close(r)) };
}
