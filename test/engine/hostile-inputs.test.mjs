// The engine on hostile inputs (corpus/hostile/): the real secret beside the hostile part is
// found, and the work per input byte stays under a fixed multiple, counted, not timed.
import t from 'tap';
import { Scanner } from '../../dist/engine/scanner.js';
import { KeywordAutomaton } from '../../dist/engine/aho-corasick.js';
import { fingerprint } from '../../dist/engine/fingerprint.js';
import { longLine, secret as longLineSecret } from '../../corpus/hostile/long-line.mjs';
import { repeatedByte, secret as repeatedSecret } from '../../corpus/hostile/repeated-byte.mjs';
import { utf16Text, secret as utf16Secret } from '../../corpus/hostile/utf16-text.mjs';

const key = Buffer.from('hostile-key');
// Work is counted, not timed; the limit only guards against a hang on a loaded machine.
t.setTimeout(5 * 60 * 1000);
const MB = 1024 * 1024;

async function scanOne(data, path, opts = {}) {
  const scanner = new Scanner({ threads: 0, fingerprintKey: key, ...opts });
  const findings = await scanner.scanAll([{ data, origin: { kind: 'file', path } }]);
  await scanner.close();
  return { findings, stats: scanner.stats };
}

/** Bytes the engine read, over all its steps, per input byte; and regex calls per input byte. */
function perByte(stats) {
  const w = stats.work;
  return {
    bytes: (w.prefilterBytes + w.regexBytes + w.lineBytes + w.decodedBytes) / stats.bytes,
    regexCalls: w.regexCalls / stats.bytes,
    gates: w.gateCalls / stats.bytes,
  };
}

t.test('one long line of token-shaped strings: the real token is found, work per byte is bounded and does not grow with the line', async (t) => {
  const ratios = [];
  for (const size of [MB / 2, 2 * MB]) {
    const { findings, stats } = await scanOne(longLine(size), 'long.txt');
    const real = findings.filter((f) => f.fingerprint === fingerprint(key, longLineSecret()));
    t.equal(real.length, 1, `real token found in ${size / MB} MB`);
    t.equal(real[0].line, 1);
    t.ok(real[0].column > size * 0.85, 'column counted along the line');
    t.equal(findings.length, 1, 'the wrong-checksum tokens are not findings');
    const r = perByte(stats);
    t.ok(r.bytes < 8, `bytes examined per input byte ${r.bytes.toFixed(2)} < 8`);
    t.ok(r.regexCalls < 1 / 16, `regex calls per input byte ${r.regexCalls.toFixed(4)} < 1/16`);
    t.ok(r.gates <= r.regexCalls);
    ratios.push(r.bytes);
  }
  t.ok(Math.abs(ratios[1] - ratios[0]) < 1, `work per byte the same at 0.5 MB and 2 MB (${ratios.map((x) => x.toFixed(2)).join(', ')})`);
});

t.test('long lines through the worker pool: same finding, work counted back from the worker', async (t) => {
  const { findings, stats } = await scanOne(longLine(1.5 * MB), 'long.txt', { threads: 1 });
  t.equal(findings.length, 1);
  t.ok(stats.work.prefilterBytes >= 1.5 * MB, 'worker work reaches the stats');
  t.ok(perByte(stats).bytes < 8);
});

t.test('megabytes of one repeated letter: the token after it is found; work per byte bounded', async (t) => {
  const { findings, stats } = await scanOne(repeatedByte(16 * MB), 'big.txt');
  t.equal(findings.length, 1);
  t.equal(findings[0].fingerprint, fingerprint(key, repeatedSecret()));
  t.equal(findings[0].line, 2);
  const r = perByte(stats);
  t.ok(r.bytes < 6, `bytes examined per input byte ${r.bytes.toFixed(2)} < 6`);
  t.ok(r.regexCalls < 1e-4, `regex calls per input byte ${r.regexCalls} tiny`);
});

t.test('the prefilter keeps no per-hit memory: a hit at every byte leaves no grown buffer behind', async (t) => {
  const ac = new KeywordAutomaton(['aaaa', 'zz']);
  const data = Buffer.alloc(8 * MB, 'a');
  const before = process.memoryUsage().arrayBuffers;
  let n = 0;
  ac.scan(data, () => void n++);
  const after = process.memoryUsage().arrayBuffers;
  t.equal(n, 8 * MB - 3, 'every occurrence reported');
  t.ok(after - before < 4 * MB, `array-buffer memory grew ${((after - before) / MB).toFixed(1)} MB for 8 MB of hits`);
  let m = 0;
  ac.scan(data, () => ++m >= 10);
  t.equal(m, 10, 'a keyword the caller has seen enough of is not reported again');
});

t.test('UTF-16 text with a byte-order mark is scanned; lines and columns are the file\'s', async (t) => {
  for (const order of ['le', 'be']) {
    const { findings } = await scanOne(utf16Text(order), 'win.env');
    t.equal(findings.length, 1, `UTF-16${order.toUpperCase()} token found`);
    t.equal(findings[0].fingerprint, fingerprint(key, utf16Secret()));
    t.equal(findings[0].line, 3);
    t.equal(findings[0].column, 14);
    t.equal(findings[0].endColumn, 54);
  }
});
