import type { Finding } from '../types.js';
import type { Credential, Verification } from '../hygiene/types.js';
import { SEVERITY_ORDER } from '../hygiene/types.js';
import { applyVerification, onlyActive } from '../hygiene/verification.js';
import { loadCatalogue } from '../detectors/catalogue.js';
import { runSecretValues, type SecretValues } from '../engine/secret-values.js';
import type { Inventory } from '../inventory/inventory.js';
import { processRedactor } from '../redact/index.js';
import { closeTransport, type Transport } from './http.js';
import { DEFAULT_LIMITS, HostGate, type Limits } from './limits.js';
import { runHttpVerifier } from './http-verifier.js';
import { unknown, type CheckEnv, type Material, type Outcome } from './send.js';
import { hostsOf, verifiersOf, type Verifier } from './spec.js';
import { verifyAws } from './schemes/aws.js';
import { verifyGoogleServiceAccount } from './schemes/google-service-account.js';
import { verifyNetworkService } from './schemes/network-service.js';

/** What `--verify` and its companions ask for. */
export interface VerifyOptions {
  verify: boolean;
  /** Also connect to database hosts named in URLs (`--verify-network-services`). */
  networkServices: boolean;
  /** Report only credentials a provider accepted (`--only-active`). */
  onlyActive: boolean;
  timeoutSeconds: number;
  /** Requests the run may send. */
  budget: number;
  perHostConcurrency: number;
  /** Reuse an inventory answer younger than this (0: always ask). */
  ttlHours: number;
  /** Tests only: the local server's CA and address. */
  transport?: Transport;
  /** Tests only: faster backoff. */
  limits?: Partial<Limits>;
  /** Rule catalogue folder (the run's --rules). */
  rules?: string;
}

/** What a run without --verify passes. */
export const VERIFY_OFF: VerifyOptions = { verify: false, networkServices: false, onlyActive: false, timeoutSeconds: 10, budget: 200, perHostConcurrency: 2, ttlHours: 24 };

export interface VerifyContext {
  inventory?: Inventory;
  /** Where the plan of hosts is printed; default stderr. */
  log?: (line: string) => void;
  now?: Date;
  values?: SecretValues;
}

interface Planned {
  credential: Credential;
  verifier: Verifier;
  material?: Material;
}

/**
 * The verify stage, between hygiene and the report: checks each credential that has a verifier
 * with one read-only request to its provider (once per run; an inventory answer younger than
 * the TTL is reused), folds the answers into the verdicts, and filters with --only-active.
 * Off (returns its input) unless --verify.
 */
export async function verifyStage<F extends Finding>(creds: Credential[], findings: F[], o: VerifyOptions, ctx: VerifyContext = {}): Promise<{ credentials: Credential[]; findings: F[] }> {
  if (!o.verify) return { credentials: creds, findings };
  const log = ctx.log ?? ((l: string) => process.stderr.write(l));
  const verifiers = verifiersOf(loadCatalogue(o.rules).rules);
  const values = ctx.values ?? runSecretValues;
  const now = ctx.now ?? new Date();
  const plan = creds
    .map((c) => planFor(c, verifiers, values, o))
    .filter((p): p is Planned => !!p)
    .sort((a, b) => SEVERITY_ORDER[b.credential.severity] - SEVERITY_ORDER[a.credential.severity]);
  log(describePlan(plan));
  const env: CheckEnv = {
    gate: new HostGate({ ...DEFAULT_LIMITS, perHostConcurrency: o.perHostConcurrency, budget: o.budget, ...o.limits }),
    transport: { timeoutMs: o.timeoutSeconds * 1000, ...o.transport },
  };
  const results = new Map<string, Verification>();
  try {
    await Promise.all(
      plan.map(async (p) => {
        const fp = p.credential.fingerprint;
        const cached = fromInventory(ctx.inventory, fp, o.ttlHours, now);
        const v: Verification = cached ?? toVerification(await check(p, env, o), now);
        if (!cached) ctx.inventory?.recordVerification(fp, v);
        if (v.status === 'active') {
          const since = ctx.inventory?.activeSince(fp);
          if (since) v.activeSince = since;
        }
        results.set(fp, v);
      }),
    );
  } finally {
    closeTransport(env.transport);
  }
  const counts = { active: 0, inactive: 0, unknown: 0 };
  for (const v of results.values()) counts[v.status]++;
  log(`credsweep: verify: ${counts.active} active, ${counts.inactive} inactive, ${counts.unknown} unknown (${env.gate.requests} requests)\n`);
  const verified = applyVerification(creds, results);
  return o.onlyActive ? onlyActive(verified, findings) : { credentials: verified, findings };
}

function planFor(c: Credential, verifiers: Map<string, Verifier>, values: SecretValues, o: VerifyOptions): Planned | undefined {
  const ids = [c.ruleId, ...c.findings.map((f) => f.ruleId)];
  const ruleId = ids.find((id) => verifiers.has(id));
  if (!ruleId) return undefined;
  const verifier = verifiers.get(ruleId)!;
  if (verifier.kind === 'network-service' && !o.networkServices) return undefined;
  const held = values.get(c.fingerprint);
  if (!held) return { credential: c, verifier };
  const pairedFp = c.findings.find((f) => f.ruleId === ruleId && f.pairedWith)?.pairedWith?.fingerprint ?? c.findings.find((f) => f.pairedWith)?.pairedWith?.fingerprint;
  const paired = pairedFp ? values.get(pairedFp)?.value : undefined;
  return { credential: c, verifier, material: { value: held.value, ...(paired ? { paired } : {}), ...(held.context ? { context: held.context } : {}) } };
}

async function check(p: Planned, env: CheckEnv, o: VerifyOptions): Promise<Outcome> {
  if (!p.material) return unknown('not checked: the value is not held by this run (a merged shard keeps fingerprints only)', []);
  const v = p.verifier;
  switch (v.kind) {
    case 'http':
      return runHttpVerifier(v, p.material, env);
    case 'aws-sigv4':
      return verifyAws(p.material, env);
    case 'google-service-account':
      return verifyGoogleServiceAccount(p.material, env);
    case 'network-service':
      return o.networkServices ? verifyNetworkService(v.service, p.material, env) : unknown('not checked: needs --verify-network-services', []);
  }
}

/** Provider answers are untrusted text: what is kept of them passes the redactor (a value echoed back never lands anywhere). */
function toVerification(out: Outcome, now: Date): Verification {
  const r = (s: string) => processRedactor.redact(s, true);
  const identity = out.identity && {
    ...(out.identity.account ? { account: r(out.identity.account) } : {}),
    ...(out.identity.scopes ? { scopes: out.identity.scopes.map(r) } : {}),
    ...(out.identity.expiresAt ? { expiresAt: r(out.identity.expiresAt) } : {}),
  };
  return { status: out.status, checkedAt: now.toISOString(), hosts: out.hosts, reason: r(out.reason), ...(identity ? { identity } : {}) };
}

function fromInventory(inv: Inventory | undefined, fp: string, ttlHours: number, now: Date): Verification | undefined {
  if (!inv || ttlHours <= 0) return undefined;
  const last = inv.lastVerification(fp);
  if (!last || now.getTime() - Date.parse(last.checkedAt) > ttlHours * 3_600_000) return undefined;
  return { ...last, cached: true };
}

/** `--verify` says, before sending anything, which hosts it will contact and for how many credentials. */
export function describePlan(plan: Array<{ verifier: Verifier; material?: Material }>): string {
  const byHost = new Map<string, number>();
  for (const p of plan) if (p.material) for (const h of hostsNamed(p.verifier, p.material)) byHost.set(h, (byHost.get(h) ?? 0) + 1);
  if (byHost.size === 0) return 'credsweep: verify: no credential of this run has a verifier; nothing is contacted\n';
  const list = [...byHost].sort(([a], [b]) => a.localeCompare(b)).map(([h, n]) => `${h} (${n})`);
  return `credsweep: verify: will contact ${list.join(', ')} over TLS, one read-only request per credential (no proxy); nothing else is contacted\n`;
}

/** A database URL names its own host: the plan shows it, not the placeholder. */
function hostsNamed(v: Verifier, m: Material): string[] {
  if (v.kind !== 'network-service') return hostsOf(v);
  try {
    const u = new URL(m.context?.url ?? '');
    return [`${u.hostname}${u.port ? `:${u.port}` : ''}`];
  } catch {
    return hostsOf(v);
  }
}
