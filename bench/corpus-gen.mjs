// Deterministic mixed-text corpus for the engine benchmark: source code, config, JSON,
// YAML, prose, lockfile hashes and base64 blobs, with a few planted fake secrets.
import { createHash } from 'node:crypto';

function prng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Everyday words; the secret-ish ones (token, password, secret, key) come in through the
// occasional config lines below at about the rate real code has them.
const WORDS = 'the of and to in is for that with on as by this be are from at or an it not which have has config value user request response handler server client cache retry timeout buffer stream error result data file path name id type index count length list map set get put post delete update create build test deploy'.split(' ');
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function* generateFiles(totalBytes, seed = 42) {
  const rand = prng(seed);
  const pick = (a) => a[Math.floor(rand() * a.length)];
  const word = () => pick(WORDS);
  const ident = () => word() + word()[0].toUpperCase() + word().slice(1);
  const rnd = (n) => {
    let s = '';
    for (let i = 0; i < n; i++) s += ALNUM[Math.floor(rand() * 62)];
    return s;
  };
  const hex = (n) => createHash('sha256').update(String(rand())).digest('hex').slice(0, n);
  const lineKinds = [
    () => `  const ${ident()} = await ${ident()}(${ident()}, ${Math.floor(rand() * 1000)});`,
    () => `    if (${ident()}.${word()} === '${word()}') return ${ident()};`,
    () => `${word()}_${word()}: ${word()}-${word()}`,
    () => `  "${ident()}": "${word()} ${word()} ${word()}",`,
    () => `// ${word()} ${word()} ${word()} ${word()} ${word()} ${word()} ${word()} ${word()}`,
    () => `${hex(64)}  src/${word()}/${ident()}.ts`,
    () => `      "integrity": "sha512-${Buffer.from(hex(64) + hex(64), 'hex').toString('base64')}",`,
    () => `  ${word()}.${word()}(${JSON.stringify(word() + ' ' + word())});`,
    () => `${Buffer.from(hex(64)).toString('base64')}`,
    () => `| ${word()} | ${word()} | ${Math.floor(rand() * 100)} |`,
  ];
  const rareKinds = [
    () => `  password: \${${word().toUpperCase()}_PASSWORD}`,
    () => `    token = os.environ["${word().toUpperCase()}_TOKEN"]`,
    () => `  const apiKey = config.get('${word()}.apiKey');`,
    () => `    url: https://${word()}.example.com/${word()}/${ident()}`,
    () => `secret_name: ${word()}-${word()}-secret`,
  ];
  let produced = 0;
  let n = 0;
  while (produced < totalBytes) {
    const target = 2048 + Math.floor(rand() * 60000);
    const lines = [];
    let size = 0;
    while (size < target) {
      const l = rand() < 0.03 ? pick(rareKinds)() : pick(lineKinds)();
      lines.push(l);
      size += l.length + 1;
    }
    if (n % 500 === 7) lines.splice(Math.floor(lines.length / 2), 0, `GITHUB_TOKEN=ghp_${rnd(36)}`);
    if (n % 700 === 3) lines.splice(1, 0, `password = "${rnd(24)}"`);
    const data = Buffer.from(lines.join('\n') + '\n');
    produced += data.length;
    yield { path: `src/mod${n % 97}/file${n}.${pick(['ts', 'js', 'yaml', 'json', 'md', 'py'])}`, data };
    n++;
  }
}
