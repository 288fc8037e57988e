/** `PRAGMA application_id`: 'CSWP'. A SQLite file with any other id is not ours and is refused. */
export const APPLICATION_ID = 0x43535750;
/** `PRAGMA user_version`: bumped with each schema change (migrations go in open.ts). */
export const SCHEMA_VERSION = 2;

// Only fingerprints (keyed HMACs) and redacted previews are stored, never a secret.
export const SCHEMA_V1 = `
CREATE TABLE credentials (
  fingerprint    TEXT PRIMARY KEY,
  rule_id        TEXT NOT NULL,
  provider       TEXT NOT NULL,
  preview        TEXT NOT NULL,
  severity       TEXT NOT NULL,
  flags          TEXT NOT NULL DEFAULT '[]',
  evidence_first TEXT,
  first_seen     TEXT NOT NULL,
  last_seen      TEXT NOT NULL,
  status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'fixed', 'ignored')),
  status_changed TEXT NOT NULL
);
CREATE TABLE places (
  fingerprint    TEXT NOT NULL REFERENCES credentials (fingerprint) ON DELETE CASCADE,
  scope          TEXT NOT NULL,
  context        TEXT NOT NULL,
  live           INTEGER NOT NULL,
  evidence_first TEXT,
  first_seen     TEXT NOT NULL,
  last_seen      TEXT NOT NULL,
  last_run       INTEGER NOT NULL,
  PRIMARY KEY (fingerprint, scope, context)
);
CREATE INDEX places_scope ON places (scope, last_run);
CREATE TABLE issues (
  fingerprint TEXT NOT NULL,
  repo        TEXT NOT NULL,
  number      INTEGER NOT NULL,
  updated     TEXT NOT NULL,
  PRIMARY KEY (fingerprint, repo)
);
CREATE TABLE runs (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  scope       TEXT NOT NULL,
  started_at  TEXT NOT NULL,
  new_count   INTEGER NOT NULL DEFAULT 0,
  open_count  INTEGER NOT NULL DEFAULT 0,
  fixed_count INTEGER NOT NULL DEFAULT 0
);
`;

/** v2: what --verify heard from providers, one row per check (the cache and the "active since" history). */
export const SCHEMA_V2 = `
CREATE TABLE IF NOT EXISTS verifications (
  fingerprint TEXT NOT NULL,
  checked_at  TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('active', 'inactive', 'unknown')),
  hosts       TEXT NOT NULL,
  identity    TEXT,
  reason      TEXT NOT NULL,
  PRIMARY KEY (fingerprint, checked_at)
);
`;
