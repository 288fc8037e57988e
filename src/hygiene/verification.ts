import type { CredentialFlag } from '../types.js';
import { severityOf } from './severity.js';
import type { Credential, Verification, VerifiedIdentity } from './types.js';

const day = (iso: string) => iso.slice(0, 10);

/**
 * Folds what providers said into the credentials: `active` and `inactive` become flags with a
 * reason (identity, since when), and the severity is scored again. `unknown` adds no flag: the
 * credential keeps the verdict it had without --verify. Pure.
 */
export function applyVerification(creds: Credential[], results: ReadonlyMap<string, Verification>): Credential[] {
  return creds.map((c) => {
    const v = results.get(c.fingerprint);
    if (!v) return c;
    const flags: CredentialFlag[] = c.flags.filter((f) => f !== 'active' && f !== 'inactive');
    const reasons = { ...c.reasons };
    delete reasons.active;
    delete reasons.inactive;
    if (v.status === 'active') {
      flags.push('active');
      reasons.active = activeReason(v);
    } else if (v.status === 'inactive') {
      flags.push('inactive');
      reasons.inactive = `revoked or expired at the provider: ${v.reason} (${v.hosts.join(', ')}, checked ${day(v.checkedAt)}${v.cached ? ', remembered by the inventory' : ''})`;
    }
    return { ...c, flags, reasons, verification: v, severity: severityOf(c.confidence, flags, c.context) };
  });
}

function activeReason(v: Verification): string {
  const who = describeIdentity(v.identity);
  const since = v.activeSince && day(v.activeSince) !== day(v.checkedAt) ? `; active since at least ${day(v.activeSince)}` : '';
  return `accepted by ${v.hosts.join(', ')} on ${day(v.checkedAt)}${v.cached ? ' (remembered by the inventory)' : ''}${who ? `: ${who}` : ''}${since}; rotate it now`;
}

/** `account acme-bot, scopes repo, read:org, expires 2027-01-01` */
export function describeIdentity(id: VerifiedIdentity | undefined): string {
  if (!id) return '';
  const parts: string[] = [];
  if (id.account) parts.push(`account ${id.account}`);
  if (id.scopes?.length) parts.push(`scopes ${id.scopes.join(', ')}`);
  if (id.expiresAt) parts.push(`expires ${id.expiresAt}`);
  return parts.join(', ');
}

/** `--only-active`: the credentials a provider accepted, and only their findings. */
export function onlyActive<F>(creds: Credential[], findings: F[]): { credentials: Credential[]; findings: F[] } {
  const kept = creds.filter((c) => c.flags.includes('active'));
  const keep = new Set<unknown>(kept.flatMap((c) => c.findings));
  return { credentials: kept, findings: findings.filter((f) => keep.has(f)) };
}
