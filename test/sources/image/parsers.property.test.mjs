// Property tests for what the image source parses itself: manifests, indexes and configs
// (any JSON, in a real archive), layer tar streams (whole, truncated or damaged) and the
// decompression front. The source must give back what the input holds, or an Error that
// says what is wrong: never a TypeError, never a hang. Fixed budget: the run counts below.
import t from 'tap';
import fc from 'fast-check';
import { deepStrictEqual, ok } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openStore } from '../../../dist/sources/image/archive.js';
import { readImages } from '../../../dist/sources/image/manifest.js';
import { configChunks } from '../../../dist/sources/image/config-chunks.js';
import { layerFiles, imagePath } from '../../../dist/sources/image/layer-tar.js';
import { decompressed, CapError } from '../../../dist/sources/image/decompress.js';
import { tarOf } from '../../../corpus/hostile/lib.mjs';

const dir = mkdtempSync(join(tmpdir(), 'credsweep-image-prop-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

const notAProgrammingError = (e) => e instanceof Error && !(e instanceof TypeError) && !(e instanceof RangeError) && !(e instanceof ReferenceError);

/** A bound on any one run: a hang is a failure, not a stuck suite. */
function within(ms, p) {
  let timer;
  return Promise.race([p.finally(() => clearTimeout(timer)), new Promise((_, j) => (timer = setTimeout(() => j(new Error(`no answer within ${ms} ms`)), ms)))]);
}

// ---- manifests, indexes, configs ----
const someJson = fc.jsonValue({ maxDepth: 3 });
const strings = fc.array(fc.oneof(fc.string({ maxLength: 8 }), someJson), { maxLength: 3 });
const configDoc = fc.oneof(
  someJson,
  fc.record(
    {
      os: fc.oneof(fc.constant('linux'), someJson),
      config: fc.oneof(someJson, fc.record({ Env: fc.oneof(strings, someJson), Labels: someJson, Cmd: fc.oneof(strings, someJson), Entrypoint: someJson }, { requiredKeys: [] })),
      rootfs: fc.oneof(someJson, fc.record({ diff_ids: fc.oneof(strings, someJson) })),
      history: fc.oneof(someJson, fc.array(fc.oneof(someJson, fc.record({ created_by: fc.oneof(fc.string(), someJson), empty_layer: someJson }, { requiredKeys: [] })), { maxLength: 4 })),
    },
    { requiredKeys: [] },
  ),
);
const dockerEntry = fc.oneof(
  someJson,
  fc.record(
    {
      Config: fc.oneof(fc.constantFrom('config.json', 'missing.json', 'l0/layer.tar'), someJson),
      RepoTags: fc.oneof(strings, someJson),
      Layers: fc.oneof(fc.array(fc.constantFrom('l0/layer.tar', 'missing/layer.tar', 'config.json'), { maxLength: 3 }), someJson),
    },
    { requiredKeys: [] },
  ),
);
const descriptor = fc.oneof(
  someJson,
  fc.record(
    {
      digest: fc.oneof(fc.constantFrom('sha256:' + 'a'.repeat(64), 'sha256:' + 'b'.repeat(64), 'sha256:../../x', 'nope'), someJson),
      mediaType: fc.oneof(fc.constantFrom('application/vnd.oci.image.index.v1+json', 'application/vnd.oci.image.manifest.v1+json'), someJson),
      platform: someJson,
      annotations: someJson,
    },
    { requiredKeys: [] },
  ),
);
const ociDoc = fc.oneof(someJson, fc.record({ manifests: fc.oneof(fc.array(descriptor, { maxLength: 3 }), someJson), config: descriptor, layers: fc.oneof(fc.array(descriptor, { maxLength: 3 }), someJson), mediaType: someJson }, { requiredKeys: [] }));

const text = (v) => (typeof v === 'string' && v.startsWith('!') ? v : JSON.stringify(v));

async function checkImages(entries) {
  const p = join(dir, `a${Math.random().toString(36).slice(2)}.tar`);
  writeFileSync(p, await tarOf(entries));
  try {
    const errors = [];
    let images;
    try {
      images = await within(5000, readImages(await openStore(p), {}, errors));
    } catch (e) {
      ok(notAProgrammingError(e), `a refusal, not a crash: ${e?.stack}`);
      return;
    }
    for (const e of errors) ok(typeof e.where === 'string' && typeof e.message === 'string' && !/Cannot read propert|is not a function|is not iterable/.test(e.message), `a readable error: ${e.message}`);
    for (const img of images) {
      ok(typeof img.name === 'string' && img.tags.every((s) => typeof s === 'string'));
      ok(img.layers.every((l, i) => l.index === i && typeof l.blob === 'string' && typeof l.digest === 'string'));
      for (const c of configChunks(img)) ok(Buffer.isBuffer(c.data) && typeof c.origin.field === 'string');
    }
  } finally {
    rmSync(p, { force: true });
  }
}

t.test('docker-archive manifest.json and configs of any shape', async (t) => {
  await fc.assert(
    fc.asyncProperty(fc.oneof(someJson, fc.array(dockerEntry, { maxLength: 4 })), configDoc, fc.boolean(), async (manifest, config, brokenConfig) =>
      checkImages([
        { name: 'manifest.json', data: JSON.stringify(manifest) },
        { name: 'config.json', data: brokenConfig ? '{"config":' : JSON.stringify(config) },
        { name: 'l0/layer.tar', data: 'not json' },
      ]),
    ),
    { numRuns: 150 },
  );
  t.pass('150 runs');
});

t.test('OCI index.json, nested indexes and manifests of any shape', async (t) => {
  await fc.assert(
    fc.asyncProperty(ociDoc, ociDoc, configDoc, async (index, doc, config) =>
      checkImages([
        { name: 'oci-layout', data: '{"imageLayoutVersion":"1.0.0"}' },
        { name: 'index.json', data: text(index) },
        { name: `blobs/sha256/${'a'.repeat(64)}`, data: text(doc) },
        { name: `blobs/sha256/${'b'.repeat(64)}`, data: text(config) },
      ]),
    ),
    { numRuns: 150 },
  );
  t.pass('150 runs');
});

// ---- layer tar streams ----
const segment = fc.constantFrom('a', 'b', 'etc', '..', '.', '.wh.a', '.wh..wh..opq', 'é', 'x y');
const entryName = fc.tuple(fc.constantFrom('', '/', './'), fc.array(segment, { minLength: 1, maxLength: 4 })).map(([lead, segs]) => lead + segs.join('/'));
const layerEntry = fc.record({
  name: entryName,
  type: fc.constantFrom('file', 'file', 'file', 'directory', 'symlink', 'link', 'character-device', 'fifo'),
  data: fc.uint8Array({ maxLength: 600 }),
});

function expectedEvents(entries, maxFileSize) {
  const events = [];
  for (const e of entries) {
    const raw = e.name;
    const path = imagePath(raw);
    const base = posix.basename(raw.replace(/\/+$/, ''));
    if (path !== undefined && base.startsWith('.wh.')) continue;
    if (e.type === 'directory') continue;
    if (e.type !== 'file') {
      events.push({ kind: 'special', path: path ?? raw, type: e.type === 'link' ? 'hardlink' : e.type });
      continue;
    }
    if (path === undefined || raw.startsWith('/')) events.push({ kind: 'unsafe', path: raw, reason: path === undefined ? 'path-traversal name' : 'absolute name' });
    if (e.data.length > maxFileSize) events.push({ kind: 'too-large', path: path ?? raw, size: e.data.length });
    else events.push({ kind: 'file', path: path ?? raw, data: Buffer.from(e.data) });
  }
  return events;
}

async function* chunksOf(buf, size) {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

async function readLayer(buf, maxFileSize, chunk) {
  const listing = { files: [], deleted: [], opaque: [] };
  const events = [];
  for await (const ev of layerFiles(chunksOf(buf, chunk), maxFileSize, listing)) events.push(ev.kind === 'file' ? { ...ev, data: Buffer.from(ev.data) } : ev);
  return { events, listing };
}

const packed = (entries) => tarOf(entries.map((e) => ({ name: e.name, type: e.type, data: e.type === 'file' ? Buffer.from(e.data) : undefined, linkname: e.type === 'symlink' || e.type === 'link' ? 'a' : undefined })));

t.test('a whole layer: every regular file back byte for byte, everything else recorded', async (t) => {
  await fc.assert(
    fc.asyncProperty(fc.array(layerEntry, { maxLength: 8 }), fc.integer({ min: 0, max: 700 }), fc.integer({ min: 1, max: 4096 }), async (entries, maxFileSize, chunk) => {
      const { events } = await within(5000, readLayer(await packed(entries), maxFileSize, chunk));
      deepStrictEqual(events, expectedEvents(entries, maxFileSize));
    }),
    { numRuns: 200 },
  );
  t.pass('200 runs');
});

t.test('a truncated or damaged layer: what came whole, then an Error, never a hang', async (t) => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(layerEntry, { minLength: 1, maxLength: 6 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
      async (entries, cut, flips) => {
        const whole = await packed(entries);
        const buf = Buffer.from(whole.subarray(0, Math.floor(cut * whole.length)));
        for (const [at, v] of flips) if (buf.length) buf[Math.floor(at * (buf.length - 1))] = v;
        try {
          await within(5000, readLayer(buf, 1 << 20, 997));
        } catch (e) {
          ok(notAProgrammingError(e) && !/no answer within/.test(e.message), `an Error that names the fault: ${e?.stack}`);
        }
      },
    ),
    { numRuns: 300 },
  );
  t.pass('300 runs');
});

// ---- decompression front ----
t.test('decompressed(): the payload back under the cap, a CapError over it, an Error when corrupt', async (t) => {
  await fc.assert(
    fc.asyncProperty(
      fc.uint8Array({ maxLength: 5000 }).filter((b) => !(b[0] === 0x1f && b[1] === 0x8b) && !(b[1] === 0x2a && b[2] === 0x4d && b[3] === 0x18) && !(b[0] === 0x28 && b[1] === 0xb5)),
      fc.boolean(),
      fc.integer({ min: 0, max: 6000 }),
      fc.option(fc.double({ min: 0, max: 0.99, noNaN: true }), { nil: undefined }),
      fc.integer({ min: 1, max: 2000 }),
      async (payload, gzip, cap, truncate, chunk) => {
        let input = gzip ? gzipSync(payload) : Buffer.from(payload);
        if (truncate !== undefined && gzip) input = input.subarray(0, Math.floor(truncate * input.length));
        const out = [];
        try {
          await within(5000, (async () => {
            for await (const c of decompressed(chunksOf(input, chunk), cap)) out.push(c);
          })());
        } catch (e) {
          if (e instanceof CapError) return ok(payload.length > cap || truncate !== undefined);
          return ok(notAProgrammingError(e) && truncate !== undefined, `only a truncated stream fails: ${e?.stack}`);
        }
        if (truncate === undefined || !gzip) {
          ok(payload.length <= cap, 'over the cap must fail');
          deepStrictEqual(Buffer.concat(out), Buffer.from(payload));
        }
      },
    ),
    { numRuns: 300 },
  );
  t.pass('300 runs');
});
