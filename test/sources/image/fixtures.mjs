// Builds image archives in memory with tar-stream, the way docker save, skopeo and
// buildkit lay them out. Secrets here are fake, made for this repo.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { tarOf } from '../../../corpus/hostile/lib.mjs';

export const SECRETS = {
  layer: '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',
  env: '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',
  buildArg: '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',
  zstd: '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',
  opaque: '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',
  live: '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',
};

export const sha = (b) => 'sha256:' + createHash('sha256').update(b).digest('hex');

/** A tar archive from entries `{ name, data?, type?, linkname? }`, in memory: the hostile corpus's builder. */
export { tarOf };

export function hasZstd() {
  try {
    execFileSync('zstd', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function compress(buf, how) {
  if (how === 'gzip') return gzipSync(buf);
  if (how === 'zstd') return execFileSync('zstd', ['-q', '-c'], { input: buf, maxBuffer: 1 << 28 });
  return buf;
}

/**
 * The reference image: four layers and a config with an ENV secret and a build-arg
 * secret in history.
 *  0 gzip: /app/.env with a token, /etc/os-release, /usr/share/doc/x.txt
 *  1 zstd: /app/.env deleted (whiteout), /opt/tool/creds with a token
 *  2 gzip: /opt/tool opaque whiteout, /srv/live.conf with a token still live
 *  3 none: /etc/dup.conf, a copy of layer 0's .env content (scanned once, reported twice)
 */
export async function referenceLayers({ zstd = true } = {}) {
  const envFile = `APP=1\nGITHUB_TOKEN=${SECRETS.layer}\n`;
  const l0 = await tarOf([
    { name: 'app/', type: 'directory' },
    { name: 'app/.env', data: envFile },
    { name: 'etc/os-release', data: 'ID=debian\n' },
    { name: 'usr/share/doc/x.txt', data: 'nothing here\n' },
  ]);
  const l1 = await tarOf([
    { name: 'app/.wh..env', data: '' },
    { name: 'opt/tool/creds', data: `token: ${SECRETS.zstd}\n` },
  ]);
  const l2 = await tarOf([
    { name: 'opt/tool/.wh..wh..opq', data: '' },
    { name: 'srv/live.conf', data: `token=${SECRETS.live}\n` },
    { name: 'etc/link', type: 'symlink', linkname: '/etc/shadow' },
  ]);
  const l3 = await tarOf([{ name: 'etc/dup.conf', data: envFile }]);
  const raw = [l0, l1, l2, l3];
  const how = ['gzip', zstd ? 'zstd' : 'gzip', 'gzip', 'none'];
  return raw.map((r, i) => ({ raw: r, blob: compress(r, how[i]), diffId: sha(r), compression: how[i] }));
}

export function configFor(layers, { env = true } = {}) {
  const history = [
    { created: '2024-01-01T00:00:00Z', created_by: '/bin/sh -c #(nop) ADD file:abc in / ' },
    { created: '2024-01-02T00:00:00Z', created_by: `ARG TOKEN=${SECRETS.buildArg}`, empty_layer: true },
    { created: '2024-01-03T00:00:00Z', created_by: `|1 TOKEN=${SECRETS.buildArg} /bin/sh -c rm /app/.env && install-tool` },
    { created: '2024-01-04T00:00:00Z', created_by: '/bin/sh -c rm -rf /opt/tool && echo live' },
    { created: '2024-01-05T00:00:00Z', created_by: '/bin/sh -c cp /x /etc/dup.conf' },
  ];
  return Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: { Env: ['PATH=/usr/bin', ...(env ? [`GITHUB_TOKEN=${SECRETS.env}`] : [])], Cmd: ['/bin/sh'], Labels: { maintainer: 'team' } },
      rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
      history,
    }),
  );
}

const mediaFor = { gzip: 'application/vnd.oci.image.layer.v1.tar+gzip', zstd: 'application/vnd.oci.image.layer.v1.tar+zstd', none: 'application/vnd.oci.image.layer.v1.tar' };

/** docker save: legacy `<id>/layer.tar` or the newer `blobs/sha256/` layout. */
export async function dockerArchive(images, { layout = 'legacy' } = {}) {
  const entries = [];
  const seen = new Set();
  const manifest = [];
  for (const img of images) {
    const cfgName = layout === 'legacy' ? `${sha(img.config).slice(7)}.json` : `blobs/sha256/${sha(img.config).slice(7)}`;
    if (!seen.has(cfgName)) entries.push({ name: cfgName, data: img.config });
    seen.add(cfgName);
    const names = img.layers.map((l) => {
      const name = layout === 'legacy' ? `${sha(l.blob).slice(7, 71)}/layer.tar` : `blobs/sha256/${sha(l.blob).slice(7)}`;
      if (!seen.has(name)) entries.push({ name, data: l.blob });
      seen.add(name);
      return name;
    });
    manifest.push({ Config: cfgName, RepoTags: img.tags, Layers: names });
  }
  entries.push({ name: 'manifest.json', data: JSON.stringify(manifest) });
  return tarOf(entries);
}

/** The files of an OCI layout: `[name, data]` pairs. */
export function ociFiles(images, { nestIndex = false } = {}) {
  const files = new Map([['oci-layout', '{"imageLayoutVersion":"1.0.0"}']]);
  const blob = (data) => {
    const d = sha(data);
    files.set(`blobs/sha256/${d.slice(7)}`, data);
    return { digest: d, size: data.length };
  };
  const descs = images.map((img) => {
    const cfg = blob(img.config);
    const layers = img.layers.map((l) => ({ mediaType: mediaFor[l.compression], ...blob(l.blob) }));
    const m = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...cfg }, layers }));
    return { mediaType: 'application/vnd.oci.image.manifest.v1+json', ...blob(m), platform: img.platform, annotations: img.tag ? { 'org.opencontainers.image.ref.name': img.tag } : undefined };
  });
  let top = descs;
  if (nestIndex) {
    const nested = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: descs.map((d) => ({ ...d, annotations: undefined })) }));
    top = [{ mediaType: 'application/vnd.oci.image.index.v1+json', ...blob(nested), annotations: { 'org.opencontainers.image.ref.name': images[0].tag } }];
  }
  files.set('index.json', JSON.stringify({ schemaVersion: 2, manifests: top }));
  return [...files].map(([name, data]) => ({ name, data: Buffer.from(data) }));
}

export function writeOciDir(dir, files) {
  for (const f of files) {
    mkdirSync(join(dir, f.name, '..'), { recursive: true });
    writeFileSync(join(dir, f.name), f.data);
  }
}
