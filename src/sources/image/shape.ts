import type { ImageConfig } from './manifest.js';

// Manifests, indexes and configs come from the archive, so they are input like any other:
// these keep only well-typed fields, and the code after them never meets a `null`, a number
// or a string where it expects an object or a list.

export interface DockerEntry {
  Config: string;
  RepoTags: string[];
  Layers: string[];
}

export interface Descriptor {
  mediaType?: string;
  digest?: string;
  platform?: { os?: string; architecture?: string; variant?: string };
  annotations?: Record<string, string>;
}

export interface OciManifest {
  mediaType?: string;
  manifests?: unknown[];
  config?: Descriptor;
  layers?: Descriptor[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function stringMap(v: unknown): Record<string, string> | undefined {
  if (!isObject(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  return out;
}

/** A short description of a value of the wrong shape, for errors (never its content). */
export function shapeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/** One `manifest.json` entry, or why it is not one. */
export function dockerEntry(v: unknown): DockerEntry | string {
  if (!isObject(v)) return `is ${shapeOf(v)}, not an image`;
  const Config = str(v.Config);
  if (!Config) return 'has no Config file name';
  if (!Array.isArray(v.Layers) || v.Layers.some((l) => typeof l !== 'string')) return 'has no list of layer file names';
  return { Config, RepoTags: strings(v.RepoTags), Layers: v.Layers as string[] };
}

/** An OCI descriptor with a string digest, or undefined. */
export function descriptor(v: unknown): Descriptor | undefined {
  if (!isObject(v) || typeof v.digest !== 'string') return undefined;
  const d: Descriptor = { digest: v.digest };
  const mediaType = str(v.mediaType);
  if (mediaType) d.mediaType = mediaType;
  if (isObject(v.platform)) d.platform = { os: str(v.platform.os), architecture: str(v.platform.architecture), variant: str(v.platform.variant) };
  const annotations = stringMap(v.annotations);
  if (annotations) d.annotations = annotations;
  return d;
}

/** An OCI manifest or index document; `layers` undefined when any layer is not a descriptor. */
export function ociManifest(v: unknown): OciManifest {
  if (!isObject(v)) return {};
  const out: OciManifest = { mediaType: str(v.mediaType) };
  if (Array.isArray(v.manifests)) out.manifests = v.manifests;
  const config = descriptor(v.config);
  if (config) out.config = config;
  if (Array.isArray(v.layers)) {
    const layers = v.layers.map(descriptor);
    if (layers.every((l) => l !== undefined)) out.layers = layers as Descriptor[];
  }
  return out;
}

/** The parts of an image config the scan reads, each of the type it expects. */
export function imageConfig(v: unknown): ImageConfig {
  if (!isObject(v)) return {};
  const out: ImageConfig = {};
  for (const k of ['os', 'architecture', 'variant'] as const) {
    const x = str(v[k]);
    if (x !== undefined) out[k] = x;
  }
  if (isObject(v.config)) {
    const c = v.config;
    const cmd = (x: unknown) => (typeof x === 'string' ? x : Array.isArray(x) ? strings(x) : undefined);
    out.config = { Env: strings(c.Env), Labels: stringMap(c.Labels) ?? null, Cmd: cmd(c.Cmd) ?? null, Entrypoint: cmd(c.Entrypoint) ?? null };
  }
  if (isObject(v.rootfs)) out.rootfs = { diff_ids: Array.isArray(v.rootfs.diff_ids) ? v.rootfs.diff_ids.map((d) => (typeof d === 'string' ? d : '')) : [] };
  if (Array.isArray(v.history)) {
    out.history = v.history.map((h) =>
      isObject(h) ? { created: str(h.created), created_by: str(h.created_by), empty_layer: h.empty_layer === true, comment: str(h.comment) } : {},
    );
  }
  return out;
}
