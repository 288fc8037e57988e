import t from 'tap';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePolicy } from '../../dist/policy/parse.js';
import { loadPolicy } from '../../dist/policy/load.js';

t.test('a full policy parses', async (t) => {
  const p = parsePolicy(
    ['version: 1', 'maxAge:', '  default: 12w', '  rules: { github-pat-classic: 30d }', '  providers: { aws: 1y }', 'environments:', '  prod: [deploy/prod/**, "**/values-prod.yaml"]', 'contexts: [repo, environment]', 'failOn: high,stale'].join('\n'),
    'p.yaml',
  );
  t.equal(p.maxAgeDays, 84);
  t.same(p.maxAgeByRule, { 'github-pat-classic': 30 });
  t.same(p.maxAgeByProvider, { aws: 365 });
  t.same(p.environments, [{ name: 'prod', patterns: ['deploy/prod/**', '**/values-prod.yaml'] }]);
  t.same(p.contexts, ['repo', 'environment']);
  t.equal(p.failOn, 'high,stale');
  t.equal(parsePolicy('maxAge: 30d').maxAgeDays, 30);
  t.same(parsePolicy('').contexts, ['repo', 'image', 'chart', 'dir', 'environment']);
});

t.test('errors name the file and key, never quote content', async (t) => {
  const cases = [
    ['maxage: 30d', /^p\.yaml:1: maxage: unknown key; see schema\/credsweep-policy\.schema\.json/],
    ['maxAge: soon', /^p\.yaml(:\d+)?: maxAge: invalid duration/],
    ['maxAge:\n  rules:\n    github-pat-classic: forever', /^p\.yaml(:\d+)?: maxAge\.rules\.github-pat-classic: invalid duration/],
    ['maxAge:\n  rule: {}', /^p\.yaml(:\d+)?: maxAge\.rule: unknown key/],
    ['environments:\n  prod: []', /^p\.yaml(:\d+)?: environments\.prod: must be a glob or a non-empty list of globs$/],
    ['contexts: [repo, galaxy]', /^p\.yaml(:\d+)?: contexts: unknown context kind 'galaxy'/],
    ['failOn: loud', /^p\.yaml(:\d+)?: failOn: invalid condition 'loud'/],
    ['- a', /^p\.yaml(:\d+)?: \(top level\): must be a mapping/],
    ['version: 2', /^p\.yaml(:\d+)?: version: only version 1/],
  ];
  for (const [text, re] of cases) t.throws(() => parsePolicy(text, 'p.yaml'), re, text);
  const secret = 'ghp_notARealTokenButLooksLikeOne0000000000';
  try {
    parsePolicy(`maxAge: [1\nfoo: ${secret}`, 'p.yaml');
    t.fail('should throw');
  } catch (e) {
    t.match(e.message, /^p\.yaml(:\d+)?: YAML syntax error at line \d+, column \d+ \([A-Z_]+\)$/);
    t.notMatch(e.message, secret);
  }
});

t.test('loading: --config must exist; else cwd, else scan root', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'credsweep-policy-'));
  t.throws(() => loadPolicy(join(root, 'missing.yaml')), /--config .*missing\.yaml: no such file/);
  t.equal(loadPolicy(undefined, root).source, undefined);
  writeFileSync(join(root, '.credsweep.yaml'), 'maxAge: 10d\n');
  const p = loadPolicy(undefined, root);
  t.equal(p.maxAgeDays, 10);
  t.equal(p.source, join(root, '.credsweep.yaml'));
});
