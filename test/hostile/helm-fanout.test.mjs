// Issue 16 case 15: a chart of a few KB that fans out 8 ways over 7 levels of subcharts
// (was: 705 MB, 17 s, 23,295 findings in the issue; 561 s and 2.5 GB here). Copies that are
// the same bytes at the same place are read once; copies that all differ meet the budget of
// the expanded total, which stops the chart with one error naming it.
import t from 'tap';
import { fanoutCharts, fanoutFolder } from '../../corpus/hostile/helm-fanout.mjs';
import { noSecretIn, scanJson, tempDir } from './helpers.mjs';

t.setTimeout(300_000);

t.test('copies of one archive: read once, listed as duplicates', async (t) => {
  const { dir, bytes, secrets } = await fanoutCharts(tempDir(t, 'fanout'));
  t.ok(bytes < 4096, 'the packed chart is a few KB');
  const r = await scanJson(['helm', dir, '--threads', '0']);
  t.equal(r.code, 1);
  t.same(r.report.findings.map((f) => f.origin.path).sort(), ['charts/level1/charts/level2/charts/level3/charts/level4/charts/level5/charts/level6/charts/leaf/values.yaml', 'values.yaml']);
  t.equal(r.report.skipped.filter((s) => /duplicate subchart archive \(same content as charts\/sub0-1\.0\.0\.tgz\)/.test(s.reason)).length, 7 * 7);
  noSecretIn(t, r.stdout + r.stderr, Object.values(secrets));
});

t.test('copies that all differ: the budget of the expanded chart stops it, once', async (t) => {
  const { dir, secrets } = await fanoutCharts(tempDir(t, 'fanout-distinct'), { fan: 8, depth: 4, distinct: true });
  const r = await scanJson(['helm', dir, '--threads', '1']);
  t.equal(r.code, 3, 'partial scan: exit 3');
  t.equal(r.report.errors.length, 1, 'one error for the whole chart');
  t.match(r.report.errors[0].where, /fanout-1\.0\.0\.tgz$/);
  t.match(r.report.errors[0].message, /more than 1000 charts in one chart, subcharts included .*stopped reading this chart/);
  t.ok(r.report.findings.some((f) => f.origin.chart === 'sane'), 'the chart beside it is scanned');
  t.ok(r.report.findings.filter((f) => f.origin.chart === 'fanout').length <= 1000, 'no more findings than charts allowed');
  noSecretIn(t, r.stdout + r.stderr, Object.values(secrets));
});

t.test('a chart folder whose links fan out to the same folders', async (t) => {
  const { root, secrets } = fanoutFolder(tempDir(t, 'fanout-folder'));
  const r = await scanJson(['helm', root, '--threads', '0']);
  t.equal(r.code, 1);
  t.equal(r.report.findings.length, 1, 'the leaf, once');
  t.ok(r.report.skipped.some((s) => /same folder as charts\/sub0 \(linked\): scanned once/.test(s.reason)));
  noSecretIn(t, r.stdout + r.stderr, Object.values(secrets));
});
