// The engine's real worker, with faults injected by input name, for the fault-containment
// tests: a name holding `crash-me` kills the worker thread, `hang-me` never returns,
// `throw-me` throws (with scanned text in the message, which must not be reported), and
// `crash-once` kills the worker only the first time (a marker file remembers it).
import { existsSync, writeFileSync } from 'node:fs';
import run from '../../dist/engine/worker.js';

export default function faulty(task) {
  const names = task.items.map((it) => it.name ?? '');
  if (names.some((n) => n.includes('hang-me'))) {
    task.started?.postMessage(0);
    for (;;);
  }
  if (names.some((n) => n.includes('crash-me'))) process.exit(70);
  if (names.some((n) => n.includes('throw-me'))) {
    const text = Buffer.from(task.buf).toString('utf8');
    throw new SyntaxError(`Unexpected token in ${text}`);
  }
  const marker = process.env.CREDSWEEP_TEST_CRASH_ONCE;
  if (marker && names.some((n) => n.includes('crash-once')) && !existsSync(marker)) {
    writeFileSync(marker, '1');
    process.exit(70);
  }
  return run(task);
}
