import type Database from 'better-sqlite3';
import type { Credential, Verification, VerificationStatus } from '../hygiene/types.js';
import { openInventoryDb } from './open.js';

export type InventoryStatus = 'open' | 'fixed' | 'ignored';

/** What changed since the last run over the same scope (the Report's `inventory`). */
export interface InventoryDelta {
  new: string[];
  open: string[];
  fixed: string[];
}

export interface InventoryCredential {
  fingerprint: string;
  ruleId: string;
  provider: string;
  preview: string;
  severity: string;
  flags: string[];
  status: InventoryStatus;
  firstSeen: string;
  lastSeen: string;
  statusChanged: string;
  places: Array<{ scope: string; context: string; live: boolean; firstSeen: string; lastSeen: string }>;
}

/**
 * Credentials across runs, in SQLite. A run records what it saw under its scope (the scan
 * target): places it saw are live or not as the scan said, places of that scope it did not see
 * are no longer live. A credential is `fixed` when no place anywhere is live, `open` otherwise,
 * unless someone marked it `ignored`. Each run is one IMMEDIATE transaction, so concurrent
 * runs on the same file queue behind each other's write lock instead of interleaving.
 */
export class Inventory {
  private constructor(private readonly db: Database.Database, readonly file: string) {}

  static open(file: string): Inventory {
    return new Inventory(openInventoryDb(file), file);
  }

  close(): void {
    this.db.close();
  }

  /**
   * Records one run. `complete: false` (a partial scan, a commit range) keeps places the run
   * did not see as they were, instead of marking them gone. `beforeCommit` gets the delta inside
   * the transaction (to publish the report); if it throws, the run is rolled back.
   */
  record(scope: string, creds: Credential[], now = new Date(), opts: { complete?: boolean; beforeCommit?: (delta: InventoryDelta) => void } = {}): InventoryDelta {
    const complete = opts.complete ?? true;
    const t = now.toISOString();
    const db = this.db;
    const getStatus = db.prepare<[string], { status: InventoryStatus }>('SELECT status FROM credentials WHERE fingerprint = ?');
    const insertCred = db.prepare(
      `INSERT INTO credentials (fingerprint, rule_id, provider, preview, severity, flags, evidence_first, first_seen, last_seen, status, status_changed)
       VALUES (@fingerprint, @ruleId, @provider, @preview, @severity, @flags, @evidenceFirst, @t, @t, 'open', @t)
       ON CONFLICT (fingerprint) DO UPDATE SET rule_id = excluded.rule_id, provider = excluded.provider, preview = excluded.preview,
         severity = excluded.severity, flags = excluded.flags, last_seen = excluded.last_seen,
         evidence_first = CASE WHEN credentials.evidence_first IS NULL OR excluded.evidence_first < credentials.evidence_first THEN excluded.evidence_first ELSE credentials.evidence_first END`,
    );
    const upsertPlace = db.prepare(
      `INSERT INTO places (fingerprint, scope, context, live, evidence_first, first_seen, last_seen, last_run)
       VALUES (@fingerprint, @scope, @context, @live, @evidenceFirst, @t, @t, @run)
       ON CONFLICT (fingerprint, scope, context) DO UPDATE SET live = excluded.live, last_seen = excluded.last_seen, last_run = excluded.last_run,
         evidence_first = coalesce(places.evidence_first, excluded.evidence_first)`,
    );
    const run = db.transaction((): InventoryDelta => {
      const runId = Number(db.prepare('INSERT INTO runs (scope, started_at) VALUES (?, ?)').run(scope, t).lastInsertRowid);
      const before = new Map<string, InventoryStatus | undefined>();
      for (const c of creds) {
        before.set(c.fingerprint, getStatus.get(c.fingerprint)?.status);
        insertCred.run({ fingerprint: c.fingerprint, ruleId: c.ruleId, provider: c.provider, preview: c.preview, severity: c.severity, flags: JSON.stringify(c.flags), evidenceFirst: c.firstSeen ?? null, t });
        const places = c.places?.length ? c.places : [{ context: scope, live: c.live, firstSeen: c.firstSeen }];
        for (const p of places) upsertPlace.run({ fingerprint: c.fingerprint, scope, context: p.context, live: p.live ? 1 : 0, evidenceFirst: p.firstSeen ?? null, t, run: runId });
      }
      // Places of this scope the run did not see are gone from it.
      const gone = complete
        ? db.prepare<[string, number], { fingerprint: string }>('SELECT DISTINCT fingerprint FROM places WHERE scope = ? AND last_run <> ? AND live = 1').all(scope, runId)
        : [];
      if (complete) db.prepare('UPDATE places SET live = 0 WHERE scope = ? AND last_run <> ?').run(scope, runId);
      for (const g of gone) if (!before.has(g.fingerprint)) before.set(g.fingerprint, getStatus.get(g.fingerprint)?.status);
      const anyLive = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM places WHERE fingerprint = ? AND live = 1');
      const setStatus = db.prepare('UPDATE credentials SET status = ?, status_changed = ? WHERE fingerprint = ? AND status <> ?');
      const seen = new Set(creds.map((c) => c.fingerprint));
      const delta: InventoryDelta = { new: [], open: [], fixed: [] };
      for (const [fp, was] of before) {
        if (was === 'ignored') continue;
        const now = anyLive.get(fp)!.n > 0 ? 'open' : 'fixed';
        setStatus.run(now, t, fp, now);
        if (was === undefined) delta.new.push(fp);
        else if (now === 'open' && seen.has(fp)) delta.open.push(fp);
        else if (was === 'open') delta.fixed.push(fp);
      }
      db.prepare('UPDATE runs SET new_count = ?, open_count = ?, fixed_count = ? WHERE id = ?').run(delta.new.length, delta.open.length, delta.fixed.length, runId);
      for (const k of ['new', 'open', 'fixed'] as const) delta[k].sort();
      // The run counts only once its report is out: if writing it fails, nothing is recorded.
      opts.beforeCommit?.(delta);
      return delta;
    });
    return run.immediate();
  }

  /** The issue number opened for a credential in a repository (`owner/name`), if any. */
  issueFor(fingerprint: string, repo: string): number | undefined {
    const r = this.db.prepare<[string, string], { number: number }>('SELECT number FROM issues WHERE fingerprint = ? AND repo = ?').get(fingerprint, repo);
    return r?.number;
  }

  setIssue(fingerprint: string, repo: string, number: number, now = new Date()): void {
    this.db
      .prepare('INSERT INTO issues (fingerprint, repo, number, updated) VALUES (?, ?, ?, ?) ON CONFLICT (fingerprint, repo) DO UPDATE SET number = excluded.number, updated = excluded.updated')
      .run(fingerprint, repo, number, now.toISOString());
  }

  issuesFor(fingerprint: string): Array<{ repo: string; number: number }> {
    return this.db.prepare<[string], { repo: string; number: number }>('SELECT repo, number FROM issues WHERE fingerprint = ? ORDER BY repo').all(fingerprint);
  }

  statusOf(fingerprint: string): InventoryStatus | undefined {
    return this.db.prepare<[string], { status: InventoryStatus }>('SELECT status FROM credentials WHERE fingerprint = ?').get(fingerprint)?.status;
  }

  /** Marks a credential `ignored` (kept out of new/open/fixed), or un-ignores it (back to open/fixed by liveness). */
  setStatus(fingerprint: string, status: 'ignored' | 'open', now = new Date()): boolean {
    const db = this.db;
    return db
      .transaction(() => {
        let s: InventoryStatus = status;
        if (status === 'open') {
          const live = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM places WHERE fingerprint = ? AND live = 1').get(fingerprint)!.n;
          s = live > 0 ? 'open' : 'fixed';
        }
        return db.prepare('UPDATE credentials SET status = ?, status_changed = ? WHERE fingerprint = ?').run(s, now.toISOString(), fingerprint).changes > 0;
      })
      .immediate();
  }

  get(fingerprint: string): InventoryCredential | undefined {
    return this.list(fingerprint)[0];
  }

  list(fingerprint?: string): InventoryCredential[] {
    type Row = { fingerprint: string; rule_id: string; provider: string; preview: string; severity: string; flags: string; status: InventoryStatus; first_seen: string; last_seen: string; status_changed: string };
    const rows = fingerprint
      ? this.db.prepare<[string], Row>('SELECT * FROM credentials WHERE fingerprint = ?').all(fingerprint)
      : this.db.prepare<[], Row>('SELECT * FROM credentials ORDER BY first_seen, fingerprint').all();
    const places = this.db.prepare<[string], { scope: string; context: string; live: number; first_seen: string; last_seen: string }>(
      'SELECT scope, context, live, first_seen, last_seen FROM places WHERE fingerprint = ? ORDER BY scope, context',
    );
    return rows.map((r) => ({
      fingerprint: r.fingerprint,
      ruleId: r.rule_id,
      provider: r.provider,
      preview: r.preview,
      severity: r.severity,
      flags: JSON.parse(r.flags) as string[],
      status: r.status,
      firstSeen: r.first_seen,
      lastSeen: r.last_seen,
      statusChanged: r.status_changed,
      places: places.all(r.fingerprint).map((p) => ({ scope: p.scope, context: p.context, live: p.live === 1, firstSeen: p.first_seen, lastSeen: p.last_seen })),
    }));
  }

  /** The latest check that had an answer (active or inactive), for the --verify cache. */
  lastVerification(fingerprint: string): Verification | undefined {
    type Row = { checked_at: string; status: VerificationStatus; hosts: string; identity: string | null; reason: string };
    const r = this.db
      .prepare<[string], Row>("SELECT checked_at, status, hosts, identity, reason FROM verifications WHERE fingerprint = ? AND status <> 'unknown' ORDER BY checked_at DESC LIMIT 1")
      .get(fingerprint);
    return r ? { status: r.status, checkedAt: r.checked_at, hosts: JSON.parse(r.hosts) as string[], reason: r.reason, ...(r.identity ? { identity: JSON.parse(r.identity) } : {}) } : undefined;
  }

  /** Records one check (values never: status, hosts, identity and a reason in words). */
  recordVerification(fingerprint: string, v: Verification): void {
    this.db
      .prepare('INSERT OR REPLACE INTO verifications (fingerprint, checked_at, status, hosts, identity, reason) VALUES (?, ?, ?, ?, ?, ?)')
      .run(fingerprint, v.checkedAt, v.status, JSON.stringify(v.hosts), v.identity ? JSON.stringify(v.identity) : null, v.reason);
  }

  /** The first check of the current unbroken run of `active` answers ("active since at least"). */
  activeSince(fingerprint: string): string | undefined {
    const lastInactive = this.db.prepare<[string], { t: string | null }>("SELECT max(checked_at) AS t FROM verifications WHERE fingerprint = ? AND status = 'inactive'").get(fingerprint)?.t;
    return (
      this.db
        .prepare<[string, string], { t: string | null }>("SELECT min(checked_at) AS t FROM verifications WHERE fingerprint = ? AND status = 'active' AND checked_at > ?")
        .get(fingerprint, lastInactive ?? '') ?.t ?? undefined
    );
  }

  /** Every check of a credential, oldest first. */
  verificationHistory(fingerprint: string): Array<{ checkedAt: string; status: VerificationStatus }> {
    return this.db
      .prepare<[string], { checked_at: string; status: VerificationStatus }>('SELECT checked_at, status FROM verifications WHERE fingerprint = ? ORDER BY checked_at')
      .all(fingerprint)
      .map((r) => ({ checkedAt: r.checked_at, status: r.status }));
  }
}
