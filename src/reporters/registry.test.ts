import { describe, expect, it } from 'vitest';
import { inventoryOnly, sampleReport } from '../../test/helpers/report-factory.ts';
import { findReporter, isReporterId, REPORTER_IDS, reporters } from './registry.ts';

describe('reporter registry', () => {
  it('maps every format id to the reporter with that id', () => {
    expect(REPORTER_IDS).toEqual([
      'table',
      'json',
      'sarif',
      'cyclonedx',
      'spdx',
      'markdown',
      'junit',
    ]);
    for (const id of REPORTER_IDS) expect(reporters[id].id).toBe(id);
    expect(findReporter('sarif')?.defaultExtension).toBe('sarif');
    expect(findReporter('xml')).toBeUndefined();
    expect(isReporterId('toString')).toBe(false);
  });

  it('renders every format from a full report and from an inventory-only one', () => {
    for (const report of [sampleReport(), inventoryOnly(sampleReport())]) {
      for (const id of REPORTER_IDS) {
        const out = reporters[id].render(report, { color: false });
        expect(out.length, id).toBeGreaterThan(0);
        expect(out.endsWith('\n'), id).toBe(true);
      }
    }
  });
});
