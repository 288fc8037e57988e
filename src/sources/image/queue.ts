/**
 * A bounded hand-off between layer readers (producers) and the scanner (consumer): readers
 * keep decompressing while the scanner waits for workers, and wait themselves once
 * `highWater` bytes are queued, so memory stays bounded whatever the image size.
 */
export class ChunkQueue<T extends { data: Buffer }> implements AsyncIterable<T> {
  private items: T[] = [];
  private bytes = 0;
  private closed = false;
  private failure: Error | undefined;
  private wakeConsumer: (() => void) | undefined;
  private readonly wakeProducers: Array<() => void> = [];

  constructor(private readonly highWater: number) {}

  /** Rejects once the queue is closed: the consumer is gone and producers should stop. */
  async push(item: T): Promise<void> {
    while (this.bytes >= this.highWater && !this.closed) await new Promise<void>((r) => this.wakeProducers.push(r));
    if (this.closed) throw new Error('scan stopped');
    this.items.push(item);
    this.bytes += item.data.length;
    this.wakeConsumer?.();
  }

  close(err?: Error): void {
    this.closed = true;
    this.failure ??= err;
    this.wakeConsumer?.();
    for (const w of this.wakeProducers.splice(0)) w();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    let head = 0;
    for (;;) {
      if (head < this.items.length) {
        const item = this.items[head];
        this.items[head++] = undefined as unknown as T;
        if (head > 1024) {
          this.items = this.items.slice(head);
          head = 0;
        }
        this.bytes -= item.data.length;
        if (this.bytes < this.highWater) for (const w of this.wakeProducers.splice(0)) w();
        yield item;
        continue;
      }
      if (this.closed) {
        if (this.failure) throw this.failure;
        return;
      }
      await new Promise<void>((r) => (this.wakeConsumer = r));
      this.wakeConsumer = undefined;
    }
  }
}
