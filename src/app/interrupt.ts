import type { Chunk } from '../types.js';

/**
 * The first SIGINT or SIGTERM stops reading new input: the scan finishes with what it has, the
 * report (with -o, the file) is written and names the interruption, and the run exits 3 (partial).
 * A second signal exits at once.
 */
export class Interrupt {
  reason?: string;
  private readonly handlers: Array<[NodeJS.Signals, () => void]> = [];

  arm(): void {
    if (this.handlers.length) return;
    for (const sig of ['SIGINT', 'SIGTERM'] as const) {
      const h = () => {
        if (this.reason) process.exit(130);
        this.reason = `interrupted by ${sig}: the report covers what was read before it`;
        process.stderr.write(`\ncredsweep: ${sig}: finishing with what was read so far (again to quit at once)\n`);
      };
      process.on(sig, h);
      this.handlers.push([sig, h]);
    }
  }

  disarm(): void {
    for (const [sig, h] of this.handlers) process.off(sig, h);
    this.handlers.length = 0;
  }

  get armed(): boolean {
    return this.handlers.length > 0;
  }

  /** Passes chunks on until interrupted. */
  async *until<T extends Chunk>(chunks: AsyncIterable<T>): AsyncGenerator<T> {
    for await (const c of chunks) {
      if (this.reason) return;
      yield c;
    }
  }
}

/** The process's interrupt: the CLI arms it at start, so a signal during start-up is caught too. */
export const runInterrupt = new Interrupt();
