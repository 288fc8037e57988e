#!/usr/bin/env node
// Case 15: a packaged chart of a few KB that fans out FAN ways over DEPTH levels of
// subchart archives (each level's .tgz holds FAN copies of the level below, which gzip
// squeezes to almost nothing). Expanded, it is gigabytes and millions of charts; the scan
// must stop at the byte budget for the expanded total, quickly and in bounded memory,
// with one error naming the chart. The leaf values.yaml holds a real secret, and a small
// sane chart beside it holds another, which must still be found. With `distinct`, every
// archive ends with a file of its own, so no two are the same bytes and none can be skipped
// as a duplicate (gzip still squeezes them: they differ only at their ends).
// Usage: node helm-fanout.mjs OUT_DIR [FAN=8] [DEPTH=7] [distinct]
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fakeToken, isMain, tarOf } from './lib.mjs';

export const FANOUT_SECRETS = { leaf: fakeToken('helm-fanout-leaf'), beside: fakeToken('helm-fanout-beside') };

async function chartTgz(name, files) {
  return gzipSync(await tarOf(Object.entries(files).map(([path, data]) => ({ name: `${name}/${path}`, data }))), { level: 9 });
}

const chartYaml = (name) => `apiVersion: v2\nname: ${name}\nversion: 1.0.0\n`;

export async function fanoutCharts(dir, { fan = 8, depth = 7, distinct = false } = {}) {
  mkdirSync(dir, { recursive: true });
  const leaf = (id) => chartTgz('leaf', { 'Chart.yaml': chartYaml('leaf'), 'values.yaml': `auth:\n  token: ${FANOUT_SECRETS.leaf}\n`, ...(distinct ? { 'NOTES.txt': `copy ${id}\n` } : {}) });
  const parent = async (d, id, child) => {
    const name = d === 0 ? 'fanout' : `level${d}`;
    const files = { 'Chart.yaml': chartYaml(name) };
    for (let i = 0; i < fan; i++) files[`charts/sub${i}-1.0.0.tgz`] = await child(id * fan + i);
    if (distinct) files['NOTES.txt'] = `copy ${id}\n`;
    return chartTgz(name, files);
  };
  let level;
  if (distinct) {
    // Every archive its own bytes: fan ** depth leaves, each built once (keep depth small).
    const build = (d, id) => (d === depth ? leaf(id) : parent(d, id, (cid) => build(d + 1, cid)));
    level = await build(0, 0);
  } else {
    level = await leaf(0);
    for (let d = depth - 1; d >= 0; d--) {
      const below = level;
      level = await parent(d, 0, async () => below);
    }
  }
  const bomb = join(dir, 'fanout-1.0.0.tgz');
  writeFileSync(bomb, level);
  const sane = join(dir, 'sane-1.0.0.tgz');
  writeFileSync(sane, await chartTgz('sane', { 'Chart.yaml': chartYaml('sane'), 'values.yaml': `token: ${FANOUT_SECRETS.beside}\n` }));
  return { dir, bomb, sane, bytes: level.length, secrets: FANOUT_SECRETS };
}

/**
 * The same fan-out as a chart folder: each level's `charts/subN` are symlinks (inside the
 * chart, so they are followed) to the one folder of the level below.
 */
export function fanoutFolder(dir, { fan = 8, depth = 7 } = {}) {
  const root = join(dir, 'fanout-folder');
  const levelDir = (d) => (d === 0 ? root : join(root, 'lib', `level${d}`));
  for (let d = 0; d <= depth; d++) {
    const here = levelDir(d);
    mkdirSync(join(here, 'charts'), { recursive: true });
    writeFileSync(join(here, 'Chart.yaml'), chartYaml(d === depth ? 'leaf' : `level${d}`));
    if (d === depth) writeFileSync(join(here, 'values.yaml'), `auth:\n  token: ${FANOUT_SECRETS.leaf}\n`);
    else for (let i = 0; i < fan; i++) symlinkSync(levelDir(d + 1), join(here, 'charts', `sub${i}`));
  }
  return { root, secrets: FANOUT_SECRETS };
}

if (isMain(import.meta.url)) {
  const out = process.argv[2];
  if (!out) throw new Error('usage: helm-fanout.mjs OUT_DIR [FAN] [DEPTH]');
  const r = await fanoutCharts(out, { fan: Number(process.argv[3] ?? 8), depth: Number(process.argv[4] ?? 7), distinct: process.argv[5] === 'distinct' });
  console.log(JSON.stringify({ bomb: r.bomb, bytes: r.bytes, sane: r.sane }));
}
