import type { Redactor } from './redactor.js';

type Write = typeof process.stdout.write;

/**
 * Routes everything written to stdout and stderr through the redactor, so no code path (a
 * progress line, an error naming a file, a library's warning) can print a secret the run knows.
 * Returns a function that restores the streams.
 */
export function guardStreams(redactor: Redactor, streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): () => void {
  const originals = streams.map((s) => s.write);
  streams.forEach((s, i) => {
    const write = originals[i].bind(s) as Write;
    s.write = ((chunk: unknown, ...rest: unknown[]) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : chunk;
      return (write as (c: unknown, ...r: unknown[]) => boolean)(typeof text === 'string' ? redactor.redact(text) : text, ...rest);
    }) as Write;
  });
  return () => streams.forEach((s, i) => (s.write = originals[i]));
}
