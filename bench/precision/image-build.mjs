// Builds a docker-archive (docker save layout) from real installed packages on this
// machine, streamed with tar-stream: nothing planted, so every credential the scan reports
// in an installed-package tree is noise. One layer per source tree; an `app/` layer holds
// the project's demo folder (planted fakes) as the image's own application files, which
// must stay outside every context.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, lstatSync, mkdirSync, readFileSync, rmSync, writeFileSync, openSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import tar from 'tar-stream';
import { tarWriter } from '../tar-writer.mjs';
import { walkFiles } from '../walk-files.mjs';

const SITE = '/root/.pyenv/versions/3.11.7/lib/python3.11/site-packages';

/** [host folder, path inside the image] per layer; missing folders are left out. */
export function imageLayers(repoRoot) {
  const site = (p) => [join(SITE, p), `usr/local/lib/python3.11/site-packages/${p}`];
  const layers = [
    [['/etc', 'etc']],
    [['/usr/lib/python3', 'usr/lib/python3'], ['/usr/share/perl', 'usr/share/perl'], ['/usr/share/perl5', 'usr/share/perl5']],
    [site('awscli'), site('moto'), site('botocore'), site('numpy'), site('oauthlib'), site('jwt'), site('requests')],
    [[join(repoRoot, 'corpus', 'demo'), 'app']],
  ];
  return layers.map((l) => l.filter(([host]) => existsSync(host)));
}

function readable(p) {
  try {
    closeSync(openSync(p, 'r'));
    return true;
  } catch {
    return false;
  }
}

async function writeLayer(file, trees) {
  const pack = tar.pack();
  const ws = createWriteStream(file);
  const hash = createHash('sha256');
  let bytes = 0;
  const done = new Promise((res, rej) => {
    pack.on('data', (d) => hash.update(d));
    pack.pipe(ws);
    ws.on('finish', res);
    ws.on('error', rej);
  });
  for (const [host, inside] of trees) {
    for (const p of walkFiles(host)) {
      const st = lstatSync(p);
      if (!st.isFile() || st.size > 10 << 20 || !readable(p)) continue;
      const name = inside + p.slice(host.length);
      await new Promise((res, rej) => {
        const entry = pack.entry({ name, size: st.size, mode: 0o644, mtime: new Date('2023-01-01T00:00:00Z') }, (e) => (e ? rej(e) : res()));
        createReadStream(p).pipe(entry);
      });
      bytes += st.size;
    }
  }
  pack.finalize();
  await done;
  return { diffId: 'sha256:' + hash.digest('hex'), bytes };
}

/** Writes `out/precision-image.tar` unless it is there; returns its path and the bytes of file content. */
export async function buildImage(outDir, repoRoot) {
  const archive = join(outDir, 'precision-image.tar');
  const meta = archive + '.json';
  if (existsSync(meta)) return { archive, ...JSON.parse(readFileSync(meta, 'utf8')) };
  const layerDir = join(outDir, 'precision-image-layers');
  mkdirSync(layerDir, { recursive: true });
  const layers = [];
  const specs = imageLayers(repoRoot);
  for (const [i, trees] of specs.entries()) {
    const file = join(layerDir, `${i}.tar`);
    layers.push({ file, trees: trees.map((t) => t[1]), ...(await writeLayer(file, trees)) });
  }
  // Layers dated years ago: what a long-lived base image looks like, so `stale` applies.
  const history = layers.map((l, i) => ({ created: `202${i}-03-01T00:00:00Z`, created_by: `/bin/sh -c #(nop) COPY ${l.trees.join(' ')}` }));
  const config = Buffer.from(JSON.stringify({ os: 'linux', architecture: 'amd64', config: { Env: ['PATH=/usr/local/bin:/usr/bin:/bin'] }, rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) }, history }));
  const cfgHex = createHash('sha256').update(config).digest('hex');
  const out = tarWriter(archive);
  await out.put(`${cfgHex}.json`, config);
  for (const [i, l] of layers.entries()) await out.putFile(`layer${i}/layer.tar`, l.file);
  await out.put('manifest.json', Buffer.from(JSON.stringify([{ Config: `${cfgHex}.json`, RepoTags: ['bench/installed-packages:latest'], Layers: layers.map((_, i) => `layer${i}/layer.tar`) }])));
  await out.finish();
  const info = { bytes: layers.reduce((n, l) => n + l.bytes, 0), layers: layers.map((l) => ({ trees: l.trees, mb: +(l.bytes / 1048576).toFixed(1) })) };
  writeFileSync(meta, JSON.stringify(info));
  rmSync(layerDir, { recursive: true, force: true });
  return { archive, ...info };
}
