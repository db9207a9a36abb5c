/**
 * Progress of long work, reported by collectors and importers; the CLI renders it as a bar with
 * rate and ETA on a TTY and as quiet log lines in CI (src/cli/progress.ts).
 */
export interface Progress {
  /** Starts a phase; `total` undefined when unknown (a counter without ETA is shown). */
  start(label: string, total?: number): void;
  /** Sets the absolute amount done in the current phase. */
  update(done: number): void;
  /** Ends the phase, printing a final line when the output is a log. */
  done(summary?: string): void;
}

export const silentProgress: Progress = { start() {}, update() {}, done() {} };
