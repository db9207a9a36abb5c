import type { Reporter, ReporterId } from './reporter.ts';

/**
 * Every output format by id, loaded on first use so a run pays only for the formats it writes.
 * Adding one is a folder and one line here.
 */
const loaders: Readonly<Record<ReporterId, () => Promise<Reporter>>> = {
  table: async () => (await import('./table/index.ts')).tableReporter,
  json: async () => (await import('./json/index.ts')).jsonReporter,
  sarif: async () => (await import('./sarif/index.ts')).sarifReporter,
  cyclonedx: async () => (await import('./cyclonedx/index.ts')).cyclonedxReporter,
  spdx: async () => (await import('./spdx/index.ts')).spdxReporter,
  markdown: async () => (await import('./markdown/index.ts')).markdownReporter,
  junit: async () => (await import('./junit/index.ts')).junitReporter,
};

export const REPORTER_IDS = Object.keys(loaders) as ReporterId[];

export function isReporterId(id: string): id is ReporterId {
  return Object.hasOwn(loaders, id);
}

/** The reporter for a `--format` value, or undefined for an unknown format. */
export async function findReporter(id: string): Promise<Reporter | undefined> {
  return isReporterId(id) ? loaders[id]() : undefined;
}
