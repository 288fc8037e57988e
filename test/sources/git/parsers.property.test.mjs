// Property tests for the git output the source parses itself: `git log -z --raw -c`, the
// `git cat-file --batch` answers, and raw tree objects. Each builds the bytes git would
// print from a random model, cuts them at random places (as a pipe delivers them) and checks
// the parse gives the model back; broken input must end in an Error, never a TypeError.
// Fixed budget: the run counts below.
import t from 'tap';
import fc from 'fast-check';
import { deepStrictEqual } from 'node:assert';
import { Readable } from 'node:stream';
import { parseRawLog } from '../../../dist/sources/git/log-stream.js';
import { parseBatch } from '../../../dist/sources/git/cat-file.js';
import { parseTree } from '../../../dist/sources/git/tree-object.js';

const hex40 = fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => Buffer.from(b).toString('hex'));
const ZERO = '0'.repeat(40);
/** Text git can print in a name or path: no NUL (and, for names, none of our separators or LF). */
const pathText = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 24 }).filter((s) => !s.includes('\0'));
const nameText = fc.string({ unit: 'grapheme', maxLength: 16 }).filter((s) => !/[\0\x02\n]/.test(s));
const mode = fc.constantFrom('100644', '100755', '120000', '160000', '000000');

/** Cuts a buffer into pieces at random places. */
function pieces(buf, cuts) {
  const at = [...new Set(cuts.map((c) => Math.floor(c * buf.length)))].sort((a, b) => a - b);
  const out = [];
  let prev = 0;
  for (const c of at) {
    out.push(buf.subarray(prev, c));
    prev = c;
  }
  out.push(buf.subarray(prev));
  return out.filter((p) => p.length > 0);
}
const cutPoints = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 });

async function collect(gen) {
  const out = [];
  for await (const x of gen) out.push(x);
  return out;
}

const change = (parentCount) =>
  fc.record({
    path: pathText,
    parentModes: fc.array(mode, { minLength: parentCount, maxLength: parentCount }),
    newMode: mode,
    parentShas: fc.array(fc.oneof(hex40, fc.constant('same')), { minLength: parentCount, maxLength: parentCount }),
    newSha: hex40,
  });

const commit = fc.integer({ min: 0, max: 3 }).chain((np) =>
  fc.record({
    id: hex40,
    parents: fc.array(hex40, { minLength: np, maxLength: np }),
    authorName: nameText,
    authorEmail: nameText,
    authorTime: fc.integer({ min: 0, max: 2 ** 32 }),
    commitTime: fc.integer({ min: 0, max: 2 ** 32 }),
    changes: fc.array(change(Math.max(1, np)), { maxLength: 6 }),
  }),
);

/** What git prints for one commit with `--format=%x01%H %P%x02...` and `-z --raw -c`. */
function render(c) {
  let s = `\x01${c.id} ${c.parents.join(' ')}\x02${c.authorName}\x02${c.authorEmail}\x02${c.authorTime}\x02${c.commitTime}\0`;
  c.changes.forEach((ch, i) => {
    const shas = ch.parentShas.map((p) => (p === 'same' ? ch.newSha : p));
    const colons = ':'.repeat(ch.parentModes.length);
    s += `${i === 0 ? '\n' : ''}${colons}${ch.parentModes.join(' ')} ${ch.newMode} ${shas.join(' ')} ${ch.newSha} ${'M'.repeat(ch.parentModes.length)}\0${ch.path}\0`;
  });
  return s;
}

function expected(c) {
  const intro = [];
  const subs = [];
  for (const ch of c.changes) {
    const list = ch.newMode === '100644' || ch.newMode === '100755' ? intro : ch.newMode === '160000' ? subs : undefined;
    if (!list || ch.parentShas.includes('same')) continue;
    list.push({ path: ch.path, blob: ch.newSha });
  }
  return { id: c.id, parents: c.parents, authorName: c.authorName, authorEmail: c.authorEmail, authorTime: c.authorTime, commitTime: c.commitTime, introductions: intro, submodules: subs };
}

t.test('git log -z --raw -c: the parse gives the commits back, however the stream is cut', async (t) => {
  await fc.assert(
    fc.asyncProperty(fc.array(commit, { maxLength: 8 }), cutPoints, async (commits, cuts) => {
      const bytes = Buffer.from(commits.map(render).join(''), 'utf8');
      const got = await collect(parseRawLog(Readable.from(pieces(bytes, cuts))));
      deepStrictEqual(got, commits.map(expected));
    }),
    { numRuns: 300 },
  );
  t.pass('300 runs');
});

const answer = fc.oneof(
  { weight: 4, arbitrary: fc.record({ id: hex40, type: fc.constantFrom('blob', 'blob', 'tree', 'commit', 'tag'), data: fc.uint8Array({ maxLength: 300 }) }) },
  { weight: 1, arbitrary: fc.record({ id: hex40, missing: fc.constant(true) }) },
);

function renderAnswer(a) {
  if (a.missing) return Buffer.from(`${a.id} missing\n`);
  return Buffer.concat([Buffer.from(`${a.id} ${a.type} ${a.data.length}\n`), Buffer.from(a.data), Buffer.from('\n')]);
}

function expectAnswer(a, maxSize, types) {
  if (a.missing) return { id: a.id, error: 'object missing' };
  if (a.data.length > maxSize) return { id: a.id, size: a.data.length, tooLarge: true };
  if (!types.includes(a.type)) return { id: a.id, error: `not a ${types.join(' or ')}` };
  return { id: a.id, data: Buffer.from(a.data) };
}

t.test('git cat-file --batch: one answer per object, bytes exact, a cut stream answers what came whole', async (t) => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(answer, { maxLength: 10 }),
      cutPoints,
      fc.integer({ min: 0, max: 400 }),
      fc.constantFrom(['blob'], ['commit', 'tag']),
      fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
      async (answers, cuts, maxSize, types, truncateAt) => {
        const rendered = answers.map(renderAnswer);
        let bytes = Buffer.concat(rendered);
        let whole = answers.length;
        if (truncateAt !== undefined) {
          const end = Math.floor(truncateAt * bytes.length);
          bytes = bytes.subarray(0, end);
          // Answers that end (their trailing LF included) before the cut.
          let at = 0;
          whole = 0;
          for (const r of rendered) {
            if (at + r.length > end) break;
            at += r.length;
            whole++;
          }
        }
        const got = await collect(parseBatch(Readable.from(pieces(bytes, cuts)), maxSize, types));
        const want = answers.slice(0, whole).map((a) => expectAnswer(a, maxSize, types));
        // A cut inside the last answer's trailing LF still delivers it.
        if (truncateAt !== undefined && got.length === whole + 1) want.push(expectAnswer(answers[whole], maxSize, types));
        deepStrictEqual(got, want);
      },
    ),
    { numRuns: 300 },
  );
  t.pass('300 runs');
});

// Blobs up to 20 KB, some with a NUL in their first 8 KB, some only after it.
const sniffed = fc.record({
  id: hex40,
  type: fc.constantFrom('blob', 'blob', 'blob', 'tree'),
  data: fc.tuple(fc.integer({ min: 0, max: 20_000 }), fc.option(fc.integer({ min: 0, max: 19_999 }), { nil: undefined }), fc.integer({ min: 0, max: 255 })).map(([n, nul, fill]) => {
    const b = Buffer.alloc(n, fill || 1);
    if (nul !== undefined && nul < n) b[nul] = 0;
    return b;
  }),
});

t.test('git cat-file --batch with a sniff: it sees each blob\'s first 8 KB exactly; binary ones come without bytes', async (t) => {
  await fc.assert(
    fc.asyncProperty(fc.array(sniffed, { maxLength: 6 }), cutPoints, fc.integer({ min: 0, max: 25_000 }), async (answers, cuts, maxSize) => {
      const bytes = Buffer.concat(answers.map(renderAnswer));
      const heads = [];
      const sniff = (head) => {
        heads.push(Buffer.from(head));
        return head.includes(0);
      };
      const got = await collect(parseBatch(Readable.from(pieces(bytes, cuts)), maxSize, ['blob'], sniff));
      const read = answers.filter((a) => a.type === 'blob' && a.data.length <= maxSize);
      deepStrictEqual(heads, read.map((a) => a.data.subarray(0, 8192)));
      const want = answers.map((a) => {
        if (a.data.length > maxSize) return { id: a.id, size: a.data.length, tooLarge: true };
        if (a.type !== 'blob') return { id: a.id, error: 'not a blob' };
        return a.data.subarray(0, 8192).includes(0) ? { id: a.id, size: a.data.length, binary: true } : { id: a.id, data: a.data };
      });
      deepStrictEqual(got, want);
    }),
    { numRuns: 200 },
  );
  t.pass('200 runs');
});

const treeEntry = fc.record({
  mode: fc.constantFrom('100644', '100755', '120000', '160000', '040000'),
  path: pathText.filter((s) => !s.includes('/')),
  oid: hex40,
});

t.test('tree objects: entries back exactly, any name but "/" and NUL; garbage gives an Error', async (t) => {
  fc.assert(
    fc.property(fc.array(treeEntry, { maxLength: 12 }), (entries) => {
      const bytes = Buffer.concat(entries.map((e) => Buffer.concat([Buffer.from(`${e.mode === '040000' ? '40000' : e.mode} ${e.path}\0`), Buffer.from(e.oid, 'hex')])));
      const type = (m) => (m === '040000' ? 'tree' : m === '160000' ? 'commit' : 'blob');
      deepStrictEqual(parseTree(bytes), entries.map((e) => ({ ...e, type: type(e.mode) })));
    }),
    { numRuns: 300 },
  );
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
      try {
        parseTree(bytes);
      } catch (e) {
        return e.constructor === Error && /malformed tree object/.test(e.message);
      }
      return true;
    }),
    { numRuns: 500 },
  );
  t.pass('300 + 500 runs');
});
