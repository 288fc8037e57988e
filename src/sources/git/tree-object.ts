/** One entry of a git tree object. `mode` as git prints it (`040000` for trees). */
export interface TreeEntry {
  mode: string;
  path: string;
  oid: string;
  type: 'blob' | 'tree' | 'commit';
}

/**
 * Parses a raw tree object (`<mode> <name>\0<20-byte id>` repeated). Ours rather than
 * isomorphic-git's readTree, which refuses a whole tree when one name holds a backslash or
 * another sequence it deems unsafe: such a name is harmless here (nothing is written to
 * disk), and refusing the tree would hide every file in it. Throws on a malformed object.
 */
export function parseTree(data: Uint8Array, idBytes = 20): TreeEntry[] {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const out: TreeEntry[] = [];
  let at = 0;
  while (at < buf.length) {
    const sp = buf.indexOf(0x20, at);
    const nul = sp < 0 ? -1 : buf.indexOf(0, sp + 1);
    if (sp < 0 || nul < 0 || nul + 1 + idBytes > buf.length) throw new Error(`malformed tree object at byte ${at}`);
    const rawMode = buf.toString('latin1', at, sp);
    if (!/^[0-7]{5,6}$/.test(rawMode)) throw new Error(`malformed tree object: mode at byte ${at} is not octal`);
    const mode = rawMode.padStart(6, '0');
    const path = buf.toString('utf8', sp + 1, nul);
    if (path === '' || path.includes('/')) throw new Error(`malformed tree object: bad entry name at byte ${sp + 1}`);
    const oid = buf.toString('hex', nul + 1, nul + 1 + idBytes);
    const type = mode === '040000' ? 'tree' : mode === '160000' ? 'commit' : 'blob';
    out.push({ mode, path, oid, type });
    at = nul + 1 + idBytes;
  }
  return out;
}
