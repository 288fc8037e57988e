// No secret leaves the process except as a redacted preview: not inside a YAML path, an image's
// build history, a clone URL, an issue body, an inventory file; and untrusted file names cannot
// issue workflow commands or drive the terminal. Inputs come from corpus/hostile/.
import t from 'tap';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { BIN, TEST_KEY, tempDir } from '../helpers/cli.mjs';
import { seededToken } from '../helpers/tokens.mjs';
import { git, workRepo } from '../github/fixtures.mjs';
import { startApiServer } from '../github/api-server.mjs';
import { startGitServer } from '../github/git-http-server.mjs';
import { configFor, compress, dockerArchive, sha, tarOf } from '../sources/image/fixtures.mjs';
import { hostileFolder, leakyHistory } from '../../corpus/hostile/secret-escapes.mjs';

// Real CLI runs (about 25) on a shared 2-core machine.
t.setTimeout(10 * 60 * 1000);

const TOKEN = seededToken('escape-key');
const TOKEN2 = seededToken('escape-name');
const URL_TOKEN = seededToken('escape-url');
const PASSWORD = 'Vq7#mZp2LkW9xRt';

// Asynchronous: the API and git servers of these tests run in this process.
const CONFIG_HOME = tempDir('credsweep-cfg-');
function runCli(args, { env = {} } = {}) {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, CREDSWEEP_FINGERPRINT_KEY: TEST_KEY, XDG_CONFIG_HOME: CONFIG_HOME, NO_COLOR: '1', ...env } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Every file under `dir` (reports, SARIF, inventories, clones), as text. */
function allFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.push([p, readFileSync(p).toString('latin1')]);
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

function assertNoSecret(t, label, texts, secrets) {
  for (const [where, text] of texts) for (const s of secrets) t.notOk(text.includes(s), `${label}: no secret in ${where}`);
}

t.test('a token used as a YAML key, and injecting file names', async (t) => {
  const dir = hostileFolder(tempDir(), { token: TOKEN, token2: TOKEN2 });
  const out = tempDir();
  for (const format of ['text', 'json', 'sarif']) {
    const r = await runCli(['scan', 'dir', dir, '--threads', '0', '-f', format, '-o', join(out, `r.${format}`)]);
    t.equal(r.code, 1, `${format}: findings`);
    assertNoSecret(t, format, [['stdout', r.stdout], ['stderr', r.stderr], ...allFiles(out)], [TOKEN, TOKEN2]);
  }
  const json = JSON.parse(readFileSync(join(out, 'r.json'), 'utf8'));
  t.ok(json.findings.some((f) => f.yamlPath?.includes('[redacted ghp_')), 'the yaml path shows the preview instead of the key');
  const text = (await runCli(['scan', 'dir', dir, '--threads', '0', '--color', 'always'])).stdout;
  t.notOk(/\n::stop-commands::/.test(text), 'a file name cannot start a workflow command line');
  t.ok(text.includes('a\\n::stop-commands::pwned\\nb.env'), 'the name is shown with visible escapes');
  t.notOk(text.includes('\u001b[2K') || text.includes('\u001b]0;'), 'no terminal control sequence from a file name');

  // The same through the issues sink: nothing of the value reaches the API.
  const api = await startApiServer({ gitBase: 'http://127.0.0.1:1' });
  t.teardown(api.close);
  api.addRepo('acme', 'app', { private: true });
  const r = await runCli(['scan', 'dir', dir, '--threads', '0', '--open-issues', '-o', join(out, 'issues.txt')], { env: { GITHUB_TOKEN: 'gh-test-token-value', GITHUB_API_URL: api.url, GITHUB_REPOSITORY: 'acme/app', CREDSWEEP_GITHUB_TIME_MS: '1' } });
  t.match(r.stderr, /issues: [1-9]\d* opened/);
  assertNoSecret(t, 'issues', [['requests', JSON.stringify(api.state.requests.map((q) => q.body))], ['stderr', r.stderr]], [TOKEN, TOKEN2]);
});

t.test("an image's build history with credentials, at any confidence threshold", async (t) => {
  const layer = await tarOf([{ name: 'etc/os-release', data: 'ID=debian\n' }]);
  const layers = [{ raw: layer, blob: compress(layer, 'gzip'), diffId: sha(layer), compression: 'gzip' }, { raw: layer, blob: compress(layer, 'gzip'), diffId: sha(layer), compression: 'gzip' }];
  const cfg = JSON.parse(configFor(layers, { env: false }).toString());
  cfg.history = leakyHistory({ token: TOKEN, password: PASSWORD });
  const dir = tempDir();
  const image = join(dir, 'image.tar');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(image, await dockerArchive([{ tags: ['acme/leaky:1'], layers, config: Buffer.from(JSON.stringify(cfg)) }]));
  const out = tempDir();
  for (const [format, conf] of [['json', 'medium'], ['sarif', 'medium'], ['json', 'high'], ['text', 'high']]) {
    const r = await runCli(['scan', 'image', image, '--threads', '0', '-f', format, '--min-confidence', conf, '-o', join(out, `r-${conf}.${format}`)]);
    t.not(r.code, 2, `${format} ${conf}: scanned`);
    assertNoSecret(t, `${format} --min-confidence ${conf}`, [['stdout', r.stdout], ['stderr', r.stderr], ...allFiles(out)], [TOKEN, PASSWORD]);
  }
});

t.test('a token in a clone URL stays out of names, inventory, progress, errors and the clone', async (t) => {
  const root = tempDir();
  const w = workRepo(join(root, 'work'));
  w.commit({ 'app.env': `T=${TOKEN}\n` });
  git(root, 'clone', '-q', '--bare', w.dir, join(root, 'served', 'acme', 'app.git'));
  const server = await startGitServer(join(root, 'served'));
  t.teardown(server.close);
  const host = server.url.replace('http://', '');
  for (const url of [`http://x-access-token:${URL_TOKEN}@${host}/acme/app.git`, `${server.url}/acme/app.git?access_token=${URL_TOKEN}`]) {
    const out = tempDir();
    const r = await runCli(['scan', 'git', url, '--threads', '0', '-f', 'json', '--keep-clone', join(out, 'kept'), '--db', join(out, 'inv.db'), '-o', join(out, 'r.json')]);
    // git cannot append its smart-HTTP paths after a query string, so that form fails to clone: what matters is what it prints.
    if (!url.includes('?')) t.equal(r.code, 1, 'cloned and found the planted token');
    assertNoSecret(t, url.includes('?') ? 'query token' : 'userinfo token', [['stdout', r.stdout], ['stderr', r.stderr], ...allFiles(out)], [URL_TOKEN, encodeURIComponent(URL_TOKEN)]);
    // An unreachable path: the error names the URL, redacted.
    const bad = await runCli(['scan', 'git', url.replace('app.git', 'nope.git'), '--threads', '0']);
    t.equal(bad.code, 2);
    t.notOk(bad.stderr.includes(URL_TOKEN), 'error message redacted');
  }
});

t.test('fingerprints: the same on every machine by default; an explicit key is checked', async (t) => {
  const dir = hostileFolder(tempDir(), { token: TOKEN, token2: TOKEN2 });
  const fps = async (env) => {
    const r = await runCli(['scan', 'dir', dir, '--threads', '0', '-f', 'json'], { env });
    return JSON.parse(r.stdout).findings.map((f) => f.fingerprint).sort();
  };
  const a = await fps({ CREDSWEEP_FINGERPRINT_KEY: '', XDG_CONFIG_HOME: tempDir(), HOME: tempDir() });
  const b = await fps({ CREDSWEEP_FINGERPRINT_KEY: '', XDG_CONFIG_HOME: tempDir(), HOME: tempDir() });
  t.ok(a.length > 0);
  t.same(a, b, 'two fresh homes, identical fingerprints');
  const keyed = await fps({ CREDSWEEP_FINGERPRINT_KEY: 'a-team-key-of-enough-length' });
  t.not(keyed[0], a[0], 'a configured key gives keyed fingerprints');
  for (const weak of ['x', 'short-key']) {
    const r = await runCli(['scan', 'dir', dir, '--threads', '0'], { env: { CREDSWEEP_FINGERPRINT_KEY: weak } });
    t.equal(r.code, 2, `a ${weak.length}-character key is refused`);
    t.match(r.stderr, /CREDSWEEP_FINGERPRINT_KEY is \d+ character\(s\): use at least 16/);
  }
});
