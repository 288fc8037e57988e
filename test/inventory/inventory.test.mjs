import t from 'tap';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Inventory } from '../../dist/inventory/inventory.js';
import { InventoryError } from '../../dist/inventory/open.js';

const dir = mkdtempSync(join(tmpdir(), 'credsweep-inv-'));
const cred = (fp, places, extra = {}) => ({
  fingerprint: fp,
  ruleId: 'github-pat-classic',
  provider: 'github',
  preview: 'ghp_…Xy (40 chars)',
  severity: 'high',
  flags: [],
  live: places.some((p) => p.live),
  places,
  findings: [],
  contexts: places.map((p) => p.context),
  reasons: {},
  ...extra,
});
const day = (d) => new Date(`2025-01-${String(d).padStart(2, '0')}T00:00:00Z`);

t.test('new -> still open -> fixed across three runs; per-scope; issue numbers', async (t) => {
  const file = join(dir, 'three.db');
  let inv = Inventory.open(file);
  const a = cred('A', [{ context: 'repo:acme/api', live: true, firstSeen: '2024-01-01T00:00:00.000Z' }]);
  const b = cred('B', [{ context: 'repo:acme/api', live: true }]);
  t.same(inv.record('git:/r/api', [a, b], day(1)), { new: ['A', 'B'], open: [], fixed: [] });
  inv.setIssue('A', 'acme/api', 17, day(1));
  inv.close();

  inv = Inventory.open(file);
  // Run 2: B removed from the tree (history-only now), A still live.
  const b2 = cred('B', [{ context: 'repo:acme/api', live: false }]);
  t.same(inv.record('git:/r/api', [a, b2], day(2)), { new: [], open: ['A'], fixed: ['B'] });
  t.equal(inv.statusOf('B'), 'fixed');
  // Another scope does not touch this one's credentials.
  t.same(inv.record('git:/r/web', [cred('C', [{ context: 'repo:acme/web', live: true }])], day(2)), { new: ['C'], open: [], fixed: [] });
  t.equal(inv.statusOf('A'), 'open');
  inv.close();

  inv = Inventory.open(file);
  // Run 3: A gone entirely from the scan of /r/api.
  t.same(inv.record('git:/r/api', [], day(3)), { new: [], open: [], fixed: ['A'] });
  t.equal(inv.statusOf('A'), 'fixed');
  t.equal(inv.issueFor('A', 'acme/api'), 17);
  t.equal(inv.issueFor('A', 'acme/web'), undefined);
  t.same(inv.issuesFor('A'), [{ repo: 'acme/api', number: 17 }]);
  const rec = inv.get('A');
  t.equal(rec.firstSeen, '2025-01-01T00:00:00.000Z');
  t.equal(rec.lastSeen, '2025-01-02T00:00:00.000Z');
  t.equal(rec.statusChanged, '2025-01-03T00:00:00.000Z');
  t.same(rec.places, [{ scope: 'git:/r/api', context: 'repo:acme/api', live: false, firstSeen: '2025-01-01T00:00:00.000Z', lastSeen: '2025-01-02T00:00:00.000Z' }]);
  // Back again: open, and not new.
  t.same(inv.record('git:/r/api', [a], day(4)), { new: [], open: ['A'], fixed: [] });
  // Ignored credentials stay out of the delta.
  t.equal(inv.setStatus('A', 'ignored'), true);
  t.same(inv.record('git:/r/api', [], day(5)), { new: [], open: [], fixed: [] });
  t.equal(inv.statusOf('A'), 'ignored');
  // A partial run does not mark unseen places gone.
  inv.record('git:/r/web', [], day(6), { complete: false });
  t.equal(inv.statusOf('C'), 'open');
  inv.close();
});

t.test('stores fingerprints and previews, never secrets', async (t) => {
  const file = join(dir, 'nosecret.db');
  const inv = Inventory.open(file);
  const secret = 'ghp_THISisTheSecretValue0123456789abcdef';
  inv.record('dir:/x', [cred('F', [{ context: 'dir:.', live: true }], { findings: [{ secret }], preview: 'ghp_…ef (40 chars)' })], day(1));
  inv.close();
  const raw = readFileSync(file).toString('latin1') + (() => { try { return readFileSync(file + '-wal').toString('latin1'); } catch { return ''; } })();
  t.notOk(raw.includes(secret), 'secret not in the file');
  t.ok(raw.includes('ghp_…ef') || raw.includes('ghp_'), 'preview stored');
});

t.test('foreign and corrupt files are refused', async (t) => {
  const garbage = join(dir, 'garbage.db');
  writeFileSync(garbage, Buffer.alloc(8192, 0x41));
  t.throws(() => Inventory.open(garbage), { name: 'Error', message: /inventory .*garbage\.db: not a SQLite database or corrupt \(SQLITE_NOTADB\); refusing to use it/ });
  const foreign = join(dir, 'foreign.db');
  const db = new Database(foreign);
  db.exec('CREATE TABLE users (id INTEGER)');
  db.close();
  t.throws(() => Inventory.open(foreign), /foreign\.db: a SQLite database with other tables, not a credsweep inventory/);
  const other = join(dir, 'other.db');
  const db2 = new Database(other);
  db2.pragma('application_id = 1234');
  db2.close();
  t.throws(() => Inventory.open(other), /other\.db: a SQLite database of another application \(application_id 1234\)/);
  const newer = join(dir, 'newer.db');
  Inventory.open(newer).close();
  const db3 = new Database(newer);
  db3.pragma('user_version = 99');
  db3.close();
  t.throws(() => Inventory.open(newer), /written by a newer credsweep \(schema 99/);
  try {
    Inventory.open(garbage);
  } catch (e) {
    t.ok(e instanceof InventoryError);
  }
  // An empty file is a new inventory.
  const empty = join(dir, 'empty.db');
  writeFileSync(empty, '');
  Inventory.open(empty).close();
  t.equal(new Database(empty).pragma('application_id', { simple: true }), 0x43535750);
});

t.test('two processes writing at once do not corrupt the file', async (t) => {
  const file = join(dir, 'concurrent.db');
  const writer = new URL('./writer.mjs', import.meta.url).pathname;
  const run = (who) =>
    new Promise((resolve) => {
      const p = spawn(process.execPath, [writer, file, who, '25'], { stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      p.stderr.on('data', (d) => (err += d));
      p.on('close', (code) => resolve({ code, err }));
    });
  const [x, y] = await Promise.all([run('x'), run('y')]);
  t.same([x.code, y.code], [0, 0], `${x.err}${y.err}`);
  const db = new Database(file, { readonly: true });
  t.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  t.equal(db.prepare('SELECT count(*) AS n FROM runs').get().n, 50);
  t.equal(db.prepare('SELECT count(*) AS n FROM credentials').get().n, 40);
  t.equal(db.prepare("SELECT count(*) AS n FROM credentials WHERE status = 'open'").get().n, 20);
  t.equal(db.prepare("SELECT number FROM issues WHERE fingerprint = 'x-0'").get().number, 25);
  t.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  db.close();
});
