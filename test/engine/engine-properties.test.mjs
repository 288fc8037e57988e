// Property tests (fast-check, fixed run counts and seeds) for the engine's own parsers and
// indexes: line index, keyword automaton, decoders, UTF-16 reading, and detection itself.
import t from 'tap';
import fc from 'fast-check';
import { LineIndex } from '../../dist/engine/line-index.js';
import { KeywordAutomaton } from '../../dist/engine/aho-corasick.js';
import { decodedSegments } from '../../dist/engine/decode.js';
import { asUtf8, utf16Encoding } from '../../dist/util/text-encoding.js';
import { compileCatalogue } from '../../dist/engine/compile.js';
import { loadCatalogue } from '../../dist/detectors/catalogue.js';
import { detectBatch } from '../../dist/engine/batch-detect.js';
import { fingerprint } from '../../dist/engine/fingerprint.js';
import { realToken } from '../../corpus/hostile/fake-token.mjs';

const budget = (numRuns) => ({ numRuns, seed: 20261129 });
const check = (t, prop, runs) => t.doesNotThrow(() => fc.assert(prop, budget(runs)));

t.test('LineIndex agrees with the obvious line and column arithmetic', async (t) => {
  // Long enough to span several of the index's 512-byte blocks; multi-byte and astral characters.
  const text = fc.array(fc.constantFrom('a', 'b', ' ', '\n', '\n', 'é', '€', '😀', 'x'.repeat(300)), { maxLength: 400 }).map((a) => a.join(''));
  const prop = fc.property(text, fc.array(fc.nat(), { minLength: 1, maxLength: 20 }), (s, picks) => {
    const data = Buffer.from(s);
    // Byte offsets of character starts, and the end.
    const starts = [];
    let b = 0;
    for (const ch of s) {
      starts.push(b);
      b += Buffer.byteLength(ch);
    }
    starts.push(b);
    const positions = picks.map((p) => starts[p % starts.length]);
    const idx = new LineIndex(data);
    const cols = idx.columnsOf(positions);
    for (const pos of positions) {
      const before = data.subarray(0, pos).toString('utf8');
      const ls = data.lastIndexOf(10, pos - 1) + 1;
      const le = data.indexOf(10, pos);
      if (idx.lineOf(pos) !== before.split('\n').length) return false;
      if (idx.lineStart(pos) !== (pos === 0 ? 0 : ls)) return false;
      if (idx.lineEnd(pos) !== (le < 0 ? data.length : le)) return false;
      if (cols.get(pos) !== data.toString('utf8', pos === 0 ? 0 : ls, pos).length + 1) return false;
    }
    return true;
  });
  check(t, prop, 300);
});

t.test('KeywordAutomaton reports every occurrence however many, and honours muting', async (t) => {
  const kw = fc.stringMatching(/^[a-c]{1,4}$/);
  const prop = fc.property(fc.uniqueArray(kw, { minLength: 1, maxLength: 6 }), fc.stringMatching(/^[a-cA-C]{0,64}$/), fc.integer({ min: 1, max: 400 }), fc.nat(5), fc.nat(50), (kws, unit, times, muteId, after) => {
    // Repeating the unit makes thousands of hits: more than the automaton's fixed hit buffer holds.
    const text = unit.repeat(times);
    const lower = text.toLowerCase();
    const want = new Map();
    kws.forEach((k, id) => {
      let n = 0;
      for (let i = lower.indexOf(k); i >= 0; i = lower.indexOf(k, i + 1)) n++;
      want.set(id, n);
    });
    const ac = new KeywordAutomaton(kws);
    const got = new Map();
    ac.scan(Buffer.from(text, 'latin1'), (id) => void got.set(id, (got.get(id) ?? 0) + 1));
    for (const [id, n] of want) if ((got.get(id) ?? 0) !== n) return false;
    const mute = muteId % kws.length;
    const limit = after + 1;
    const seen = new Map();
    ac.scan(Buffer.from(text, 'latin1'), (id) => {
      seen.set(id, (seen.get(id) ?? 0) + 1);
      return id === mute && seen.get(id) >= limit;
    });
    for (const [id, n] of want) if ((seen.get(id) ?? 0) !== (id === mute ? Math.min(n, limit) : n)) return false;
    return true;
  });
  check(t, prop, 300);
});

const printable = fc.stringMatching(/^[ -~]{12,120}$/);
const noise = fc.stringMatching(/^[ ,;:"'(){}\[\]<>|!#$%&*\n\t]{0,40}$/);

t.test('decodedSegments: any bytes are safe; base64 and percent text placed anywhere is decoded back', async (t) => {
  const safe = fc.property(fc.uint8Array({ maxLength: 4096 }), fc.array(fc.nat(4096), { maxLength: 80 }), (bytes, at) => {
    const data = Buffer.from(bytes);
    const segs = [...decodedSegments(data, at.filter((p) => p <= data.length))];
    return segs.length <= 64 && segs.every((s) => 0 <= s.start && s.start < s.end && s.end <= data.length && s.decoded.length >= 8);
  });
  check(t, safe, 300);
  const base64 = fc.property(noise, printable, noise, fc.nat(), fc.boolean(), (pre, text, post, k, url) => {
    const enc = Buffer.from(text).toString(url ? 'base64url' : 'base64');
    const data = Buffer.from(`${pre} ${enc} ${post}`);
    const start = Buffer.byteLength(pre) + 1;
    // The prefilter reports where an encoded keyword starts: a base64 character, never padding.
    const segs = [...decodedSegments(data, [start + (k % enc.replace(/=+$/, '').length)])];
    return segs.some((s) => s.encoding === 'base64' && s.decoded.toString() === text && s.start === start);
  });
  check(t, base64, 300);
  const percent = fc.property(noise, fc.stringMatching(/^[a-z0-9]{2,20}$/), fc.stringMatching(/^[a-z0-9]{2,20}$/), noise, (pre, user, pass, post) => {
    const text = `postgres://${user}:${pass}@db/x`;
    const enc = encodeURIComponent(text);
    const data = Buffer.from(`${pre} ${enc} ${post}`);
    return [...decodedSegments(data, [])].some((s) => s.encoding === 'percent' && s.decoded.toString() === text);
  });
  check(t, percent, 200);
});

t.test('UTF-16 with a byte-order mark reads back as the same text in UTF-8; no input makes it throw', async (t) => {
  const roundTrip = fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.boolean(), (s, be) => {
    let bytes = Buffer.from('\ufeff' + s, 'utf16le');
    if (be) bytes = Buffer.from(bytes).swap16();
    return utf16Encoding(bytes) === (be ? 'utf-16be' : 'utf-16le') && asUtf8(bytes).equals(Buffer.from(s, 'utf8'));
  });
  check(t, roundTrip, 300);
  const any = fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => {
    const out = asUtf8(Buffer.from(bytes));
    return Buffer.isBuffer(out);
  });
  check(t, any, 300);
  // Plain UTF-8 text is never mistaken for UTF-16.
  const utf8 = fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => utf16Encoding(Buffer.from(s.replace(/^\ufeff/, ''), 'utf8')) === undefined || s.includes('\0'));
  check(t, utf8, 300);
});

t.test('detection: a real token beside any hostile text is found at its line and column', async (t) => {
  const cat = compileCatalogue(loadCatalogue());
  const key = Buffer.from('prop-key');
  const hostile = fc
    .array(fc.constantFrom('ghp_', 'ghp_' + 'A'.repeat(36), '{{', '}}', '${', 'é', '😀', '\n', ' ', 'password=', 'AAAA', '%3A', 'x'.repeat(700), 'credsweep', '\r\n', 'ZXlK'), { maxLength: 300 })
    .map((a) => a.join(''));
  const prop = fc.property(hostile, hostile, fc.nat(), (before, after, seed) => {
    const tok = realToken(`prop-${seed}`);
    const text = `${before}\n${tok}\n${after}`;
    const buf = Buffer.from(text);
    const copy = Buffer.allocUnsafeSlow(buf.length);
    buf.copy(copy);
    const { hits } = detectBatch(cat, { buf: copy.buffer, items: [{ start: 0, end: buf.length, name: 'f.txt' }] }, key, false);
    const h = hits.find((x) => x.fingerprint === fingerprint(key, tok));
    return h !== undefined && h.line === before.split('\n').length + 1 && h.column === 1;
  });
  check(t, prop, 150);
});

t.test('columns along a line longer than a decoding piece (1 MB) count every character once', async (t) => {
  const line = 'é😀a'.repeat(400_000); // 3.2 MB, multi-byte characters across every piece edge
  const data = Buffer.from(`x\n${line}\n`);
  const idx = new LineIndex(data);
  const positions = [2, 2 + 7 * 150_000, data.length - 1];
  const cols = idx.columnsOf(positions);
  for (const p of positions) t.equal(cols.get(p), data.toString('utf8', 2, p).length + 1);
});
