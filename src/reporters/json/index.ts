import type { ScanReport } from '../../core/report.ts';
import { compareText, visibleFindings } from '../common/findings.ts';
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
 * The ScanReport itself (docs/report-schema.json), with a key order that depends only on the
 * data, so two runs over the same input diff cleanly.
 */
export const jsonReporter: Reporter = {
  id: 'json',
  defaultExtension: 'json',
  render(report, options) {
    const shown: ScanReport = { ...report, findings: visibleFindings(report, options) };
    const body = TOP_LEVEL_ORDER.flatMap((key) =>
      shown[key] === undefined
        ? []
        : [`  ${JSON.stringify(key)}: ${indent(JSON.stringify(shown[key], sortedKeys, 2))}`],
    );
    return `{\n${body.join(',\n')}\n}\n`;
  },
};

/** Nest a pretty-printed value one level (two spaces) deeper. */
function indent(json: string): string {
  return json.replace(/\n/g, '\n  ');
}

/**
 * A JSON.stringify replacer that writes every plain object's keys in code-unit order. The
 * report's shape is fixed and shallow, so stringify's own recursion is bounded.
 */
export function sortedKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const source = value as Record<string, unknown>;
  const sorted: Record<string, unknown> = {};
  for (const k of Object.keys(source).sort(compareText)) sorted[k] = source[k];
  return sorted;
}
