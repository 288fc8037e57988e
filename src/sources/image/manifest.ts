import type { ScanError } from '../../types.js';
import type { BlobStore } from './archive.js';

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

interface Descriptor {
  mediaType?: string;
  digest?: string;
  platform?: { os?: string; architecture?: string; variant?: string };
  annotations?: Record<string, string>;
}

const INDEX_TYPES = new Set(['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json']);

export function blobName(digest: string): string {
  const [alg, hex] = digest.split(':');
  return `blobs/${alg}/${hex}`;
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
  throw new Error('neither manifest.json (docker-archive) nor index.json (OCI layout) found: not an image archive');
}

async function readDockerArchive(store: BlobStore, data: Buffer, errors: ScanError[]): Promise<ImageSpec[]> {
  const entries = parseJson<Array<{ Config: string; RepoTags?: string[] | null; Layers: string[] }>>(data, 'manifest.json');
  if (!Array.isArray(entries)) throw new Error('manifest.json is not a list of images');
  const out: ImageSpec[] = [];
  for (const e of entries) {
    try {
      const config = parseJson<ImageConfig>(await store.metadata(e.Config), `image config ${e.Config}`);
      const tags = e.RepoTags ?? [];
      const digests = e.Layers.map((l) => {
        const m = /^blobs\/(\w+)\/([0-9a-f]+)$/.exec(l);
        return m ? `${m[1]}:${m[2]}` : undefined;
      });
      out.push(makeImage(tags, undefined, e.Config, config, e.Layers, digests));
    } catch (err) {
      errors.push({ where: `manifest.json image ${e.RepoTags?.[0] ?? e.Config}`, message: (err as Error).message });
    }
  }
  return out;
}

async function readOciLayout(store: BlobStore, data: Buffer, opts: { platform?: string }, errors: ScanError[]): Promise<ImageSpec[]> {
  const byManifest = new Map<string, ImageSpec>();
  const visit = async (desc: Descriptor, name: string | undefined, depth: number): Promise<void> => {
    if (!desc.digest) return;
    if (desc.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest') return;
    if (desc.platform?.os === 'unknown') return;
    const platform = desc.platform?.os ? `${desc.platform.os}/${desc.platform.architecture ?? ''}${desc.platform.variant ? '/' + desc.platform.variant : ''}` : undefined;
    if (platform && opts.platform && !platformMatches(platform, opts.platform)) return;
    const blob = blobName(desc.digest);
    const doc = parseJson<{ mediaType?: string; manifests?: Descriptor[]; config?: Descriptor; layers?: Descriptor[] }>(await store.metadata(blob), `manifest ${desc.digest}`);
    const refName = desc.annotations?.['io.containerd.image.name'] ?? desc.annotations?.['org.opencontainers.image.ref.name'] ?? name;
    if (INDEX_TYPES.has(doc.mediaType ?? desc.mediaType ?? '') || Array.isArray(doc.manifests)) {
      if (depth > 8) throw new Error(`index ${desc.digest} nests too deeply`);
      for (const m of doc.manifests ?? []) await visit(m, refName, depth + 1);
      return;
    }
    if (!doc.config?.digest || !Array.isArray(doc.layers)) throw new Error(`manifest ${desc.digest} has no config or layers`);
    const seen = byManifest.get(desc.digest);
    if (seen) {
      if (refName && !seen.tags.includes(refName)) seen.tags.push(refName);
      return;
    }
    const configBlob = blobName(doc.config.digest);
    const config = parseJson<ImageConfig>(await store.metadata(configBlob), `image config ${doc.config.digest}`);
    const layers = doc.layers.map((l) => blobName(l.digest ?? ''));
    byManifest.set(desc.digest, makeImage(refName ? [refName] : [], platform, configBlob, config, layers, doc.layers.map((l) => l.digest)));
  };
  const index = parseJson<{ manifests?: Descriptor[] }>(data, 'index.json');
  for (const m of index.manifests ?? []) {
    try {
      await visit(m, undefined, 0);
    } catch (err) {
      errors.push({ where: `index.json ${m.digest ?? ''}`, message: (err as Error).message });
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
      digest: digests[index] ?? diffIds[index] ?? blob,
      diffId: diffIds[index],
      createdBy: h?.created_by,
      created: h?.created,
      historyIndex: h?.i,
    };
  });
  return { name, tags, platform, configBlob, config, layers };
}
