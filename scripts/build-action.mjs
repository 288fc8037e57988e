#!/usr/bin/env node
// `npm run build:action`: the GitHub Action's self-contained bundle, so a checkout of a release
// tag runs with nothing installed, compiled or downloaded on the runner. esbuild bundles the CLI
// and its dependencies from src/; the native addons come prebuilt for the runner's Node
// (scripts/action-native.mjs). The layout mirrors the package, so every path the code derives
// from its own module URL (the rule catalogue, the policy schema, package.json, the scan
// worker) resolves as it does from dist/:
//
//   action-dist/package.json, detectors/, schema/   data read at run time
//   action-dist/catalogue-cache/                    the rule catalogue, validated (see catalogue.ts)
//   action-dist/bin/credsweep.js                    the CLI's entry (a copy of bin/credsweep.js)
//   action-dist/dist/cli.js                         the CLI and its dependencies, one file
//   action-dist/dist/engine/worker.js               the scan worker (piscina loads it by path)
//   action-dist/dist/worker.js                      piscina's own worker (found next to piscina)
//   action-dist/native/*.node                       re2 and better-sqlite3 for the target Node
//   action-dist/BUILD.json                          what it was built from and for
//
// Usage: node scripts/build-action.mjs [--out DIR] [--node PATH] [--nodedir DIR]
//   --node     the Node that will run the bundle (default: this one); the runner's is Node 24
//   --nodedir  that Node's headers (include/node), when they are not next to its binary
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { nativeAddons, nodeTarget } from './action-native.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

// ESM output holding CommonJS dependencies: they call require() and read __dirname (piscina
// finds its worker next to itself), which an ES module lacks.
const BANNER = [
  "import { createRequire as __csCreateRequire } from 'node:module';",
  "import { fileURLToPath as __csFileURLToPath } from 'node:url';",
  "import { dirname as __csDirname } from 'node:path';",
  'const require = __csCreateRequire(import.meta.url);',
  'const __filename = __csFileURLToPath(import.meta.url);',
  'const __dirname = __csDirname(__filename);',
].join('\n');

const toPosix = (p) => p.split(sep).join('/');
const relUrl = (fromDir, to) => {
  const r = toPosix(relative(fromDir, to));
  return r.startsWith('.') ? r : `./${r}`;
};

/**
 * esbuild plugins for one output file: `import.meta.url` in our modules becomes the URL that
 * module has in the mirrored layout (src/x/y.ts -> OUT/dist/x/y.js); `*.node` addons load from
 * OUT/native/; better-sqlite3's `bindings` lookup (which walks the stack to find its package)
 * becomes a plain require of the shipped addon, still only when a database is opened.
 */
function plugins(root, out, outfile) {
  const src = join(root, 'src') + sep;
  const outDir = dirname(outfile);
  return [
    {
      name: 'credsweep-layout',
      setup(build) {
        build.onLoad({ filter: /\.ts$/ }, (args) => {
          if (!args.path.startsWith(src)) return undefined;
          let text = readFileSync(args.path, 'utf8');
          if (text.includes('import.meta.url')) {
            const mirrored = join(out, 'dist', relative(src, args.path)).replace(/\.ts$/, '.js');
            text = text.replaceAll('import.meta.url', `new URL(${JSON.stringify(relUrl(outDir, mirrored))}, import.meta.url).href`);
          }
          return { contents: text, loader: 'ts' };
        });
        build.onResolve({ filter: /\.node$/ }, (args) => ({ path: relUrl(outDir, join(out, 'native', basename(args.path))), external: true }));
        build.onResolve({ filter: /^bindings$/ }, (args) => (args.importer.includes(`${sep}better-sqlite3${sep}`) ? { path: 'bindings', namespace: 'credsweep-bindings' } : undefined));
        build.onLoad({ filter: /.*/, namespace: 'credsweep-bindings' }, () => ({
          contents: "module.exports = () => require('./better_sqlite3.node');",
          loader: 'js',
          resolveDir: root,
        }));
      },
    },
  ];
}

/** Builds the bundle into `out`; returns { out, bytes, target }. */
export async function buildAction({ root = ROOT, out = join(root, 'action-dist'), node = process.execPath, nodedir, log = () => {} } = {}) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    throw new Error('esbuild is not installed (a devDependency): run npm ci');
  }
  out = resolve(out);
  const target = nodeTarget(node);
  const addons = nativeAddons(root, target, { nodedir, log });
  const tmp = `${out}.${process.pid}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const require = createRequire(join(root, 'package.json'));
  const entries = [
    { entry: join(root, 'src', 'cli.ts'), outfile: join(tmp, 'dist', 'cli.js') },
    { entry: join(root, 'src', 'engine', 'worker.ts'), outfile: join(tmp, 'dist', 'engine', 'worker.js') },
    { entry: join(dirname(require.resolve('piscina')), 'worker.js'), outfile: join(tmp, 'dist', 'worker.js') },
  ];
  for (const { entry, outfile } of entries) {
    await esbuild.build({
      entryPoints: [entry],
      outfile,
      absWorkingDir: root,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      banner: { js: BANNER },
      // Whitespace and syntax only: names stay, so error names and stack traces read as in dist/.
      minifyWhitespace: true,
      minifySyntax: true,
      legalComments: 'eof',
      // piscina's optional process-priority addon: absent, and piscina carries on without it.
      external: ['@napi-rs/nice'],
      plugins: plugins(root, tmp, outfile),
      logLevel: 'error',
    });
  }
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  writeFileSync(join(tmp, 'package.json'), `${JSON.stringify({ name: pkg.name, version: pkg.version, private: true, type: 'module', license: pkg.license }, null, 2)}\n`);
  mkdirSync(join(tmp, 'bin'));
  cpSync(join(root, 'bin', 'credsweep.js'), join(tmp, 'bin', 'credsweep.js'));
  cpSync(join(root, 'detectors'), join(tmp, 'detectors'), { recursive: true });
  cpSync(join(root, 'schema'), join(tmp, 'schema'), { recursive: true });
  mkdirSync(join(tmp, 'native'));
  let stripped = false;
  for (const [name, file] of Object.entries(addons)) {
    cpSync(file, join(tmp, 'native', name));
    // node-gyp leaves debug info (re2.node is 20 MB with it, 10x its code): a release ships
    // without. Where binutils are missing the bundle is just larger.
    try {
      execFileSync('strip', ['--strip-unneeded', join(tmp, 'native', name)], { stdio: 'ignore' });
      stripped = true;
    } catch {
      stripped = false;
    }
  }
  writeFileSync(
    join(tmp, 'BUILD.json'),
    `${JSON.stringify({ version: pkg.version, node: target.version, abi: target.abi, platform: target.platform, arch: target.arch, builtWith: process.version, stripped }, null, 2)}\n`,
  );
  // The bundle must start in the target Node before it replaces the previous one; its first
  // run validates the catalogue (seconds, on every runner, which starts with no cache), and
  // the validated form ships beside detectors/ where the loader looks for it.
  const v = execFileSync(node, [join(tmp, 'bin', 'credsweep.js'), '--version'], { encoding: 'utf8' }).trim();
  if (v !== pkg.version) throw new Error(`bundle smoke test: --version printed '${v}', expected ${pkg.version}`);
  const config = mkdtempSync(join(tmpdir(), 'credsweep-build-action-'));
  try {
    execFileSync(node, [join(tmp, 'bin', 'credsweep.js'), 'rules', 'list'], { stdio: 'ignore', env: { ...process.env, XDG_CONFIG_HOME: config } });
    const made = readdirSync(join(config, 'credsweep', 'cache')).filter((f) => /^catalogue-[0-9a-f]+\.json$/.test(f));
    if (made.length !== 1) throw new Error(`bundle smoke test: expected one validated catalogue, found ${made.length}`);
    mkdirSync(join(tmp, 'catalogue-cache'));
    cpSync(join(config, 'credsweep', 'cache', made[0]), join(tmp, 'catalogue-cache', made[0]));
    chmodSync(join(tmp, 'catalogue-cache', made[0]), 0o644);
  } finally {
    rmSync(config, { recursive: true, force: true });
  }
  rmSync(out, { recursive: true, force: true });
  renameSync(tmp, out);
  return { out, bytes: dirBytes(out), target };
}

/** Bytes of every file under `dir`. */
export function dirBytes(dir) {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) n += e.isDirectory() ? dirBytes(join(dir, e.name)) : statSync(join(dir, e.name)).size;
  return n;
}

function args(argv) {
  const o = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out' || a === '--node' || a === '--nodedir') o[a.slice(2)] = argv[++i];
    else throw new Error(`unknown argument ${a} (usage: build-action.mjs [--out DIR] [--node PATH] [--nodedir DIR])`);
  }
  return o;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const o = args(process.argv.slice(2));
    const t0 = Date.now();
    const r = await buildAction({ out: o.out, node: o.node, nodedir: o.nodedir, log: (s) => process.stderr.write(`build:action: ${s}\n`) });
    process.stdout.write(`build:action: ${relative(process.cwd(), r.out) || '.'} for Node ${r.target.version} (ABI ${r.target.abi}, ${r.target.platform}-${r.target.arch}): ${(r.bytes / 1e6).toFixed(1)} MB in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  } catch (e) {
    process.stderr.write(`build:action: ${e.message}\n`);
    process.exitCode = 1;
  }
}
