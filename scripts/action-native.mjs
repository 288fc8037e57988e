// The native addons the Action bundle ships (re2, better-sqlite3), built for the Node that will
// run the bundle (the runner's Node 24), so the runner compiles nothing. When that Node has the
// ABI of the Node running this script, node_modules already holds the right binaries (npm built
// them); otherwise each package is copied to a cache folder and rebuilt there with node-gyp
// against the target's headers: the project's own node_modules is never rebuilt.
import { execFileSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';

/** The addons, by package, with the file each package loads. */
export const NATIVE = [
  { pkg: 're2', artifact: 'build/Release/re2.node' },
  { pkg: 'better-sqlite3', artifact: 'build/Release/better_sqlite3.node' },
];

/** ABI, platform and version of a Node binary. */
export function nodeTarget(node) {
  const out = execFileSync(node, ['-p', 'JSON.stringify([process.versions.modules, process.platform, process.arch, process.version])'], { encoding: 'utf8' });
  const [abi, platform, arch, version] = JSON.parse(out);
  return { node, abi, platform, arch, version };
}

/**
 * Paths of the addons built for `target` ({ node, abi, ... } from nodeTarget), keyed by file
 * name. `nodedir` holds the target's headers (include/node); by default the folder above the
 * target binary's bin/. Rebuilt binaries are cached per package version and ABI.
 */
export function nativeAddons(root, target, { nodedir, cacheDir, log = () => {} } = {}) {
  const require = createRequire(join(root, 'package.json'));
  const here = process.versions.modules === target.abi && process.platform === target.platform && process.arch === target.arch;
  const out = {};
  for (const { pkg, artifact } of NATIVE) {
    const pkgDir = dirname(require.resolve(`${pkg}/package.json`));
    const version = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version;
    const name = artifact.split('/').pop();
    if (here && existsSync(join(pkgDir, artifact))) {
      out[name] = join(pkgDir, artifact);
      continue;
    }
    const cache = join(cacheDir ?? process.env.CREDSWEEP_NATIVE_CACHE ?? join(tmpdir(), 'credsweep-native'), `${pkg}-${version}-abi${target.abi}-${target.platform}-${target.arch}`);
    if (!existsSync(join(cache, artifact))) {
      const headers = nodedir ?? join(dirname(target.node), '..');
      if (!existsSync(join(headers, 'include', 'node', 'node_version.h'))) {
        throw new Error(`no Node headers for ${target.version} under ${headers}: pass --nodedir (a folder with include/node), or run this build with that Node`);
      }
      log(`building ${pkg} ${version} for Node ${target.version} (ABI ${target.abi}) in ${cache}`);
      const work = `${cache}.${process.pid}.tmp`;
      rmSync(work, { recursive: true, force: true });
      mkdirSync(dirname(work), { recursive: true });
      cpSync(pkgDir, work, { recursive: true, filter: (src) => !['build', 'node_modules'].some((d) => src === join(pkgDir, d) || src.startsWith(join(pkgDir, d) + sep)) });
      const gyp = require.resolve('node-gyp/bin/node-gyp.js');
      const logFile = `${work}.log`;
      const fd = openSync(logFile, 'w');
      try {
        execFileSync(process.execPath, [gyp, 'rebuild', '--release', `--nodedir=${headers}`, '-j', 'max'], {
          cwd: work,
          stdio: ['ignore', fd, fd],
          // The copy sits outside node_modules: its build-time requires (nan) resolve from there.
          env: { ...process.env, npm_config_nodedir: headers, NODE_PATH: dirname(pkgDir) },
        });
      } catch (e) {
        throw new Error(`node-gyp could not build ${pkg} for Node ${target.version}: see ${logFile}\n${readFileSync(logFile, 'utf8').slice(-2000)}`);
      } finally {
        closeSync(fd);
      }
      rmSync(cache, { recursive: true, force: true });
      renameSync(work, cache);
    }
    out[name] = join(cache, artifact);
  }
  // Each addon must load in the target Node: a wrong ABI fails here, not on a runner.
  for (const file of Object.values(out)) execFileSync(target.node, ['-e', `require(${JSON.stringify(file)})`], { stdio: 'inherit' });
  return out;
}
