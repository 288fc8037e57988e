// The README's performance table: one row per speed benchmark, the figure read from the
// record it last wrote (bench/record.mjs). `npm run docs` writes it into the README; a test
// fails when the README and the records disagree.
import { existsSync, readFileSync } from 'node:fs';
import { RESULTS_DIR } from './record.mjs';

export const PERFORMANCE = [
  {
    id: 'engine',
    command: 'npm run bench',
    what: 'the engine alone, whole catalogue, on one worker and on every worker, warm: 200 MB of real files read into memory (`/usr/lib/python3` and this project\'s `node_modules`; `BENCH_TREE=a:b` takes other folders) and the generated corpus (`BENCH_CORPUS=real|generated` runs one); floor: one thread running an RE2 alternation of the 20 most used keywords',
  },
  {
    id: 'dir',
    command: 'npm run bench:dir',
    what: '`credsweep scan dir` against secretlint 13 (recommended preset, installed under a temp folder, not a project dependency) on the same real tree in one run, plus a read-everything floor; `BENCH_TREE=path` takes any tree',
  },
  {
    id: 'git',
    command: 'npm run bench:git',
    what: 'full history of a repository built once from real files on the machine (cached under /tmp), or `BENCH_REPO=path`, against `git cat-file --batch-all-objects --batch --unordered`; also the pool against `--threads 0`, peak RSS and where each thread spent its time',
  },
  {
    id: 'image',
    command: 'npm run bench:image',
    what: 'the whole scan of a generated image of 12 gzip layers (1.16 GB unpacked) against `gzip -dc` of every layer',
  },
  {
    id: 'image-zstd',
    command: 'npm run bench:image -- --zstd --source-only',
    what: 'the zstd decoder: the same image with zstd layers, read without detection, against `zstd -dc` of every layer (decoder: Node\'s zlib where it has zstd, else the `zstd` program, else fzstd)',
  },
  {
    id: 'action',
    command: 'npm run bench:action',
    what: 'the Action\'s cold start as a runner runs it: a fresh clone of a release tag holding the prebuilt bundle, `action.yml`\'s `runs.main` on Node 24 with the inputs as `INPUT_*`, no network, npm and compilers replaced by failing shims; floors `node -e 0` and the clone of the action',
  },
];

const cell = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');

function readRecord(id) {
  const file = new URL(`${id}.json`, RESULTS_DIR);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

export function performanceTable() {
  const lines = ['| command | what | target | measured | when |', '|---|---|---|---|---|'];
  for (const b of PERFORMANCE) {
    const r = readRecord(b.id);
    const measured = r ? `${r.met ? 'met' : '**not met**'}: ${r.summary}` : 'not measured yet';
    const when = r ? `${r.measuredAt.slice(0, 10)}, Node ${r.node}, ${r.cores} cores, load ${r.load.join(' -> ')}` : '';
    lines.push(`| \`${cell(b.command)}\` | ${cell(b.what)} | ${cell(r?.target ?? '')} | ${cell(measured)} | ${cell(when)} |`);
  }
  return lines.join('\n');
}
