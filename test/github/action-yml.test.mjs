import t from 'tap';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { parse } from 'yaml';
import { main } from '../../dist/cli.js';
import { fakePat, miniRules, tmp, workRepo } from './fixtures.mjs';
import { checkSarif } from '../helpers/sarif.mjs';

const ACTION = new URL('../../action.yml', import.meta.url);
const ENTRY = new URL('../../bin/credsweep-action.js', import.meta.url);
const action = parse(readFileSync(ACTION, 'utf8'));

t.test('action.yml: a Node 24 action with the documented inputs and outputs', async (t) => {
  t.same(action.runs, { using: 'node24', main: 'bin/credsweep-action.js' });
  t.ok(existsSync(ENTRY));
  t.same(Object.keys(action.inputs).sort(), ['base', 'config', 'exclude', 'extra-args', 'fail-on', 'fingerprint-key', 'head', 'max-age', 'min-confidence', 'mode', 'open-issues', 'path', 'sarif', 'token', 'version']);
  t.same(Object.keys(action.outputs).sort(), ['credentials', 'exit-code', 'findings', 'new', 'sarif']);
});

t.test('every input becomes an option the action command accepts', async (t) => {
  const { actionArgs, splitArgs } = await import(ENTRY);
  let help = '';
  const write = process.stdout.write;
  process.stdout.write = (s) => ((help += s), true);
  try {
    await main(['node', 'credsweep', 'action', '--help']);
  } finally {
    process.stdout.write = write;
  }
  const env = { 'INPUT_MODE': 'full', 'INPUT_FAIL-ON': 'high', 'INPUT_SARIF': 'x.sarif', 'INPUT_PATH': 'sub', 'INPUT_MIN-CONFIDENCE': 'high', INPUT_EXCLUDE: 'docs/**\nvendor/**, test/**', 'INPUT_OPEN-ISSUES': 'true', 'INPUT_MAX-AGE': '30d', INPUT_CONFIG: 'p.yaml', 'INPUT_EXTRA-ARGS': `--max-issues 5 --db "inv db.sqlite"`, GITHUB_WORKSPACE: '/w' };
  const saved = { ...process.env };
  Object.assign(process.env, env);
  let args;
  try {
    args = actionArgs();
  } finally {
    for (const k of Object.keys(env)) if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  t.same(args, ['action', '--mode', 'full', '--fail-on', 'high', '--sarif', 'x.sarif', '--path', '/w/sub', '--no-progress', '--min-confidence', 'high', '--exclude', 'docs/**', '--exclude', 'vendor/**', '--exclude', 'test/**', '--open-issues', '--max-age', '30d', '--config', 'p.yaml', '--max-issues', '5', '--db', 'inv db.sqlite']);
  for (const flag of args.filter((a) => a.startsWith('--'))) t.match(help, flag, `action --help lists ${flag}`);
  t.same(splitArgs(`a 'b c' "d \\"e\\"" f\\ g ''`), ['a', 'b c', 'd "e"', 'f g', '']);
  t.throws(() => splitArgs('a "b'), /unclosed/);
});

t.test('the entry runs as a runner would: inputs as INPUT_*, outputs, masked key, exit code', async (t) => {
  const root = tmp('credsweep-action-entry-');
  const repo = workRepo(join(root, 'repo'));
  const c1 = repo.commit({ 'README.md': '# x\n' }, 'init');
  const c2 = repo.commit({ 'app.env': `T=${fakePat()}\n`, 'docs/example.env': `T=${fakePat()}\n` }, 'leak');
  const files = { output: join(root, 'out'), summary: join(root, 'summary'), event: join(root, 'event.json') };
  for (const f of [files.output, files.summary]) writeFileSync(f, '');
  writeFileSync(files.event, JSON.stringify({}));
  const key = 'action-entry-key-0123456789';
  const env = {
    ...process.env,
    GITHUB_WORKSPACE: root,
    GITHUB_EVENT_NAME: 'workflow_dispatch',
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_REPOSITORY: 'acme/app',
    XDG_CONFIG_HOME: root,
    INPUT_PATH: 'repo',
    INPUT_BASE: c1,
    INPUT_HEAD: c2,
    INPUT_EXCLUDE: 'docs/**',
    'INPUT_FINGERPRINT-KEY': key,
    INPUT_SARIF: join(root, 'r.sarif'),
    'INPUT_EXTRA-ARGS': `--rules ${miniRules()} --threads 0`,
  };
  const res = await new Promise((resolve) => {
    const p = spawn(process.execPath, [ENTRY.pathname], { env, cwd: root });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  t.equal(res.code, 1, res.stderr);
  t.match(res.stdout, `::add-mask::${key}`);
  t.match(res.stdout, /::error file=app\.env,line=1/);
  t.notMatch(res.stdout, /docs\/example\.env/, 'exclude input applied');
  const out = readFileSync(files.output, 'utf8');
  t.match(out, /^credentials=1$/m);
  t.match(out, /^new=1$/m);
  t.match(out, /^exit-code=1$/m);
  t.equal(out.match(/^exit-code=/gm).length, 1);
  const sarif = checkSarif(t, readFileSync(join(root, 'r.sarif'), 'utf8'));
  t.match(sarif.runs[0].results[0].partialFingerprints['credsweep/fingerprint/v1'], /^[0-9a-f]{64}$/);
});
