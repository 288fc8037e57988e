import type { Readable } from 'node:stream';
import type { CommitInfo } from './backend.js';

/** `git log` format: one header token per commit; fields split by \x02 (never in names or ids). */
export const LOG_FORMAT = '--format=%x01%H %P%x02%an%x02%ae%x02%at%x02%ct';

/**
 * Parses `git log -z --raw -c --no-abbrev --no-renames` output as it streams. Every token is
 * NUL-terminated: a header token starting with \x01, then per changed path a meta token
 * (`:mode.. sha.. status`, `::` for merges) followed by a path token.
 */
export async function* parseRawLog(stream: Readable): AsyncGenerator<CommitInfo> {
  let rest: Buffer | undefined;
  let current: CommitInfo | undefined;
  let meta: string | undefined;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const buf = rest ? Buffer.concat([rest, chunk]) : chunk;
    let at = 0;
    for (;;) {
      const nul = buf.indexOf(0, at);
      if (nul < 0) break;
      const token = buf.toString('utf8', at, nul);
      at = nul + 1;
      if (meta !== undefined) {
        if (current) addChange(current, meta, token);
        meta = undefined;
        continue;
      }
      const t = token.startsWith('\n') ? token.slice(1) : token;
      if (t.startsWith('\x01')) {
        if (current) yield current;
        current = parseHeader(t.slice(1));
      } else if (t.startsWith(':')) {
        meta = t;
      }
    }
    rest = at < buf.length ? buf.subarray(at) : undefined;
  }
  if (current) yield current;
}

function parseHeader(h: string): CommitInfo {
  const [ids, authorName, authorEmail, at, ct] = h.split('\x02');
  const [id, ...parents] = ids.split(' ').filter(Boolean);
  return { id, parents, authorName, authorEmail, authorTime: Number(at), commitTime: Number(ct), introductions: [], submodules: [] };
}

/**
 * A path is an introduction when its new blob is a regular file that no parent has there;
 * a submodule (gitlink, mode 160000) that no parent has at that commit is recorded apart.
 */
function addChange(c: CommitInfo, meta: string, path: string): void {
  const colons = meta.lastIndexOf(':') + 1;
  const fields = meta.slice(colons).split(' ');
  // `colons` parents: modes are fields[0..colons], shas follow, then the status.
  const newMode = fields[colons];
  const list = newMode === '100644' || newMode === '100755' ? c.introductions : newMode === '160000' ? c.submodules : undefined;
  if (!list) return;
  const shas = fields.slice(colons + 1, 2 * colons + 2);
  const blob = shas[colons];
  if (!blob) return;
  for (let i = 0; i < colons; i++) if (shas[i] === blob) return;
  list.push({ path, blob });
}
