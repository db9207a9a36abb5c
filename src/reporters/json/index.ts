import type { ScanReport } from '../../core/report.ts';
import { visibleFindings } from '../common/findings.ts';
import type { Reporter } from '../reporter.ts';

/** Top-level keys in the order docs/report-schema.json lists them; nested keys sort by name. */
const TOP_LEVEL_ORDER: readonly (keyof ScanReport)[] = [
  'schemaVersion',
  'tool',
  'startedAt',
  'finishedAt',
  'target',
  'scanners',
  'database',
  'packages',
  'findings',
  'notCheckable',
  'warnings',
  'remediation',
  'gate',
];

/**
 * The ScanReport itself (docs/report-schema.json). Top-level keys follow the schema; nested keys
 * follow construction order, which depends only on the data, so two runs over the same input
 * diff cleanly. One JSON.stringify call: the report can hold hundreds of thousands of objects.
 */
export const jsonReporter: Reporter = {
  id: 'json',
  defaultExtension: 'json',
  render(report, options) {
    const shown: ScanReport = { ...report, findings: visibleFindings(report, options) };
    const ordered = Object.fromEntries(
      TOP_LEVEL_ORDER.flatMap((key) => (shown[key] === undefined ? [] : [[key, shown[key]]])),
    );
    return `${JSON.stringify(ordered, null, 2)}\n`;
  },
};
