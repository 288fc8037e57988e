import type { Chunk, ImageConfigOrigin } from '../../types.js';
import type { ImageSpec } from './manifest.js';

/**
 * The image config as chunks, one per field, so a finding names the field. Values are shown
 * as `NAME=value` so rules keyed on the variable name (password=..., API_KEY=...) see it.
 */
export function configChunks(img: ImageSpec, extra: Partial<ImageConfigOrigin> = {}): Chunk[] {
  const out: Chunk[] = [];
  const add = (field: string, text: string, created?: string) => {
    if (!text) return;
    const origin: ImageConfigOrigin = { kind: 'image-config', image: img.name, field, ...extra };
    if (created) origin.created = created;
    out.push({ data: Buffer.from(text, 'utf8'), origin, name: `image-config/${field}` });
  };
  const c = img.config.config ?? {};
  for (const e of c.Env ?? []) {
    const eq = e.indexOf('=');
    add(`Env.${eq < 0 ? e : e.slice(0, eq)}`, e);
  }
  for (const [k, v] of Object.entries(c.Labels ?? {})) add(`Labels.${k}`, `${k}=${v}`);
  for (const field of ['Cmd', 'Entrypoint'] as const) {
    const v = c[field];
    if (v) add(field, Array.isArray(v) ? v.join(' ') : String(v));
  }
  (img.config.history ?? []).forEach((h, i) => {
    if (h.created_by) add(`history[${i}].created_by`, h.created_by, h.created);
  });
  return out;
}
