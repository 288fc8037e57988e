import { availableParallelism } from 'node:os';
import { Option, type Command } from 'commander';
import { CONFIDENCE_NAMES } from '../vocabulary/levels.js';
import { FINDING_CONTEXTS, type FindingContext } from '../vocabulary/contexts.js';
import { FORMAT_NAMES } from '../report/formats.js';
import { FAIL_ON_HELP, parseFailOn } from '../policy/fail-on.js';
import { parseDays, parseSize } from '../util/size.js';
import type { DetectionSettings, GitHubSettings, HygieneSettings, InputSettings, OutputSettings, Settings, VerificationSettings } from './settings.js';
import { UsageError } from './usage-error.js';

// The option groups a command can offer. Each group declares its flags and turns the parsed
// flags into its typed settings, once; a command lists the groups it uses and nothing else.

type Flags = Record<string, unknown>;

interface OptionGroup<T> {
  options(): Option[];
  resolve(flags: Flags): T;
  defaults: T;
}

const collect = (v: string, prev: string[]) => [...prev, v];

export function intArg(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new UsageError(`${name} must be a non-negative integer, got '${v}'`);
    return n;
  };
}

export function sizeArg(name: string) {
  return (v: string): number => {
    try {
      return parseSize(v);
    } catch (e) {
      throw new UsageError(`${name}: ${(e as Error).message}`);
    }
  };
}

function daysArg(name: string) {
  return (v: string): number => {
    try {
      return parseDays(v);
    } catch (e) {
      throw new UsageError(`${name}: ${(e as Error).message}`);
    }
  };
}

const CONTEXT_IDS = FINDING_CONTEXTS.map((c) => c.id);

function contextsArg(v: string): FindingContext[] {
  const list = v.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = list.find((c) => !CONTEXT_IDS.includes(c as FindingContext));
  if (bad) throw new UsageError(`--skip-context: unknown context '${bad}'; use ${CONTEXT_IDS.join(', ')}`);
  return list as FindingContext[];
}

function failOnArg(v: string): string {
  try {
    parseFailOn(v);
  } catch (e) {
    throw new UsageError(`--fail-on: ${(e as Error).message}`);
  }
  return v;
}

const DEFAULT_MAX_FILE_SIZE = parseSize('10MB');

const input: OptionGroup<InputSettings> = {
  options: () => [
    new Option('--exclude <glob>', '.gitignore-style glob of paths not to scan: files, paths in history, layers and charts (repeatable)').argParser(collect).default([]),
    new Option('--max-file-size <size>', 'skip files larger than this (units: KB, MB, GB)').argParser(sizeArg('--max-file-size')).default(DEFAULT_MAX_FILE_SIZE, '10MB'),
  ],
  resolve: (f) => ({ exclude: (f.exclude as string[]) ?? [], maxFileSize: (f.maxFileSize as number) ?? DEFAULT_MAX_FILE_SIZE }),
  defaults: { exclude: [], maxFileSize: DEFAULT_MAX_FILE_SIZE },
};

const detection: OptionGroup<DetectionSettings> = {
  options: () => [
    new Option('--rules <dir>', 'rule catalogue folder (default: the shipped detectors/)'),
    new Option('--threads <n>', 'worker threads (0 = scan on the main thread)').argParser(intArg('--threads')).default(availableParallelism()),
    new Option('--min-confidence <level>', 'drop findings below this confidence').choices(CONFIDENCE_NAMES).default('medium'),
    new Option('--show-secrets', 'print secret values in reports (never the default)').default(false),
    new Option('--skip-context <list>', `drop findings in these contexts (comma list of ${CONTEXT_IDS.join(', ')}; by default they are reported at lower confidence)`).argParser(contextsArg),
  ],
  resolve: (f) => ({
    rules: f.rules as string | undefined,
    threads: (f.threads as number) ?? availableParallelism(),
    minConfidence: (f.minConfidence as DetectionSettings['minConfidence']) ?? 'medium',
    showSecrets: !!f.showSecrets,
    skipContexts: (f.skipContext as FindingContext[] | undefined) ?? [],
  }),
  defaults: { threads: availableParallelism(), minConfidence: 'medium', showSecrets: false, skipContexts: [] },
};

const output: OptionGroup<OutputSettings> = {
  options: () => [
    new Option('-f, --format <format>', `report format: ${FORMAT_NAMES.join(', ')} (see "Output formats")`).choices(FORMAT_NAMES).default('text'),
    new Option('-o, --output <file>', 'write the report to a file instead of stdout'),
    new Option('--color <when>', 'ANSI colours in the text report: auto (on a terminal, unless NO_COLOR is set), always, never').choices(['auto', 'always', 'never']).default('auto'),
    new Option('--no-progress', 'no progress on stderr (it is only drawn on a terminal, and sweeps print a line per repository)'),
  ],
  resolve: (f) => ({
    format: (f.format as OutputSettings['format']) ?? 'text',
    output: f.output as string | undefined,
    color: f.color === 'always' ? true : f.color === 'never' ? false : undefined,
    progress: f.progress !== false,
  }),
  defaults: { format: 'text', progress: true },
};

const hygiene: OptionGroup<HygieneSettings> = {
  options: () => [
    new Option('--fail-on <conditions>', `${FAIL_ON_HELP} (default: failOn from the policy, else medium)`).argParser(failOnArg),
    new Option('--max-age <duration>', 'rotation policy: live credentials older than this are stale (e.g. 90d, 12w, 1y; default: maxAge from the policy, else 90d)').argParser(daysArg('--max-age')),
    new Option('--config <file>', 'policy file (default: .credsweep.yaml in the scan root, else in the working directory)'),
    new Option('--ignore-file <file>', 'file of fingerprints (or 12+ hex prefixes) to ignore (default: .credsweepignore in the scan root, else the working directory)'),
    new Option('--baseline <file>', 'accepted credentials (see `credsweep baseline`): reported as baselined, never failing, not new (default: .credsweep-baseline in the scan root, else the working directory)'),
    new Option('--report-unused-ignores', 'list ignore and baseline entries that matched nothing').default(false),
    new Option('--db <file>', 'inventory: SQLite file remembering credentials across runs (new / still open / fixed)'),
  ],
  resolve: (f) => ({
    failOn: f.failOn as string | undefined,
    maxAgeDays: f.maxAge as number | undefined,
    config: f.config as string | undefined,
    ignoreFile: f.ignoreFile as string | undefined,
    baseline: f.baseline as string | undefined,
    reportUnusedIgnores: !!f.reportUnusedIgnores,
    db: f.db as string | undefined,
  }),
  defaults: { reportUnusedIgnores: false },
};

const github: OptionGroup<GitHubSettings> = {
  options: () => [
    new Option('--open-issues', 'open or update one GitHub issue per credential per repository').default(false),
    new Option('--dry-run', 'with --open-issues: print every issue it would open or change, in full; change nothing').default(false),
    new Option('--max-issues <n>', 'with --open-issues: open issues at most for the credentials found (those already open count), worst first; the rest are listed in one tracking issue per repository').argParser(intArg('--max-issues')).default(20),
    new Option('--allow-public-issues', 'with --open-issues: also open issues on public repositories for credentials that are still live (refused by default)').default(false),
    new Option('--github-token <token>', 'GitHub token (default: $GITHUB_TOKEN)'),
    new Option('--github-api-url <url>', 'GitHub REST API root, for GitHub Enterprise Server (default: $GITHUB_API_URL or https://api.github.com)'),
  ],
  resolve: (f) => ({
    openIssues: !!f.openIssues,
    dryRun: !!f.dryRun,
    token: f.githubToken as string | undefined,
    apiUrl: f.githubApiUrl as string | undefined,
    maxIssues: (f.maxIssues as number | undefined) ?? 20,
    allowPublicIssues: !!f.allowPublicIssues,
  }),
  defaults: { openIssues: false, dryRun: false, maxIssues: 20, allowPublicIssues: false },
};

function hoursArg(name: string) {
  return (v: string): number => {
    const m = /^\s*(\d+)\s*(h|d)?\s*$/i.exec(v);
    if (!m) throw new UsageError(`${name} must be hours or days, e.g. 12h, 7d, 0 (got '${v}')`);
    return Number(m[1]) * ((m[2] ?? 'h').toLowerCase() === 'd' ? 24 : 1);
  };
}

const VERIFY_DEFAULTS: VerificationSettings = { verify: false, networkServices: false, onlyActive: false, timeoutSeconds: 10, budget: 200, perHostConcurrency: 2, ttlHours: 24 };

/** Opt-in checks with providers. Never on unless asked: not by default, not in the Action. */
const verification: OptionGroup<VerificationSettings> = {
  options: () => [
    new Option('--verify', "check each credential with its provider: one read-only request to the provider's documented host over TLS (prints the hosts first; see README \"Verification\")").default(false),
    new Option('--verify-network-services', 'with --verify: also try database URLs (Redis over TLS; Postgres, MySQL, MongoDB need a driver credsweep does not ship) at the host the URL names').default(false),
    new Option('--only-active', 'with --verify: report only credentials their provider accepted').default(false),
    new Option('--verify-timeout <seconds>', 'with --verify: give up on one request after this long').argParser(intArg('--verify-timeout')).default(VERIFY_DEFAULTS.timeoutSeconds),
    new Option('--verify-budget <n>', 'with --verify: most requests the run may send (retries count)').argParser(intArg('--verify-budget')).default(VERIFY_DEFAULTS.budget),
    new Option('--verify-concurrency <n>', 'with --verify: requests in flight per host').argParser(intArg('--verify-concurrency')).default(VERIFY_DEFAULTS.perHostConcurrency),
    new Option('--verify-ttl <duration>', 'with --verify and --db: reuse an answer the inventory got less than this long ago (12h, 7d; 0 = always ask)').argParser(hoursArg('--verify-ttl')).default(VERIFY_DEFAULTS.ttlHours, '24h'),
  ],
  resolve: (f) => {
    const v: VerificationSettings = {
      verify: !!f.verify,
      networkServices: !!f.verifyNetworkServices,
      onlyActive: !!f.onlyActive,
      timeoutSeconds: (f.verifyTimeout as number) ?? VERIFY_DEFAULTS.timeoutSeconds,
      budget: (f.verifyBudget as number) ?? VERIFY_DEFAULTS.budget,
      perHostConcurrency: Math.max(1, (f.verifyConcurrency as number) ?? VERIFY_DEFAULTS.perHostConcurrency),
      ttlHours: (f.verifyTtl as number) ?? VERIFY_DEFAULTS.ttlHours,
    };
    if (!v.verify && (v.onlyActive || v.networkServices)) throw new UsageError(`${v.onlyActive ? '--only-active' : '--verify-network-services'} only applies with --verify`);
    return v;
  },
  defaults: VERIFY_DEFAULTS,
};

/**
 * Where issues about a local target go. Only the `scan` commands offer it: the Action and
 * sweeps file each credential's issue in the repository it was found in.
 */
const issueTarget: OptionGroup<Pick<GitHubSettings, 'issuesRepo'>> = {
  options: () => [new Option('--issues-repo <owner/name>', 'with --open-issues: the repository the issues go to (default: $GITHUB_REPOSITORY)')],
  resolve: (f) => ({ issuesRepo: f.issuesRepo as string | undefined }),
  defaults: {},
};

/** The registry: a command names the groups it offers. */
export const OPTION_GROUPS = { input, detection, output, hygiene, github, issueTarget, verification } as const;
export type GroupName = keyof typeof OPTION_GROUPS;

/** Adds the flags of `groups` to `cmd`. */
export function offerGroups(cmd: Command, groups: readonly GroupName[]): Command {
  for (const g of groups) for (const o of OPTION_GROUPS[g].options()) cmd.addOption(o);
  return cmd;
}

/** Parsed flags -> typed settings; groups the command does not offer keep their defaults. */
export function resolveSettings(flags: Flags, groups: readonly GroupName[]): Settings {
  const pick = <K extends Exclude<GroupName, 'issueTarget'>>(k: K) => (groups.includes(k) ? OPTION_GROUPS[k].resolve(flags) : OPTION_GROUPS[k].defaults) as NonNullable<Settings[K]>;
  const s: Settings = { input: pick('input'), detection: pick('detection'), output: pick('output'), hygiene: pick('hygiene'), github: pick('github'), verification: pick('verification') };
  if (groups.includes('issueTarget')) s.github.issuesRepo = issueTarget.resolve(flags).issuesRepo;
  if (s.github.dryRun && !s.github.openIssues) throw new UsageError('--dry-run only applies with --open-issues');
  return s;
}
