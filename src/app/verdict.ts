import { EXIT } from '../exit-codes.js';

export interface Outcome {
  /** Inputs that could not be read (the rest was scanned and reported). */
  scanErrors: number;
  /** Sinks (issues) that failed after the report was written. */
  sinkErrors: number;
  /** The fail policy matched a credential. */
  failed: boolean;
}

/** The exit-code ladder, in one place: partial beats findings beats clean (README "Exit codes"). */
export function verdict(o: Outcome): number {
  if (o.scanErrors > 0 || o.sinkErrors > 0) return EXIT.PARTIAL;
  return o.failed ? EXIT.FINDINGS : EXIT.OK;
}
