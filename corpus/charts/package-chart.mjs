#!/usr/bin/env node
// Packages a chart folder the way `helm package` lays it out (no helm binary here): a
// gzipped tar whose single top-level directory is the chart's name, regular files 0644,
// a fixed mtime so the archive is reproducible. Usage: node package-chart.mjs <chart-dir> <out.tgz>
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import tar from 'tar-stream';

const MTIME = new Date('2024-01-01T00:00:00Z');

function listFiles(dir, rel = '') {
  const out = [];
  for (const e of readdirSync(join(dir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listFiles(dir, r));
    else if (e.isFile()) out.push(r);
  }
  // helm writes Chart.yaml first, then values.yaml, then the rest.
  const rank = (p) => (p === 'Chart.yaml' ? 0 : p === 'values.yaml' ? 1 : 2);
  return rel ? out : out.sort((a, b) => rank(a) - rank(b));
}

/** Entries as `{ name, data?, type? }` (tests use this directly for hostile archives). */
export async function tarGz(entries) {
  const pack = tar.pack();
  const parts = [];
  const done = (async () => {
    for await (const c of pack) parts.push(c);
  })();
  for (const e of entries) {
    const { data, ...header } = e;
    await new Promise((resolve, reject) =>
      pack.entry({ mode: 0o644, mtime: MTIME, ...header }, data ?? undefined, (err) => (err ? reject(err) : resolve())),
    );
  }
  pack.finalize();
  await done;
  return gzipSync(Buffer.concat(parts));
}

/** The chart folder as a `.tgz` Buffer; `name` defaults to the folder's name. */
export async function packageChart(dir, name = basename(dir)) {
  return tarGz(listFiles(dir).map((p) => ({ name: `${name}/${p}`, data: readFileSync(join(dir, p)) })));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [dir, out] = process.argv.slice(2);
  if (!dir || !out) {
    console.error('usage: node package-chart.mjs <chart-dir> <out.tgz>');
    process.exit(2);
  }
  writeFileSync(out, await packageChart(dir));
}
