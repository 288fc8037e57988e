/** A single self-overwriting status line on stderr, only when stderr is a TTY. */
export class Progress {
  private readonly enabled: boolean;
  private last = 0;
  private readonly started = Date.now();
  items = 0;
  bytes = 0;
  findings = 0;
  extra = '';

  constructor(private readonly label: string, stream: NodeJS.WriteStream = process.stderr, force?: boolean) {
    this.enabled = force ?? !!stream.isTTY;
    this.stream = stream;
  }
  private readonly stream: NodeJS.WriteStream;

  tick(bytes = 0, items = 1): void {
    this.items += items;
    this.bytes += bytes;
    this.render(false);
  }

  render(force: boolean): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (!force && now - this.last < 200) return;
    this.last = now;
    const secs = (now - this.started) / 1000;
    const mbps = secs > 0 ? this.bytes / 1024 / 1024 / secs : 0;
    this.stream.write(
      `\r\x1b[2K${this.label}: ${this.items} ${this.extra ? this.extra + ', ' : ''}${(this.bytes / 1024 / 1024).toFixed(1)} MB, ${mbps.toFixed(1)} MB/s, ${this.findings} findings`,
    );
  }

  done(): void {
    if (!this.enabled) return;
    this.stream.write('\r\x1b[2K');
  }
}
