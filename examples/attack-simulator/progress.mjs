// A one-line progress bar for a terminal, written by hand: it is twenty lines, and a dependency would be larger.
// Quiet (draws nothing) when the stream is not a terminal or CI is set.

export class Progress {
  /** @param {NodeJS.WriteStream} stream @param {number} total */
  constructor(stream, total, { enabled = Boolean(stream.isTTY) && !process.env.CI } = {}) {
    this.stream = stream;
    this.total = Math.max(total, 1);
    this.done = 0;
    this.enabled = enabled;
    this.lastDraw = 0;
    this.label = '';
  }

  /** Counts one finished step; `label` says what is running. */
  tick(label = this.label) {
    this.done = Math.min(this.done + 1, this.total);
    this.label = label;
    const now = Date.now();
    if (now - this.lastDraw >= 80 || this.done === this.total) this.draw(now);
  }

  draw(now = Date.now()) {
    if (!this.enabled) return;
    this.lastDraw = now;
    const width = 28;
    const filled = Math.round((this.done / this.total) * width);
    const percent = String(Math.floor((this.done / this.total) * 100)).padStart(3);
    const columns = this.columns();
    const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${percent}% ${this.done}/${this.total} requests  ${this.label}`;
    this.stream.write(`\r${line.slice(0, columns - 1).padEnd(columns - 1)}`);
  }

  /** Clears the line, so what follows starts on a clean one. */
  finish() {
    if (!this.enabled) return;
    this.stream.write(`\r${' '.repeat(this.columns() - 1)}\r`);
  }

  /** The terminal's width; some pseudo-terminals report 0. */
  columns() {
    return Math.max(this.stream.columns || 100, 40);
  }
}
