// Images made by real tools: umoci builds an OCI layout from folders (a whiteout layer
// by deleting a file and repacking), skopeo converts it to docker-archive and oci-archive.
// The same findings must come out of all three.
import t from 'tap';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Scanner } from '../../../dist/engine/scanner.js';
import { fingerprint } from '../../../dist/engine/fingerprint.js';
import { ImageSource } from '../../../dist/sources/image/index.js';
import { scanSource } from '../../../dist/app/scan-source.js';
import { SECRETS } from './fixtures.mjs';

const missing = ['umoci', 'skopeo'].filter((tool) => {
  try {
    execFileSync(tool, ['--version'], { stdio: 'ignore' });
    return false;
  } catch {
    return true;
  }
});
if (missing.length) {
  t.plan(0, `skipped: ${missing.join(' and ')} not installed (apt-get install -y skopeo umoci; .ci/run installs them)`);
} else {
  const dir = mkdtempSync(join(tmpdir(), 'credsweep-image-tools-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const run = (cmd, ...args) => execFileSync(cmd, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const oci = join(dir, 'oci');
  const bundle = join(dir, 'bundle');
  run('umoci', 'init', '--layout', oci);
  run('umoci', 'new', '--image', `${oci}:v1`);
  run('umoci', 'unpack', '--rootless', '--image', `${oci}:v1`, bundle);
  const rootfs = join(bundle, 'rootfs');
  mkdirSync(join(rootfs, 'app'), { recursive: true });
  writeFileSync(join(rootfs, 'app', '.env'), `GITHUB_TOKEN=${SECRETS.layer}\n`);
  writeFileSync(join(rootfs, 'app', 'readme.txt'), 'hello\n');
  run('umoci', 'repack', '--image', `${oci}:v1`, '--history.created_by', 'COPY .env /app/', bundle);
  // A fresh unpack of the new tag: the next repack diffs against it, so the deletion becomes a whiteout.
  rmSync(bundle, { recursive: true, force: true });
  run('umoci', 'unpack', '--rootless', '--image', `${oci}:v1`, bundle);
  unlinkSync(join(rootfs, 'app', '.env'));
  writeFileSync(join(rootfs, 'app', 'live.conf'), `token=${SECRETS.live}\n`);
  run('umoci', 'repack', '--image', `${oci}:v1`, '--history.created_by', `|1 TOKEN=${SECRETS.buildArg} /bin/sh -c rm /app/.env`, bundle);
  run('umoci', 'config', '--image', `${oci}:v1`, '--config.env', `GITHUB_TOKEN=${SECRETS.env}`);
  run('skopeo', 'copy', '-q', `oci:${oci}:v1`, `docker-archive:${join(dir, 'docker.tar')}:example/tools:v1`);
  run('skopeo', 'copy', '-q', `oci:${oci}:v1`, `oci-archive:${join(dir, 'oci.tar')}:v1`);

  const scanner = new Scanner({ threads: 0, fingerprintKey: Buffer.from('test-key') });
  const fp = (s) => fingerprint(Buffer.from('test-key'), s).slice(0, 8);
  const summary = (fs) =>
    fs
      .map((f) => (f.origin.kind === 'image-config' ? `${f.fingerprint.slice(0, 8)} config ${f.origin.field}` : `${f.fingerprint.slice(0, 8)} layer ${f.origin.layer.index} ${f.origin.path}${f.origin.deletedLater ? ` hidden-by ${f.origin.hiddenBy}` : ''}`))
      .sort();
  const expected = [
    `${fp(SECRETS.layer)} layer 0 app/.env hidden-by 1`,
    `${fp(SECRETS.live)} layer 1 app/live.conf`,
    `${fp(SECRETS.env)} config Env.GITHUB_TOKEN`,
    `${fp(SECRETS.buildArg)} config history[1].created_by`,
  ].sort();
  for (const [name, path] of [['umoci OCI layout', oci], ['skopeo docker-archive', join(dir, 'docker.tar')], ['skopeo oci-archive', join(dir, 'oci.tar')]]) {
    t.test(name, async (t) => {
      const r = await scanSource(new ImageSource(path, { maxFileSize: 1 << 20, maxDecompressed: 1 << 30 }), scanner);
      t.same(r.errors, []);
      t.same(summary(r.findings), expected);
      const hidden = r.findings.find((f) => f.origin.kind === 'image' && f.origin.path === 'app/.env');
      t.equal(hidden.origin.layer.createdBy, 'COPY .env /app/');
      if (name === 'skopeo docker-archive') t.match(hidden.origin.image, /example\/tools:v1$/, 'named by its repo tag');
    });
  }
}
