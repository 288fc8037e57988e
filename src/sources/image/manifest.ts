import type { ScanError } from '../../types.js';
import type { BlobStore } from './archive.js';
import { descriptor, dockerEntry, imageConfig, ociManifest, shapeOf, type Descriptor } from './shape.js';

/** One layer as one image uses it. The same blob may serve several images. */
export interface LayerUse {
  index: number;
  /** Name of the blob inside the archive or folder. */
  blob: string;
  digest: string;
  diffId?: string;
  createdBy?: string;
  created?: string;
  /** Index of the history entry that made the layer. */
  historyIndex?: number;
}

export interface ImageConfig {
  config?: { Env?: string[]; Labels?: Record<string, string> | null; Cmd?: string[] | string | null; Entrypoint?: string[] | string | null };
  rootfs?: { diff_ids?: string[] };
  history?: Array<{ created?: string; created_by?: string; empty_layer?: boolean; comment?: string }>;
  os?: string;
  architecture?: string;
  variant?: string;
}

export interface ImageSpec {
  /** First tag, else a short config digest. */
  name: string;
  tags: string[];
  platform?: string;
  configBlob: string;
  config: ImageConfig;
  layers: LayerUse[];
}

const INDEX_TYPES = new Set(['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json']);

/** `blobs/<alg>/<hex>`; a digest of another form (one that could name another path) is refused. */
export function blobName(digest: string): string {
  const m = /^([a-z0-9]+(?:[+._-][a-z0-9]+)*):([a-zA-Z0-9=_-]+)$/.exec(digest);
  if (!m) throw new Error(`invalid digest ${JSON.stringify(digest.slice(0, 80))}`);
  return `blobs/${m[1]}/${m[2]}`;
}

function parseJson<T>(data: Buffer | undefined, what: string): T {
  if (!data) throw new Error(`${what} is missing`);
  try {
    return JSON.parse(data.toString('utf8')) as T;
  } catch {
    // The parser's message can quote content; say only what failed.
    throw new Error(`${what} is not valid JSON`);
  }
}

/**
 * Every image in the store. docker-archive `manifest.json` wins when present (docker 25+
 * writes both it and an OCI index for the same images); otherwise the OCI `index.json` is
 * walked through nested indexes, skipping attestation manifests.
 */
export async function readImages(store: BlobStore, opts: { platform?: string }, errors: ScanError[]): Promise<ImageSpec[]> {
  const docker = await store.metadata('manifest.json');
  if (docker) return onPlatform(await readDockerArchive(store, docker, errors), opts.platform);
  const index = await store.metadata('index.json');
  if (index) return readOciLayout(store, index, opts, errors);
  if (store.damage && store.unlisted) return orphanLayers(store, errors);
  throw new Error('neither manifest.json (docker-archive) nor index.json (OCI layout) found: not an image archive');
}

async function readDockerArchive(store: BlobStore, data: Buffer, errors: ScanError[]): Promise<ImageSpec[]> {
  const entries = parseJson<unknown>(data, 'manifest.json');
  if (!Array.isArray(entries)) throw new Error(`manifest.json is ${shapeOf(entries)}, not a list of images`);
  const out: ImageSpec[] = [];
  for (const [i, raw] of entries.entries()) {
    const e = dockerEntry(raw);
    if (typeof e === 'string') {
      errors.push({ where: `manifest.json entry ${i}`, message: `the entry ${e}; skipped` });
      continue;
    }
    const config = await readConfig(store, e.Config, e.Config, `manifest.json image ${e.RepoTags[0] ?? e.Config}`, errors);
    const digests = e.Layers.map((l) => {
      const m = /^blobs\/(\w+)\/([0-9a-f]+)$/.exec(l);
      return m ? `${m[1]}:${m[2]}` : undefined;
    });
    out.push(makeImage(e.RepoTags, undefined, e.Config, config, e.Layers, digests));
  }
  return out;
}

/**
 * A damaged archive that lost its manifest (docker save writes it last): each blob left is
 * scanned as a layer of its own, so a secret in a surviving layer is still found. Their
 * order and image are unknown, so no layer hides another.
 */
function orphanLayers(store: BlobStore, errors: ScanError[]): ImageSpec[] {
  const blobs = store.unlisted!();
  errors.push({ where: store.label, message: `no manifest.json or index.json before the damage: ${blobs.length} blob(s) scanned as layers of unknown images` });
  return blobs.map((blob) => {
    const m = /^blobs\/(\w+)\/([0-9a-f]+)$/.exec(blob);
    return makeImage([], undefined, `(no manifest) ${blob}`, {}, [blob], [m ? `${m[1]}:${m[2]}` : undefined]);
  });
}

/**
 * The image config; when it is missing or broken the error says so and an empty config
 * stands in, so the image's layers are still scanned.
 */
async function readConfig(store: BlobStore, blob: string, label: string, where: string, errors: ScanError[]): Promise<ImageConfig> {
  try {
    return imageConfig(parseJson<unknown>(await store.metadata(blob), `image config ${label}`));
  } catch (err) {
    errors.push({ where, message: `${(err as Error).message}: its Env, labels and history were not scanned; its layers were` });
    return {};
  }
}

async function readOciLayout(store: BlobStore, data: Buffer, opts: { platform?: string }, errors: ScanError[]): Promise<ImageSpec[]> {
  const byManifest = new Map<string, ImageSpec>();
  const visit = async (desc: Descriptor, name: string | undefined, depth: number, where: string): Promise<void> => {
    if (!desc.digest) return;
    if (desc.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest') return;
    if (desc.platform?.os === 'unknown') return;
    const platform = desc.platform?.os ? `${desc.platform.os}/${desc.platform.architecture ?? ''}${desc.platform.variant ? '/' + desc.platform.variant : ''}` : undefined;
    if (platform && opts.platform && !platformMatches(platform, opts.platform)) return;
    const blob = blobName(desc.digest);
    const doc = ociManifest(parseJson<unknown>(await store.metadata(blob), `manifest ${desc.digest}`));
    const refName = desc.annotations?.['io.containerd.image.name'] ?? desc.annotations?.['org.opencontainers.image.ref.name'] ?? name;
    if (INDEX_TYPES.has(doc.mediaType ?? desc.mediaType ?? '') || doc.manifests) {
      if (depth > 8) throw new Error(`index ${desc.digest} nests too deeply`);
      for (const [i, raw] of (doc.manifests ?? []).entries()) {
        const d = descriptor(raw);
        const at = `${where} > ${desc.digest} manifests[${i}]`;
        if (!d) errors.push({ where: at, message: `the entry is ${shapeOf(raw)}, not a descriptor with a digest; skipped` });
        else await visit(d, refName, depth + 1, at);
      }
      return;
    }
    if (!doc.layers) throw new Error(`manifest ${desc.digest} has no list of layer descriptors`);
    const seen = byManifest.get(desc.digest);
    if (seen) {
      if (refName && !seen.tags.includes(refName)) seen.tags.push(refName);
      return;
    }
    let configBlob = blob;
    let config: ImageConfig = {};
    if (doc.config?.digest) {
      configBlob = blobName(doc.config.digest);
      config = await readConfig(store, configBlob, doc.config.digest, `manifest ${desc.digest}`, errors);
    } else {
      errors.push({ where: `manifest ${desc.digest}`, message: 'no config descriptor: its Env, labels and history were not scanned; its layers were' });
    }
    const layers = doc.layers.map((l) => blobName(l.digest ?? ''));
    byManifest.set(desc.digest, makeImage(refName ? [refName] : [], platform, configBlob, config, layers, doc.layers.map((l) => l.digest)));
  };
  const index = ociManifest(parseJson<unknown>(data, 'index.json'));
  for (const [i, raw] of (index.manifests ?? []).entries()) {
    const d = descriptor(raw);
    const where = `index.json manifests[${i}]`;
    if (!d) {
      errors.push({ where, message: `the entry is ${shapeOf(raw)}, not a descriptor with a digest; skipped` });
      continue;
    }
    try {
      await visit(d, undefined, 0, where);
    } catch (err) {
      errors.push({ where: `${where} (${d.digest})`, message: (err as Error).message });
    }
  }
  const images = [...byManifest.values()];
  // Several platforms under one name: tell them apart.
  const names = new Map<string, number>();
  for (const i of images) names.set(i.name, (names.get(i.name) ?? 0) + 1);
  for (const i of images) if ((names.get(i.name) ?? 0) > 1 && i.platform) i.name = `${i.name} (${i.platform})`;
  return images;
}

/** A docker-archive names no platform outside the config: match `--platform` against the config's os/architecture. */
function onPlatform(images: ImageSpec[], want: string | undefined): ImageSpec[] {
  if (!want) return images;
  return images.filter((i) => !i.config.os || platformMatches(`${i.config.os}/${i.config.architecture ?? ''}${i.config.variant ? `/${i.config.variant}` : ''}`, want));
}

function platformMatches(have: string, want: string): boolean {
  const [ho, ha, hv] = have.split('/');
  const [wo, wa, wv] = want.split('/');
  return ho === wo && (!wa || ha === wa) && (!wv || hv === wv);
}

function makeImage(tags: string[], platform: string | undefined, configBlob: string, config: ImageConfig, blobs: string[], digests: Array<string | undefined>): ImageSpec {
  const diffIds = config.rootfs?.diff_ids ?? [];
  // History entries with empty_layer made no layer; the others line up with the layers in order.
  const made = (config.history ?? []).map((h, i) => ({ ...h, i })).filter((h) => !h.empty_layer);
  const configDigest = /(?:^|\/)([0-9a-f]{64})(?:\.json)?$/.exec(configBlob)?.[1];
  const name = tags[0] ?? (configDigest ? `sha256:${configDigest.slice(0, 12)}` : configBlob);
  const layers = blobs.map((blob, index): LayerUse => {
    const h = made.length === blobs.length ? made[index] : undefined;
    return {
      index,
      blob,
      digest: digests[index] || diffIds[index] || blob,
      diffId: diffIds[index] || undefined,
      createdBy: h?.created_by,
      created: h?.created,
      historyIndex: h?.i,
    };
  });
  return { name, tags, platform, configBlob, config, layers };
}
