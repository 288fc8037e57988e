#!/usr/bin/env node
// Writes one hostile input: node corpus/hostile/make.mjs <case> <out-file> [size, e.g. 10MB]
// Cases: long-line, repeated-byte, unclosed-template, utf16-le, utf16-be.
import { writeFileSync } from 'node:fs';
import { longLine } from './long-line.mjs';
import { repeatedByte } from './repeated-byte.mjs';
import { unclosedTemplate } from './unclosed-template.mjs';
import { utf16Text } from './utf16-text.mjs';

const [kind, out, sizeArg = '1MB'] = process.argv.slice(2);
const m = /^(\d+(?:\.\d+)?)\s*(KB|MB|GB)?$/i.exec(sizeArg);
if (!kind || !out || !m) {
  console.error('usage: make.mjs <long-line|repeated-byte|unclosed-template|utf16-le|utf16-be> <out-file> [size]');
  process.exit(2);
}
const size = Math.round(Number(m[1]) * { KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 }[(m[2] ?? 'B').toUpperCase()] ?? 1);
const makers = {
  'long-line': () => longLine(size),
  'repeated-byte': () => repeatedByte(size),
  'unclosed-template': () => unclosedTemplate(size),
  'utf16-le': () => utf16Text('le'),
  'utf16-be': () => utf16Text('be'),
};
if (!makers[kind]) {
  console.error(`unknown case ${kind}`);
  process.exit(2);
}
writeFileSync(out, makers[kind]());
