// Builds the repository `npm run bench:git` scans: shaped like a real one, from real files on
// this machine. Files of /usr/share, /usr/lib/python3* and node_modules are added over the first
// part of the history (a package or folder at a time, as a project grows), while every commit
// also edits a few "hot" text files (a line inserted or dropped), so most blob content is
// successive versions of real files and packs as deltas, as in a real clone. Feature branches
// fork from the main line, some merge back (two-parent merges), tags (light and annotated)
// mark releases, and fake tokens are planted in edited files (some credentials reused, most
// removed again an edit or two later), so findings sit at every depth of the history. Deterministic for given parameters.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { lstatSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checksumTail } from '../dist/detectors/validators/base62-crc32.js';

const MB = 1024 * 1024;
const MAX_FILE = 1 * MB;
const TOKEN_LINE = 'GITHUB_TOKEN = "';

/** xorshift32: deterministic and fast. */
function rng(seed) {
  let x = seed >>> 0 || 1;
  return (n) => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return n === undefined ? x : x % n;
  };
}

const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** A fake GitHub classic PAT with a valid checksum (made here, never a real one). */
function fakeToken(seed) {
  const h = createHash('sha256').update(`bench-history:${seed}`).digest();
  let body = '';
  for (let i = 0; i < 30; i++) body += B62[h[i] % 62];
  return 'ghp_' + body + checksumTail(body);
}

/** Regular files under the roots, sorted, each with the path it gets in the repository. */
export function sourceFiles(roots) {
  const out = [];
  const walk = (abs, rel) => {
    let names;
    try {
      names = readdirSync(abs).sort();
    } catch {
      return;
    }
    for (const n of names) {
      const a = join(abs, n);
      let st;
      try {
        st = lstatSync(a);
      } catch {
        continue;
      }
      if (st.isDirectory()) walk(a, `${rel}/${n}`);
      else if (st.isFile() && st.size > 0 && st.size <= MAX_FILE) out.push({ abs: a, path: `${rel}/${n}`, size: st.size });
    }
  };
  for (const [name, dir] of roots) {
    try {
      walk(realpathSync(dir), name);
    } catch {
      // a root missing on this machine is left out
    }
  }
  return out;
}

export const DEFAULT_ROOTS = [
  ['share', '/usr/share'],
  ['python', '/usr/lib/python3'],
  ['python3.11', '/usr/lib/python3.11'],
  ['node_modules', fileURLToPath(new URL('../node_modules/', import.meta.url))],
];

/**
 * Writes the repository with `git fast-import`, then repacks it as a clone would be packed.
 * Returns what it built: unique blob bytes, commits, refs, planted tokens.
 */
export async function buildHistoryRepo(dir, { commits = 4000, targetMB = 1024, roots = DEFAULT_ROOTS, log = () => {} } = {}) {
  rmSync(dir, { recursive: true, force: true });
  execFileSync('git', ['init', '-q', '--bare', dir]);
  const files = sourceFiles(roots);
  const poolBytes = files.reduce((n, f) => n + f.size, 0);
  log(`source pool: ${files.length} files, ${(poolBytes / MB).toFixed(0)} MB`);
  const r = rng(7);
  const target = targetMB * MB;
  // Up to ~70% of the target from adding files, the rest from edits of hot files.
  const addBudget = Math.min(poolBytes, target * 0.7);
  const addPhase = Math.floor(commits * 0.6);
  const addPerCommit = addBudget / addPhase;

  const fi = spawn('git', ['--git-dir', dir, 'fast-import', '--quiet', '--done'], { stdio: ['pipe', 'inherit', 'inherit'] });
  let pending = [];
  let pendingBytes = 0;
  const write = async (part) => {
    pending.push(part);
    pendingBytes += part.length;
    if (pendingBytes > 8 * MB) {
      if (!fi.stdin.write(Buffer.concat(pending))) await once(fi.stdin, 'drain');
      pending = [];
      pendingBytes = 0;
    }
  };
  const text = (s) => Buffer.from(s);

  const seen = new Set();
  let unique = 0;
  let blobs = 0;
  let mark = 0;
  /** Emits a blob (once per content) and returns its mark-or-sha reference. */
  const blobRef = new Map();
  const blob = async (data) => {
    const sha = createHash('sha1').update(`blob ${data.length}\0`).update(data).digest('hex');
    if (seen.has(sha)) return blobRef.get(sha);
    seen.add(sha);
    unique += data.length;
    blobs++;
    const m = ++mark;
    blobRef.set(sha, `:${m}`);
    await write(text(`blob\nmark :${m}\ndata ${data.length}\n`));
    await write(data);
    await write(text('\n'));
    return `:${m}`;
  };

  /** Hot files: path -> current content (only text files of a moderate size). */
  const hot = new Map();
  const hotPaths = [];
  let tokenSeq = 0;
  let planted = 0;
  /** One edit: insert a line (sometimes a token), or drop one. */
  const edit = (content, seq, plant) => {
    // A planted token is usually noticed and removed again within an edit or two.
    const lines = content
      .toString('latin1')
      .split('\n')
      .filter((l) => !(l.startsWith(TOKEN_LINE) && r(10) < 7));
    const at = r(lines.length + 1);
    if (plant) {
      // Some credentials recur: the same token pasted in several places.
      const seed = tokenSeq % 5 === 4 ? r(Math.max(1, tokenSeq)) : tokenSeq;
      tokenSeq++;
      planted++;
      lines.splice(at, 0, `${TOKEN_LINE}${fakeToken(seed)}"  # rev ${seq}`);
    } else if (lines.length > 20 && r(3) === 0) lines.splice(at, 1);
    else lines.splice(at, 0, `# rev ${seq}: ${r().toString(36)} ${r().toString(36)}`);
    return Buffer.from(lines.join('\n'), 'latin1');
  };

  let commitMark = 10_000_000;
  let seq = 0;
  const person = (i, ts) => `Dev ${i % 23} <dev${i % 23}@bench.test> ${ts} +0000`;
  const commit = async (ref, from, merge, ops, ts, msg) => {
    const m = ++commitMark;
    seq++;
    const who = person(seq, ts);
    let s = `commit ${ref}\nmark :${m}\nauthor ${who}\ncommitter ${who}\ndata ${Buffer.byteLength(msg)}\n${msg}\n`;
    if (from) s += `from ${from}\n`;
    if (merge) s += `merge ${merge}\n`;
    for (const [path, ref2] of ops) s += `M 100644 ${ref2} ${path}\n`;
    await write(text(s));
    return `:${m}`;
  };

  const editOps = async (n, plantEvery, sourceMap = hot) => {
    const ops = [];
    for (let k = 0; k < n && hotPaths.length; k++) {
      const path = hotPaths[r(hotPaths.length)];
      const next = edit(sourceMap.get(path) ?? hot.get(path), seq, r(plantEvery) === 0);
      sourceMap.set(path, next);
      ops.push([path, await blob(next)]);
    }
    return ops;
  };

  let fileAt = 0;
  let addedBytes = 0;
  let main;
  let tags = 0;
  let branches = 0;
  let merges = 0;
  const openBranches = [];
  const t0 = 1_400_000_000;
  const editBudget = target - addBudget;
  let editBytes = 0;
  let editCount = 0;
  for (let c = 1; c <= commits; c++) {
    const ts = t0 + c * 3600;
    const ops = [];
    // Grow: the next files of the pool, in folder order.
    if (c <= addPhase) {
      const until = Math.min(addBudget, addPerCommit * c);
      while (fileAt < files.length && addedBytes < until) {
        const f = files[fileAt++];
        let data;
        try {
          data = readFileSync(f.abs);
        } catch {
          continue;
        }
        addedBytes += data.length;
        ops.push([f.path, await blob(data)]);
        if (data.length >= 2048 && data.length <= 256 * 1024 && !data.subarray(0, 8192).includes(0) && r(8) === 0) {
          hot.set(f.path, data);
          hotPaths.push(f.path);
        }
      }
    }
    // Change: edits of hot files, as many per commit as make the rest of the target over the
    // remaining commits (each edit adds a new version of a file, of the hot files' mean size).
    const before = unique;
    const perEdit = editCount ? editBytes / editCount : 32 * 1024;
    const want = (editBudget - editBytes) / Math.max(1, commits - c + 1) / perEdit;
    const edits = editBytes < editBudget ? Math.max(2, Math.min(60, Math.round(want * (0.5 + r(100) / 100)))) : 1;
    ops.push(...(await editOps(edits, 3 * Math.max(1, Math.round(edits / 6)))));
    editBytes += unique - before;
    editCount += edits;
    main = await commit('refs/heads/main', main, undefined, ops, ts, `commit ${c}`);

    if (c % 12 === 0) {
      // A feature branch: a few commits of its own on copies of the hot files.
      const name = `refs/heads/feature/f${c}`;
      const own = new Map();
      let tip = main;
      const changed = new Map();
      const n = 1 + r(4);
      for (let k = 0; k < n; k++) {
        const bops = await editOps(1 + r(3), 4, own);
        for (const [p, b] of bops) changed.set(p, b);
        tip = await commit(name, tip, undefined, bops, ts + 60 * (k + 1), `feature ${c}.${k}`);
      }
      branches++;
      if (r(3) !== 0) openBranches.push({ tip, changed, own, mergeAt: c + 1 + r(20) });
    }
    for (let i = openBranches.length - 1; i >= 0; i--) {
      const b = openBranches[i];
      if (b.mergeAt !== c) continue;
      openBranches.splice(i, 1);
      for (const [p, content] of b.own) hot.set(p, content);
      main = await commit('refs/heads/main', main, b.tip, [...b.changed], ts + 1800, `merge feature at ${c}`);
      merges++;
    }
    if (c % 20 === 0) {
      tags++;
      if (r(2)) await write(text(`reset refs/tags/v${c / 20}\nfrom ${main}\n\n`));
      else {
        const msg = `release ${c / 20}`;
        await write(text(`tag v${c / 20}\nfrom ${main}\ntagger ${person(c, ts)}\ndata ${msg.length}\n${msg}\n`));
      }
    }
    if (c % 500 === 0) log(`  ${c} commits, ${(unique / MB).toFixed(0)} MB unique`);
  }
  await write(text('done\n'));
  fi.stdin.end(Buffer.concat(pending));
  const [code] = await once(fi, 'close');
  if (code !== 0) throw new Error(`git fast-import failed (${code})`);
  execFileSync('git', ['--git-dir', dir, 'symbolic-ref', 'HEAD', 'refs/heads/main']);
  // fast-import deltas each blob against the one before it only; a clone is packed with a real delta search.
  log('repacking (delta search, as a clone is packed)...');
  execFileSync('git', ['--git-dir', dir, 'repack', '-a', '-d', '-f', '-q', '--window=10', '--depth=50'], { stdio: 'inherit' });
  return { uniqueBytes: unique, blobs, commits: seq, branches, merges, tags, plantedTokens: planted };
}

