import { describe, expect, it } from 'vitest';
import { reportViolations } from '../../../test/fixtures/schemas/validators.ts';
import {
  hostileReport,
  inventoryOnly,
  sampleImageReport,
  sampleReport,
} from '../../../test/helpers/report-factory.ts';
import type { ScanReport } from '../../core/report.ts';
import { jsonReporter } from './index.ts';

const render = (report: ScanReport, includeSuppressed = true) =>
  jsonReporter.render(report, { color: false, includeSuppressed });

/** The same object with its keys inserted in reverse order, at every level. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reverseKeys(v)]),
  );
}

describe('json reporter', () => {
  it('writes reports that validate against docs/report-schema.json', () => {
    for (const report of [sampleReport(), sampleImageReport(), inventoryOnly(sampleReport())]) {
      expect(reportViolations(JSON.parse(render(report)))).toEqual([]);
    }
    expect(reportViolations(JSON.parse(render(hostileReport())))).toEqual([]);
  });

  it('is the report itself, losslessly', () => {
    const report = sampleReport();
    expect(JSON.parse(render(report))).toEqual(report);
  });

  it('orders top-level keys by the schema whatever the input order, and is deterministic', () => {
    const report = sampleReport();
    const out = render(report);
    expect(render(sampleReport())).toBe(out);
    const reversed = JSON.parse(render(reverseKeys(report) as ScanReport)) as Record<
      string,
      unknown
    >;
    expect(Object.keys(reversed)).toEqual(Object.keys(JSON.parse(out) as object));
    const parsed = JSON.parse(out) as Record<string, unknown>;
    expect(Object.keys(parsed).slice(0, 5)).toEqual([
      'schemaVersion',
      'tool',
      'startedAt',
      'finishedAt',
      'target',
    ]);
    expect(Object.keys(parsed).at(-1)).toBe('gate');
    expect(out.endsWith('}\n')).toBe(true);
  });

  it('leaves suppressed findings out when asked to', () => {
    const parsed = JSON.parse(render(sampleReport(), false)) as ScanReport;
    expect(parsed.findings.every((f) => f.suppressed === undefined)).toBe(true);
    expect(parsed.findings).toHaveLength(sampleReport().findings.length - 2);
  });

  it('has a schema that actually rejects malformed reports', () => {
    const good = JSON.parse(render(sampleReport())) as Record<string, unknown>;
    const { schemaVersion: _dropped, ...withoutVersion } = good;
    expect(reportViolations(withoutVersion)).not.toEqual([]);
    const findings = good.findings as Record<string, unknown>[];
    const badKind = { ...good, findings: [{ ...findings[0], kind: 'rumour' }] };
    expect(reportViolations(badKind)).not.toEqual([]);
    const extra = { ...good, findings: [{ ...findings[0], surprise: true }] };
    expect(reportViolations(extra)).not.toEqual([]);
    const badSeverity = {
      ...good,
      gate: { ...(good.gate as object), counts: { critical: -1 } },
    };
    expect(reportViolations(badSeverity)).not.toEqual([]);
  });
});
