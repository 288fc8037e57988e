import { appendFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

// The runner's file and stdout protocols: annotations, step outputs, job summary.
// https://docs.github.com/actions/reference/workflow-commands-for-github-actions

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  file?: string;
  line?: number;
  endLine?: number;
  col?: number;
  title?: string;
  message: string;
}

export function annotation(a: Annotation): string {
  const props: string[] = [];
  if (a.file) props.push(`file=${escapeProperty(a.file)}`);
  if (a.line) props.push(`line=${a.line}`);
  if (a.endLine) props.push(`endLine=${a.endLine}`);
  if (a.col) props.push(`col=${a.col}`);
  if (a.title) props.push(`title=${escapeProperty(a.title)}`);
  return `::${a.level}${props.length ? ' ' + props.join(',') : ''}::${escapeData(a.message)}\n`;
}

/** Appends `name=value` (heredoc form for multi-line values) to $GITHUB_OUTPUT. */
export function setOutput(name: string, value: string, env: NodeJS.ProcessEnv = process.env): void {
  const file = env.GITHUB_OUTPUT;
  if (!file) return;
  if (!value.includes('\n')) return appendFileSync(file, `${name}=${value}\n`);
  const delim = `credsweep_${randomBytes(8).toString('hex')}`;
  appendFileSync(file, `${name}<<${delim}\n${value}\n${delim}\n`);
}

export function appendSummary(markdown: string, env: NodeJS.ProcessEnv = process.env): void {
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, markdown);
}
