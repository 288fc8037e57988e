import t from 'tap';
import { join } from 'node:path';
import { Scanner } from '../../dist/engine/scanner.js';
import { checksummedToken } from '../helpers/tokens.mjs';
import { tempDir } from '../helpers/cli.mjs';

const key = Buffer.from('faults-key');
// Each case starts workers (several seconds each on a loaded machine); nothing here is timed but the budget.
t.setTimeout(5 * 60 * 1000);
const FAULTY = new URL('../helpers/faulty-worker.mjs', import.meta.url);
const chunk = (text, path) => ({ data: Buffer.from(text), origin: { kind: 'file', path } });

/** Many small files, each with its own token, and one hostile file among them. */
function files(hostile) {
  const tokens = [];
  const chunks = [];
  for (let i = 0; i < 6; i++) {
    const tok = checksummedToken();
    tokens.push(tok);
    chunks.push(chunk(`GITHUB_TOKEN=${tok}\n`, i === 3 ? hostile : `ok-${i}.env`));
  }
  return { tokens, chunks };
}

for (const [fault, name, why] of [
  ['crashes', 'crash-me.env', /^not scanned: the worker failed/],
  ['throws', 'throw-me.env', /^not scanned: the worker failed \(SyntaxError\)/],
  ['overruns its time budget', 'hang-me.env', /^not scanned: ran past its time budget of 2\.0 s/],
]) {
  t.test(`an input whose worker ${fault} is retried alone, then reported; the rest of the scan finishes`, async (t) => {
    const scanner = new Scanner({ threads: 1, fingerprintKey: key, batchBytes: 100, workerFile: FAULTY, timeBudget: { baseMs: 2000, msPerMB: 0 } });
    t.teardown(() => scanner.close());
    const { tokens, chunks } = files(name);
    const findings = await scanner.scanAll(chunks);
    const paths = new Set(findings.map((f) => f.origin.path));
    t.equal(findings.length, 5, 'every other input reported');
    for (let i = 0; i < 6; i++) if (i !== 3) t.ok(paths.has(`ok-${i}.env`), `ok-${i}.env scanned`);
    t.equal(scanner.errors.length, 1, 'one error');
    t.equal(scanner.errors[0].where, name, 'the error names the input');
    t.match(scanner.errors[0].message, why);
    t.ok(scanner.stats.retries >= 1, 'the batch was retried');
    const out = JSON.stringify({ findings, errors: scanner.errors });
    for (const tok of tokens) t.notOk(out.includes(tok), 'no secret in findings or errors');
  });
}

t.test('a batch that fails once succeeds on the retry: nothing lost, nothing reported', async (t) => {
  process.env.CREDSWEEP_TEST_CRASH_ONCE = join(tempDir(), 'crashed');
  t.teardown(() => delete process.env.CREDSWEEP_TEST_CRASH_ONCE);
  const scanner = new Scanner({ threads: 1, fingerprintKey: key, batchBytes: 100, workerFile: FAULTY });
  t.teardown(() => scanner.close());
  const { chunks } = files('crash-once.env');
  const findings = await scanner.scanAll(chunks);
  t.equal(findings.length, 6);
  t.same(scanner.errors, []);
  t.ok(scanner.stats.retries >= 1);
});

t.test('the time budget runs from when a worker starts the batch, not while it queues', async (t) => {
  // One thread, several batches queued behind each other: each is quick, the queue is not.
  const scanner = new Scanner({ threads: 1, fingerprintKey: key, batchBytes: 64 * 1024, timeBudget: { baseMs: 2000, msPerMB: 0 } });
  t.teardown(() => scanner.close());
  const chunks = [];
  for (let i = 0; i < 12; i++) chunks.push(chunk(`x=${checksummedToken()}\n${'filler line\n'.repeat(6000)}`, `q-${i}.txt`));
  const findings = await scanner.scanAll(chunks);
  t.equal(findings.length, 12);
  t.same(scanner.errors, []);
});

t.test('workers that cannot load: the scan runs on the main thread, says so once, and loses nothing', async (t) => {
  const notices = [];
  const scanner = new Scanner({ threads: 2, fingerprintKey: key, batchBytes: 100, workerFile: new URL('../helpers/broken-worker.mjs', import.meta.url), onNotice: (m) => notices.push(m) });
  t.teardown(() => scanner.close());
  const { chunks } = files('plain.env');
  const findings = await scanner.scanAll(chunks);
  t.equal(findings.length, 6, 'every input scanned');
  t.same(scanner.errors, [], 'no input lost');
  t.equal(notices.length, 1);
  t.match(notices[0], /could not start .*main thread/);
});
