import type { ScanReport } from '../core/report.ts';

export type ReporterId = 'table' | 'json' | 'sarif' | 'cyclonedx' | 'spdx' | 'markdown' | 'junit';

/** How a report is rendered; only `color` is required so every caller can start simple. */
export interface RenderOptions {
  /** ANSI colours (table only); callers pass false for pipes, files and NO_COLOR. */
  readonly color: boolean;
  /** Show suppressed findings, marked with why (the default); false leaves them out entirely. */
  readonly includeSuppressed?: boolean;
  /** Terminal width in columns, when known; the table truncates titles to fit (else 120). */
  readonly width?: number;
}

/** One output format: a pure function from a finished report to the text written out. */
export interface Reporter {
  readonly id: ReporterId;
  /** File extension for `--output` defaults, without the dot: "sarif", "cdx.json". */
  readonly defaultExtension: string;
  render(report: ScanReport, options: RenderOptions): string;
}
