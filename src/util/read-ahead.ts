/**
 * Pulls from `source` on its own, up to `maxBytes` (as `sizeOf` counts) ahead of the consumer.
 * A consumer that awaits something else between items (a worker's result) would otherwise
 * leave the producer (a git process behind a 64 KB pipe) stalled for that whole time, so
 * producer and consumer take turns instead of running at once.
 */
export async function* readAhead<T>(source: AsyncIterable<T>, maxBytes: number, sizeOf: (item: T) => number): AsyncGenerator<T> {
  const queue: T[] = [];
  let head = 0;
  let buffered = 0;
  let done = false;
  let failure: { error: unknown } | undefined;
  let wakeConsumer: (() => void) | undefined;
  let wakeProducer: (() => void) | undefined;
  let stopped = false;

  const pump = (async () => {
    try {
      for await (const item of source) {
        queue.push(item);
        buffered += sizeOf(item);
        wakeConsumer?.();
        while (buffered >= maxBytes && !stopped) await new Promise<void>((r) => (wakeProducer = r));
        if (stopped) break;
      }
    } catch (error) {
      failure = { error };
    } finally {
      done = true;
      wakeConsumer?.();
    }
  })();

  try {
    for (;;) {
      if (head < queue.length) {
        const item = queue[head];
        queue[head++] = undefined as T;
        if (head > 1024 && head * 2 > queue.length) {
          queue.splice(0, head);
          head = 0;
        }
        buffered -= sizeOf(item);
        if (buffered < maxBytes && wakeProducer) {
          const w = wakeProducer;
          wakeProducer = undefined;
          w();
        }
        yield item;
        continue;
      }
      if (done) break;
      await new Promise<void>((r) => (wakeConsumer = r));
      wakeConsumer = undefined;
    }
    if (failure) throw failure.error;
  } finally {
    // A consumer that stops early stops the producer too (its `finally` ends git).
    stopped = true;
    wakeProducer?.();
    await pump;
  }
}
