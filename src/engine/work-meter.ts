/**
 * What the engine did, counted rather than timed, so that a test can hold the work per
 * input byte under a fixed multiple on hostile inputs whatever the machine's speed.
 */
export interface WorkMeter {
  /** Bytes walked by the keyword prefilter (every input byte once, decoded segments again). */
  prefilterBytes: number;
  /** Regex executions: one per match found plus one per window that ends the search. */
  regexCalls: number;
  /** Bytes handed to rule regexes (window lengths, summed over rules). */
  regexBytes: number;
  /** Candidate secrets that reached the gates (allowlists, entropy, validators). */
  gateCalls: number;
  /** Bytes read to place hits in lines and columns (line index, column counting). */
  lineBytes: number;
  /** Bytes of encoded segments decoded and scanned again. */
  decodedBytes: number;
}

export function newWorkMeter(): WorkMeter {
  return { prefilterBytes: 0, regexCalls: 0, regexBytes: 0, gateCalls: 0, lineBytes: 0, decodedBytes: 0 };
}

export function addWork(into: WorkMeter, from: WorkMeter): void {
  for (const k of Object.keys(into) as Array<keyof WorkMeter>) into[k] += from[k];
}
