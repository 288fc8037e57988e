// The HTML report: one self-contained file, no request leaves it, and names an attacker
// controls (file names, commit authors) render as text. Rendered for real in headless Chromium
// (Debian's package; .ci/run installs it) when it is present.
import t from 'tap';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from '../helpers/cli.mjs';
import { seededToken } from '../helpers/tokens.mjs';

const EVIL_NAME = '<img src=x onerror=alert(1)>.env';
const EVIL_AUTHOR = '</script><script>alert(2)</script>';
const repo = tempDir();
const git = (...a) => execFileSync('git', a, { cwd: repo, env: { ...process.env, GIT_AUTHOR_NAME: EVIL_AUTHOR, GIT_AUTHOR_EMAIL: 'x@example.com', GIT_COMMITTER_NAME: 'c', GIT_COMMITTER_EMAIL: 'c@example.com', GIT_AUTHOR_DATE: '2023-01-01T00:00:00Z' } });
git('init', '-q', '-b', 'main');
mkdirSync(join(repo, 'app'));
writeFileSync(join(repo, EVIL_NAME), `TOKEN=${seededToken('html-evil')}\n`);
writeFileSync(join(repo, 'app', 'shared.env'), `TOKEN=${seededToken('html-shared')}\n`);
git('add', '-A');
git('commit', '-q', '-m', 'add');
const out = join(tempDir(), 'report.html');
const r = runCli(['scan', 'git', repo, '--threads', '0', '-f', 'html', '-o', out]);
const html = readFileSync(out, 'utf8');

t.test('self-contained and inert', async (t) => {
  t.equal(r.code, 1, r.stderr);
  t.notMatch(html, /<(link|iframe|object|embed)\b/i, 'no external resources');
  t.notMatch(html, /<script[^>]+src=/i, 'no external script');
  t.notMatch(html, /url\(/i, 'no CSS fetches');
  t.match(html, /Content-Security-Policy" content="default-src 'none'/, 'a CSP that forbids any fetch');
  t.notOk(html.includes(EVIL_NAME) || html.includes(EVIL_AUTHOR), 'attacker strings never appear raw');
  t.notOk(html.includes(seededToken('html-evil')), 'no secret value');
  const scripts = html.match(/<script\b/g).length;
  t.equal(scripts, 2, 'only the data block and the page script');
});

const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
t.test('rendered in Chromium: names are text, every credential is a row', { skip: chromium ? false : 'chromium not installed (apt-get install chromium; .ci/run does)' }, async (t) => {
  const profile = tempDir();
  const dump = spawnSync(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`, '--virtual-time-budget=5000', '--dump-dom', `file://${out}`], { encoding: 'utf8', timeout: 120_000 });
  const dom = dump.stdout;
  t.match(dom, /id="rows"/, 'the page rendered');
  t.equal((dom.match(/<tr class="row"/g) || []).length >= 2, true, 'credential rows built by the script');
  t.ok(dom.includes('&lt;img src=x onerror=alert(1)&gt;.env'), 'the file name is shown as text');
  t.notMatch(dom, /<img\b/i, 'no element made from a name');
  t.notOk(dom.includes('<script>alert(2)'), 'the author name made no script');
});
