// A small GitHub REST API on loopback for the tests: the endpoints credsweep uses, with
// Link-header pagination, rate-limit headers, injectable faults (403 secondary rate limit
// with retry-after, 5xx once) and a record of every request received.
import { createServer } from 'node:http';

export async function startApiServer({ gitBase, perPage = 5 } = {}) {
  const state = {
    /** full_name -> repo object */
    repos: new Map(),
    /** full_name -> [{ number, title, body, state, labels: [name], comments: [body] }] */
    issues: new Map(),
    /** full_name -> Set(label) */
    labels: new Map(),
    requests: [],
    /** Queue of faults: { method, match: RegExp, status, headers, body } applied once each. */
    faults: [],
    perPage,
  };

  function addRepo(owner, name, extra = {}) {
    const full = `${owner}/${name}`;
    const repo = {
      id: state.repos.size + 1,
      name,
      full_name: full,
      owner: { login: owner },
      private: false,
      archived: false,
      fork: false,
      size: 10,
      default_branch: 'main',
      html_url: `https://github.example/${full}`,
      clone_url: `${gitBase}/${full}.git`,
      ...extra,
    };
    state.repos.set(full, repo);
    return repo;
  }

  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url, 'http://x');
    state.requests.push({ t: Date.now(), method: req.method, path: url.pathname, query: url.search, body: raw, auth: req.headers.authorization });
    const send = (status, data, headers = {}) => {
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '4999',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
        'x-ratelimit-resource': 'core',
        ...headers,
      });
      res.end(data === undefined ? '' : JSON.stringify(data));
    };
    const fi = state.faults.findIndex((f) => (!f.method || f.method === req.method) && f.match.test(url.pathname));
    if (fi >= 0) {
      const f = state.faults.splice(fi, 1)[0];
      return send(f.status, f.body ?? { message: 'fault' }, f.headers);
    }
    const body = raw ? JSON.parse(raw) : {};
    const page = (items) => {
      const per = Math.min(Number(url.searchParams.get('per_page') || state.perPage), state.perPage);
      const p = Number(url.searchParams.get('page') || 1);
      const last = Math.max(1, Math.ceil(items.length / per));
      const headers = {};
      const link = [];
      const at = (n) => {
        const u = new URL(`http://${req.headers.host}${url.pathname}${url.search}`);
        u.searchParams.set('page', String(n));
        u.searchParams.set('per_page', String(per));
        return u.href;
      };
      if (p < last) link.push(`<${at(p + 1)}>; rel="next"`, `<${at(last)}>; rel="last"`);
      if (p > 1) link.push(`<${at(1)}>; rel="first"`, `<${at(p - 1)}>; rel="prev"`);
      if (link.length) headers.link = link.join(', ');
      send(200, items.slice((p - 1) * per, p * per), headers);
    };
    let m;
    const path = url.pathname;
    if (req.method === 'GET' && path === '/rate_limit') return send(200, { resources: { core: { limit: 5000, remaining: 4999 } } });
    if (req.method === 'GET' && (m = /^\/(orgs|users)\/([^/]+)\/repos$/.exec(path))) {
      const owner = m[2];
      const list = [...state.repos.values()].filter((r) => r.owner.login === owner);
      if (!list.length) return send(404, { message: 'Not Found' });
      return page(list);
    }
    if ((m = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(path))) {
      const full = `${m[1]}/${m[2]}`;
      const rest = m[3] ?? '';
      const repo = state.repos.get(full);
      if (!repo) return send(404, { message: 'Not Found' });
      if (!state.issues.has(full)) state.issues.set(full, []);
      if (!state.labels.has(full)) state.labels.set(full, new Set());
      const issues = state.issues.get(full);
      const labels = state.labels.get(full);
      const view = (i) => ({
        number: i.number,
        title: i.title,
        body: i.body,
        state: i.state,
        html_url: `${repo.html_url}/issues/${i.number}`,
        labels: i.labels.map((name) => ({ name })),
        comments: i.comments.length,
      });
      if (req.method === 'GET' && rest === '') return send(200, repo);
      if (req.method === 'GET' && rest === '/labels') return page([...labels].map((name) => ({ name })));
      if (req.method === 'POST' && rest === '/labels') {
        if (labels.has(body.name)) return send(422, { message: 'Validation Failed', errors: [{ code: 'already_exists' }] });
        labels.add(body.name);
        return send(201, { name: body.name, color: body.color });
      }
      if (req.method === 'GET' && rest === '/issues') {
        const st = url.searchParams.get('state') || 'open';
        const want = (url.searchParams.get('labels') || '').split(',').filter(Boolean);
        const list = issues.filter((i) => (st === 'all' || i.state === st) && want.every((l) => i.labels.includes(l)));
        return page(list.map(view));
      }
      if (req.method === 'POST' && rest === '/issues') {
        const issue = { number: issues.length + 1, title: body.title, body: body.body, state: 'open', labels: body.labels ?? [], comments: [] };
        for (const l of issue.labels) labels.add(l);
        issues.push(issue);
        return send(201, view(issue));
      }
      if ((m = /^\/issues\/(\d+)(\/comments)?$/.exec(rest))) {
        const issue = issues.find((i) => i.number === Number(m[1]));
        if (!issue) return send(404, { message: 'Not Found' });
        if (req.method === 'PATCH' && !m[2]) {
          if (body.title !== undefined) issue.title = body.title;
          if (body.body !== undefined) issue.body = body.body;
          if (body.state !== undefined) issue.state = body.state;
          if (body.labels !== undefined) {
            issue.labels = body.labels;
            for (const l of issue.labels) labels.add(l);
          }
          return send(200, view(issue));
        }
        if (req.method === 'POST' && m[2]) {
          issue.comments.push(body.body);
          return send(201, { id: issue.comments.length, body: body.body });
        }
        if (req.method === 'GET' && m[2]) return page(issue.comments.map((b, i) => ({ id: i + 1, body: b })));
        if (req.method === 'GET') return send(200, view(issue));
      }
    }
    send(404, { message: `Not Found: ${req.method} ${path}` });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    state,
    addRepo,
    /** Requests that changed something (the test's "did a rerun change nothing"). */
    writes: () => state.requests.filter((r) => r.method !== 'GET'),
    allIssues: () => [...state.issues.entries()].flatMap(([repo, list]) => list.map((i) => ({ repo, ...i }))),
    close: () => new Promise((r) => server.close(r)),
  };
}
