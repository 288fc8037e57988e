import t from 'tap';
import { KeywordAutomaton } from '../../dist/engine/aho-corasick.js';

// Every occurrence of every keyword, case-insensitively, the slow obvious way.
function naive(keywords, text) {
  const lower = text.toLowerCase();
  const out = [];
  keywords.forEach((k, id) => {
    for (let i = lower.indexOf(k); i >= 0; i = lower.indexOf(k, i + 1)) out.push(`${id}@${i + k.length}`);
  });
  return out.sort();
}

function found(ac, text) {
  const out = [];
  ac.scan(Buffer.from(text, 'latin1'), (id, end) => out.push(`${id}@${end}`));
  return out.sort();
}

t.test('finds overlapping, nested and case-folded keywords', async (t) => {
  const kws = ['token', 'tok', 'ken', 'ghp_', 'abc', 'bcd', 'xoxb-'];
  const ac = new KeywordAutomaton(kws);
  const text = 'a TOKEN and abcd with GHP_ and xoxb-1 tokentok';
  t.same(found(ac, text), naive(kws, text));
});

/** Seeded random letters with the keywords sprinkled in (either case): texts of any size. */
function randomText(kws, seed) {
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  return (size) => {
    const parts = [];
    let len = 0;
    while (len < size) {
      const p = rnd() < 0.05 ? kws[Math.floor(rnd() * kws.length)] : String.fromCharCode(97 + Math.floor(rnd() * 26));
      parts.push(rnd() < 0.5 ? p.toUpperCase() : p);
      len += p.length;
    }
    return parts.join('').slice(0, size);
  };
}

t.test('striped scanning of long buffers reports each match exactly once, across stripe edges', async (t) => {
  const kws = ['password', 'secret', 'akia', 'eyj', '-----begin', 'x'.repeat(30)];
  const ac = new KeywordAutomaton(kws);
  const text0 = randomText(kws, 7);
  for (const size of [4095, 4096, 10007, 65536, 100003]) {
    let text = text0(size);
    // Plant keywords straddling each quarter boundary.
    for (const q of [1, 2, 3]) {
      const at = Math.floor((size >> 2) * q) - 3;
      text = text.slice(0, at) + 'password' + text.slice(at + 8);
    }
    t.same(found(ac, text), naive(kws, text), `size ${size}`);
  }
});

t.test('the WebAssembly walk reports what the JS walk does, across stripe and block edges', async (t) => {
  const kws = ['password', 'secret', 'akia', 'eyj', '-----begin', 'x'.repeat(30), 'ab', 'b'];
  const wasm = new KeywordAutomaton(kws);
  const js = new KeywordAutomaton(kws, 'js');
  const text0 = randomText(kws, 11);
  const BLOCK = 256 * 1024;
  for (const size of [0, 1, 7, 4095, 4096, 4097, 70001, BLOCK - 1, BLOCK, BLOCK + 1, 2 * BLOCK + 12345]) {
    let text = text0(size);
    // Keywords straddling block edges and the quarter (stripe) edges of each block.
    for (let b = 0; b < size; b += BLOCK) {
      for (const at of [b - 3, b + (BLOCK >> 2) - 3, b + (BLOCK >> 1) - 3, b + 3 * (BLOCK >> 2) - 3]) {
        if (at > 0 && at + 10 < size) text = text.slice(0, at) + '-----BEGIN' + text.slice(at + 10);
      }
    }
    t.same(found(wasm, text), found(js, text), `size ${size}`);
    if (size < 100000) t.same(found(wasm, text), naive(kws, text), `size ${size} (naive)`);
  }
  // A hit at every byte fills the output buffer of every block.
  const ones = 'b'.repeat(BLOCK * 2 + 5);
  t.equal(found(wasm, ones).length, ones.length);
});
