import { cyclonedxReporter } from './cyclonedx/index.ts';
import { jsonReporter } from './json/index.ts';
import { junitReporter } from './junit/index.ts';
import { markdownReporter } from './markdown/index.ts';
import type { Reporter, ReporterId } from './reporter.ts';
import { sarifReporter } from './sarif/index.ts';
import { spdxReporter } from './spdx/index.ts';
import { tableReporter } from './table/index.ts';

/** Every output format by id. Adding one is a folder and one line here. */
export const reporters: Readonly<Record<ReporterId, Reporter>> = {
  table: tableReporter,
  json: jsonReporter,
  sarif: sarifReporter,
  cyclonedx: cyclonedxReporter,
  spdx: spdxReporter,
  markdown: markdownReporter,
  junit: junitReporter,
};

export const REPORTER_IDS = Object.keys(reporters) as ReporterId[];

export function isReporterId(id: string): id is ReporterId {
  return Object.hasOwn(reporters, id);
}

/** The reporter for a `--format` value, or undefined for an unknown format. */
export function findReporter(id: string): Reporter | undefined {
  return isReporterId(id) ? reporters[id] : undefined;
}
