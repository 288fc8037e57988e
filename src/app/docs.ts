import type { Command } from 'commander';
import { CREDENTIAL_FLAGS } from '../vocabulary/flags.js';
import { CONFIDENCE_LEVELS, SEVERITIES } from '../vocabulary/levels.js';
import { FORMATS } from '../report/formats.js';
import { contextsMarkdown } from '../vocabulary/contexts.js';
import { formatsMarkdown } from '../detectors/file-formats.js';

// The README's reference tables, made from the registries and the command tree, so the
// documentation cannot drift from what the program accepts (a test compares them).

const cell = (s: string) => s.replace(/\|/g, '\\|');

function leaves(cmd: Command, prefix: string[] = []): Array<{ name: string; cmd: Command }> {
  const path = cmd.parent ? [...prefix, cmd.name()] : [];
  return cmd.commands.length ? cmd.commands.flatMap((c) => leaves(c, path)) : [{ name: path.join(' '), cmd }];
}

/** Every option of every command: which commands offer it, and what it does. */
export function optionsTable(program: Command): string {
  const rows = new Map<string, { help: string; commands: string[] }>();
  for (const { name, cmd } of leaves(program)) {
    for (const o of cmd.options) {
      if (o.long === '--help' || o.long === '--version') continue;
      const key = o.flags;
      const row = rows.get(key) ?? { help: o.description, commands: [] };
      row.commands.push(name);
      rows.set(key, row);
    }
  }
  const lines = ['| option | meaning | commands |', '|---|---|---|'];
  for (const [flags, r] of rows) lines.push(`| \`${cell(flags)}\` | ${cell(r.help)} | ${r.commands.join(', ')} |`);
  return lines.join('\n');
}

export function flagsTable(): string {
  const lines = ['| flag | meaning | severity |', '|---|---|---|'];
  for (const [k, v] of Object.entries(CREDENTIAL_FLAGS)) lines.push(`| \`${k}\` | ${cell(v.help)} | ${v.severityEffect > 0 ? '+1' : v.severityEffect < 0 ? '-1' : '0'} |`);
  return lines.join('\n');
}

export function levelsTable(): string {
  const lines = ['| severity | meaning | SARIF `security-severity` |', '|---|---|---|'];
  for (const [k, v] of Object.entries(SEVERITIES)) lines.push(`| \`${k}\` | ${v.help} | ${v.securitySeverity} |`);
  lines.push('', '| confidence | meaning |', '|---|---|');
  for (const [k, v] of Object.entries(CONFIDENCE_LEVELS)) lines.push(`| \`${k}\` | ${v.help} |`);
  return lines.join('\n');
}

export function formatsTable(): string {
  const lines = ['| format | what |', '|---|---|'];
  for (const [k, v] of Object.entries(FORMATS)) lines.push(`| \`${k}\` | ${cell(v.help)} |`);
  return lines.join('\n');
}

/** The generated sections, by marker name (`<!-- generated:NAME -->` ... `<!-- /generated:NAME -->`). */
export function readmeSections(program: Command): Record<string, string> {
  return { options: optionsTable(program), flags: flagsTable(), levels: levelsTable(), formats: formatsTable(), contexts: contextsMarkdown(), 'file-formats': formatsMarkdown() };
}

/** `readme` with each generated section replaced by its current text. */
export function updateReadme(readme: string, sections: Record<string, string>): string {
  let out = readme;
  for (const [name, body] of Object.entries(sections)) {
    const re = new RegExp(`(<!-- generated:${name} -->\\n)[\\s\\S]*?(<!-- /generated:${name} -->)`);
    if (!re.test(out)) throw new Error(`README has no generated:${name} section`);
    out = out.replace(re, (_m, a: string, b: string) => `${a}${body}\n${b}`);
  }
  return out;
}
