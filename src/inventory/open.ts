import Database from 'better-sqlite3';
import { APPLICATION_ID, SCHEMA_V1, SCHEMA_V2, SCHEMA_VERSION } from './schema.js';

export class InventoryError extends Error {}

/** Waits this long for another run holding the write lock before giving up. */
const BUSY_MS = 30_000;

/**
 * Opens (creating when new or empty) an inventory file. Refuses anything that is not ours:
 * a file SQLite cannot read, a database with another application id, one with tables but no
 * id, one from a newer credsweep, or one that fails SQLite's quick check.
 */
export function openInventoryDb(file: string): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(file);
  } catch (e) {
    throw new InventoryError(`inventory ${file}: cannot open (${(e as Error).message})`);
  }
  try {
    db.pragma(`busy_timeout = ${BUSY_MS}`);
    const appId = db.pragma('application_id', { simple: true }) as number;
    if (appId !== 0 && appId !== APPLICATION_ID) {
      throw new InventoryError(`inventory ${file}: a SQLite database of another application (application_id ${appId}), not a credsweep inventory; refusing to use it`);
    }
    if (appId === 0) initialise(db, file);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) throw new InventoryError(`inventory ${file}: written by a newer credsweep (schema ${version}, this one knows ${SCHEMA_VERSION})`);
    if (version < SCHEMA_VERSION) migrate(db);
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new InventoryError(`inventory ${file}: corrupt (SQLite quick_check: ${String(check).slice(0, 200)})`);
    setWal(db);
    db.pragma('foreign_keys = ON');
    return db;
  } catch (e) {
    db.close();
    if (e instanceof InventoryError) throw e;
    const code = (e as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') throw new InventoryError(`inventory ${file}: not a SQLite database or corrupt (${code}); refusing to use it`);
    throw new InventoryError(`inventory ${file}: ${(e as Error).message}`);
  }
}

/** Creates the schema in a new or empty database, under the write lock so two first runs do not both do it. */
function initialise(db: Database.Database, file: string): void {
  db.transaction(() => {
    const appId = db.pragma('application_id', { simple: true }) as number;
    if (appId === APPLICATION_ID) return; // another run got there first
    const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").get() as { n: number };
    if (tables.n > 0) throw new InventoryError(`inventory ${file}: a SQLite database with other tables, not a credsweep inventory; refusing to use it`);
    db.exec(SCHEMA_V1);
    db.exec(SCHEMA_V2);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}

/** WAL lets readers run beside a writer; switching needs a moment alone with the file. */
function setWal(db: Database.Database): void {
  for (let i = 0; ; i++) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (e) {
      if ((e as { code?: string }).code !== 'SQLITE_BUSY' || i > 50) throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
}

/** Brings an older inventory up to this version, under the write lock (two runs may try at once). */
function migrate(db: Database.Database): void {
  db.transaction(() => {
    const v = db.pragma('user_version', { simple: true }) as number;
    if (v < 2) db.exec(SCHEMA_V2);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
