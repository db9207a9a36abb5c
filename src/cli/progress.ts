import type { Progress } from '../core/progress.ts';
import type { Output } from './output.ts';

export { type Progress, silentProgress } from '../core/progress.ts';

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--';
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  const m = Math.floor(seconds / 60);
  return `${m}m${String(Math.ceil(seconds % 60)).padStart(2, '0')}s`;
}

function formatRate(rate: number, unit: string): string {
  return rate >= 10_000 ? `${(rate / 1000).toFixed(0)}k ${unit}/s` : `${rate.toFixed(0)} ${unit}/s`;
}

/** A one-line bar redrawn at most ten times a second: label, bar, count, rate, ETA. */
export class BarProgress implements Progress {
  readonly #stream: NodeJS.WritableStream;
  readonly #unit: string;
  readonly #now: () => number;
  #label = '';
  #total: number | undefined;
  #done = 0;
  #started = 0;
  #lastDraw = 0;

  constructor(stream: NodeJS.WritableStream, unit: string, now = () => performance.now()) {
    this.#stream = stream;
    this.#unit = unit;
    this.#now = now;
  }

  start(label: string, total?: number): void {
    this.#label = label;
    this.#total = total;
    this.#done = 0;
    this.#started = this.#now();
    this.#lastDraw = 0;
    this.#draw(true);
  }

  update(done: number): void {
    this.#done = done;
    this.#draw(false);
  }

  done(summary?: string): void {
    this.#draw(true);
    this.#stream.write(summary === undefined ? '\n' : `\r\x1b[2K${summary}\n`);
  }

  #draw(force: boolean): void {
    const now = this.#now();
    if (!force && now - this.#lastDraw < 100) return;
    this.#lastDraw = now;
    const elapsed = (now - this.#started) / 1000;
    const rate = elapsed > 0 ? this.#done / elapsed : 0;
    const total = this.#total;
    let line: string;
    if (total !== undefined && total > 0) {
      const ratio = Math.min(1, this.#done / total);
      const width = 24;
      const filled = Math.round(ratio * width);
      const eta = rate > 0 ? (total - this.#done) / rate : Number.NaN;
      line = `${this.#label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${this.#done}/${total} ${formatRate(rate, this.#unit)} ETA ${formatDuration(eta)}`;
    } else {
      line = `${this.#label} ${this.#done} ${this.#unit} ${formatRate(rate, this.#unit)}`;
    }
    this.#stream.write(`\r\x1b[2K${line}`);
  }
}

/** Quiet log for CI: one line per phase when it ends. */
export class LogProgress implements Progress {
  readonly #stream: NodeJS.WritableStream;
  readonly #unit: string;
  #label = '';
  #done = 0;
  #started = 0;

  constructor(stream: NodeJS.WritableStream, unit: string) {
    this.#stream = stream;
    this.#unit = unit;
  }

  start(label: string): void {
    this.#label = label;
    this.#done = 0;
    this.#started = performance.now();
  }

  update(done: number): void {
    this.#done = done;
  }

  done(summary?: string): void {
    const seconds = (performance.now() - this.#started) / 1000;
    this.#stream.write(
      `${summary ?? `${this.#label}: ${this.#done} ${this.#unit}`} (${seconds.toFixed(1)}s)\n`,
    );
  }
}

export function progressFor(output: Output, unit: string): Progress {
  return output.interactive ? new BarProgress(output.err, unit) : new LogProgress(output.err, unit);
}
