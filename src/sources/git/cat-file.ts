import { once } from 'node:events';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import type { BlobRead } from './backend.js';
import { firstLine, spawnGit } from './git-cli.js';

/**
 * Streams blob contents through one long-lived `git cat-file --batch`: ids go in on stdin
 * while answers are parsed from stdout, so reading overlaps enumeration and scanning.
 * Missing objects are answered `missing` by git; a corrupt one can kill the process, in
 * which case the unanswered id at the head of the queue is reported and a fresh process
 * takes the remaining ids.
 */
export async function* catFileBatch(gitdir: string, ids: AsyncIterable<string>, maxSize: number, types: readonly string[] = ['blob'], sniff?: Sniff): AsyncGenerator<BlobRead> {
  const pending: string[] = [];
  let head = 0;
  let inputDone = false;
  let inputError: unknown;
  let proc = start(gitdir);

  const feed = async () => {
    for await (const id of ids) {
      pending.push(id);
      const p = proc;
      if (!p.stdin.write(id + '\n')) await writable(p);
    }
    inputDone = true;
    proc.stdin.end();
  };
  const feeding = feed().catch((e) => {
    inputError = e;
    inputDone = true;
    proc.stdin.end();
  });

  let fruitless = 0;
  try {
    for (;;) {
      const answeredBefore = head;
      const stderr: Buffer[] = [];
      proc.stderr.on('data', (b: Buffer) => stderr.push(b));
      const closed = once(proc, 'close');
      for await (const r of parseBatch(proc.stdout, maxSize, types, sniff)) {
        head++;
        if (head > 4096 && head * 2 > pending.length) {
          pending.splice(0, head);
          head = 0;
        }
        yield r;
      }
      const [code] = (await closed) as [number | null];
      if (head >= pending.length && inputDone) break;
      if (head === answeredBefore && head >= pending.length && ++fruitless > 3) {
        throw new Error(`git cat-file keeps exiting (${code}): ${firstLine(Buffer.concat(stderr).toString('utf8'))}`);
      }
      if (head < pending.length) {
        // The process died on the first unanswered object.
        const bad = pending[head++];
        const why = firstLine(Buffer.concat(stderr).toString('utf8')) || `git cat-file exited with ${code}`;
        yield { id: bad, error: `cannot read blob: ${why}` };
      }
      proc = start(gitdir);
      for (let i = head; i < pending.length; i++) proc.stdin.write(pending[i] + '\n');
      if (inputDone) proc.stdin.end();
    }
  } finally {
    // A consumer that stops early must not leave git running.
    if (proc.exitCode === null && proc.signalCode === null) proc.kill();
  }
  await feeding;
  if (inputError) throw inputError;
}

/**
 * Resolves once `p` takes input again, or once it is gone: a process that dies on a corrupt
 * object makes the pending write fail with EPIPE, which is the reader's business (it restarts
 * git and answers the object with an error), never a reason to stop feeding ids.
 */
function writable(p: ChildProcessWithoutNullStreams): Promise<void> {
  if (p.exitCode !== null || p.signalCode !== null || p.stdin.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      p.stdin.off('drain', done);
      p.stdin.off('error', done);
      p.stdin.off('close', done);
      p.off('close', done);
      resolve();
    };
    p.stdin.on('drain', done);
    p.stdin.on('error', done);
    p.stdin.on('close', done);
    p.on('close', done);
  });
}

function start(gitdir: string): ChildProcessWithoutNullStreams {
  // --buffer: no flush per object (ids are fed independently of the answers, so nothing waits on one).
  const p = spawnGit(gitdir, ['cat-file', '--batch', '--buffer']);
  p.stdin.on('error', () => {});
  p.on('error', () => {});
  return p;
}

/** Bytes of an object's start that `Sniff` sees (git's own binary test reads as many). */
export const SNIFF_BYTES = 8192;

/**
 * Told an object's first `min(size, SNIFF_BYTES)` bytes; true answers it `binary` without its
 * bytes, which are then neither copied nor kept (a third of a typical history's blob bytes).
 */
export type Sniff = (head: Buffer) => boolean;

/**
 * Parses `<id> <type> <size>\n<bytes>\n` and `<id> missing\n` answers as they stream. Objects
 * of other `types` and over `maxSize` are answered without their bytes, and so are those
 * `sniff` calls binary. Exported for the property tests; a stream that ends inside an object
 * answers nothing for it.
 */
export async function* parseBatch(stdout: AsyncIterable<Buffer>, maxSize: number, types: readonly string[] = ['blob'], sniff?: Sniff): AsyncGenerator<BlobRead> {
  let rest: Buffer | undefined;
  // Content being collected for the current object.
  let id = '';
  let body: Buffer | undefined;
  /** The object's first bytes, collected to decide on them before its body is allocated. */
  let head: Buffer | undefined;
  let need = -1; // bytes of content (+1 for the trailing LF) still to read; -1 = expecting a header
  let filled = 0;
  let size = 0;
  let skip = false;
  let binary = false;
  for await (const chunk of stdout) {
    let buf = rest ? Buffer.concat([rest, chunk]) : chunk;
    rest = undefined;
    let at = 0;
    while (at < buf.length) {
      if (need < 0) {
        const lf = buf.indexOf(10, at);
        if (lf < 0) {
          rest = buf.subarray(at);
          break;
        }
        const header = buf.toString('latin1', at, lf);
        at = lf + 1;
        const parts = header.split(' ');
        if (parts.length === 2) {
          yield { id: parts[0], error: `object ${parts[1]}` };
          continue;
        }
        id = parts[0];
        size = Number(parts[2]);
        if (parts.length !== 3 || !/^\d+$/.test(parts[2])) throw new Error(`git cat-file: unexpected answer ${JSON.stringify(header.slice(0, 100))}`);
        skip = !types.includes(parts[1]) || size > maxSize;
        binary = false;
        need = size + 1;
        filled = 0;
        body = undefined;
        // Objects that sit whole in this chunk need no copy: each stdout chunk is a fresh buffer
        // (the engine copies into its batch anyway), so a view keeps nothing else alive.
        if (!skip && buf.length - at >= need) {
          const data = buf.subarray(at, at + size);
          at += need;
          need = -1;
          yield sniff?.(data.subarray(0, SNIFF_BYTES)) ? { id, size, binary: true } : { id, data };
          continue;
        }
        if (skip) continue;
        const n = Math.min(size, SNIFF_BYTES);
        if (!sniff) body = Buffer.allocUnsafe(size);
        else if (buf.length - at < n) head = Buffer.allocUnsafe(n);
        else if (sniff(buf.subarray(at, at + n))) skip = binary = true;
        else body = Buffer.allocUnsafe(size);
        continue;
      }
      const take = Math.min(need, buf.length - at);
      let from = at;
      if (head) {
        const n = Math.min(take, head.length - filled);
        buf.copy(head, filled, from, from + n);
        filled += n;
        from += n;
        if (filled === head.length) {
          if (sniff!(head)) skip = binary = true;
          else {
            body = Buffer.allocUnsafe(size);
            head.copy(body, 0);
          }
          head = undefined;
        }
      }
      if (body && filled < size) {
        const n = Math.min(at + take - from, size - filled);
        buf.copy(body, filled, from, from + n);
        filled += n;
      }
      at += take;
      need -= take;
      if (need === 0) {
        need = -1;
        if (skip) yield binary ? { id, size, binary: true } : size > maxSize ? { id, size, tooLarge: true } : { id, error: `not a ${types.join(' or ')}` };
        else yield { id, data: body! };
        body = undefined;
      }
    }
    buf = Buffer.alloc(0);
  }
}
