import t from 'tap';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { main } from '../../dist/cli.js';

t.test('action.yml inputs map to options the action command accepts', async (t) => {
  const action = parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8'));
  t.same(Object.keys(action.inputs).sort(), ['config', 'fail-on', 'max-age', 'mode', 'open-issues', 'sarif', 'token']);
  t.same(Object.keys(action.outputs).sort(), ['findings', 'sarif']);
  let help = '';
  const write = process.stdout.write;
  process.stdout.write = (s) => ((help += s), true);
  try {
    await main(['node', 'credsweep', 'action', '--help']);
  } finally {
    process.stdout.write = write;
  }
  for (const flag of ['--mode', '--fail-on', '--sarif', '--open-issues', '--max-age', '--config', '--path', '--github-api-url', '--dry-run']) t.match(help, flag);
  const run = action.runs.steps.find((s) => s.id === 'scan').run;
  for (const flag of ['--mode', '--fail-on', '--sarif', '--open-issues', '--max-age', '--config']) t.match(run, flag);
});
