import { describe, expect, it } from 'vitest';
import { inventoryOnly, sampleReport } from '../../test/helpers/report-factory.ts';
import { findReporter, isReporterId, REPORTER_IDS } from './registry.ts';
import type { Reporter } from './reporter.ts';

async function load(id: string): Promise<Reporter> {
  const reporter = await findReporter(id);
  if (reporter === undefined) throw new Error(`no reporter ${id}`);
  return reporter;
}

describe('reporter registry', () => {
  it('maps every format id to the reporter with that id', async () => {
    expect(REPORTER_IDS).toEqual([
      'table',
      'json',
      'sarif',
      'cyclonedx',
      'spdx',
      'markdown',
      'junit',
    ]);
    for (const id of REPORTER_IDS) expect((await load(id)).id).toBe(id);
    expect((await findReporter('sarif'))?.defaultExtension).toBe('sarif');
    expect(await findReporter('xml')).toBeUndefined();
    expect(isReporterId('toString')).toBe(false);
  });

  it('renders every format from a full report and from an inventory-only one', async () => {
    for (const report of [sampleReport(), inventoryOnly(sampleReport())]) {
      for (const id of REPORTER_IDS) {
        const out = (await load(id)).render(report, { color: false });
        expect(out.length, id).toBeGreaterThan(0);
        expect(out.endsWith('\n'), id).toBe(true);
      }
    }
  });
});
