import type { Chunk, ScanError, SkippedInput } from '../../types.js';
import { isBinary, type Source } from '../source.js';

export interface StdinSourceOptions {
  /** The name findings report (and path allowlists match): `--stdin-name`, default `<stdin>`. */
  name?: string;
  maxFileSize: number;
}

/** Standard input as one file: `git show X | credsweep scan stdin --stdin-name X`. */
export class StdinSource implements Source {
  readonly skipped: SkippedInput[] = [];
  readonly errors: ScanError[] = [];
  readonly name: string;

  constructor(private readonly opts: StdinSourceOptions, private readonly input: NodeJS.ReadableStream = process.stdin) {
    this.name = opts.name ?? '<stdin>';
  }

  async *chunks(): AsyncGenerator<Chunk> {
    const parts: Buffer[] = [];
    let size = 0;
    for await (const b of this.input) {
      const buf = Buffer.isBuffer(b) ? b : Buffer.from(b as string);
      size += buf.length;
      // Past the cap, keep draining (the writer must not block) but stop keeping.
      if (size <= this.opts.maxFileSize) parts.push(buf);
    }
    if (size > this.opts.maxFileSize) {
      this.skipped.push({ path: this.name, reason: 'too-large', size });
      return;
    }
    const data = Buffer.concat(parts);
    if (isBinary(data)) this.skipped.push({ path: this.name, reason: 'binary', size });
    else yield { data, origin: { kind: 'file', path: this.name } };
  }
}
