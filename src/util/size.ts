const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3, t: 1024 ** 4, tb: 1024 ** 4, tib: 1024 ** 4 };

/** Parses `512KB`, `200MB`, `2GB`, `1.5g`, `1048576` into bytes (binary units). */
export function parseSize(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = m ? UNITS[m[2].toLowerCase()] : undefined;
  if (!m || unit === undefined) throw new Error(`invalid size '${text}': use a number with an optional unit (B, KB, MB, GB, TB)`);
  return Math.floor(Number(m[1]) * unit);
}

export function formatSize(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  let n = bytes;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${i === 0 ? n : n.toFixed(1)} ${units[i]}`;
}

/** Parses durations like `90d`, `12w`, `6m` (months), `1y` into days. */
export function parseDays(text: string): number {
  const m = /^\s*(\d+)\s*(d|w|m|y)?\s*$/i.exec(text);
  if (!m) throw new Error(`invalid duration '${text}': use e.g. 90d, 12w, 6m, 1y`);
  const n = Number(m[1]);
  const unit = (m[2] ?? 'd').toLowerCase();
  return unit === 'w' ? n * 7 : unit === 'm' ? n * 30 : unit === 'y' ? n * 365 : n;
}
