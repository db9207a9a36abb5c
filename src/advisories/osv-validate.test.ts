import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { osvEcosystems, osvViolation } from './osv-validate.ts';
import { sampleRecords, upstreamInvalidRecord } from './testing/osv-layout.ts';
import { generatedValidatorPath, osvValidatorSource } from './testing/osv-validator-source.ts';

describe('osvViolation', () => {
  it('accepts every shared sample record, x_ ids included', () => {
    const samples = sampleRecords();
    expect(samples).toHaveLength(20);
    for (const { record } of samples) expect(osvViolation(record), record.id).toBeUndefined();
    expect(samples.map((s) => s.record.id)).toContain('x_NSWG-ECO-1');
  });

  it('rejects an upstream record whose GIT range names a short commit', () => {
    const { record } = upstreamInvalidRecord();
    expect(osvViolation(record)).toBe(
      '/affected/0/ranges/0/events/1/fixed must match pattern "^([0-9a-f]{40}|[0-9a-f]{64})$"',
    );
  });

  it('accepts full SHA-1 commits and introduced "0" in GIT ranges', () => {
    const record = {
      id: 'OSV-2024-1',
      modified: '2024-01-01T00:00:00Z',
      affected: [
        {
          ranges: [
            {
              type: 'GIT',
              repo: 'https://example.com/repo',
              events: [{ introduced: '0' }, { fixed: 'a'.repeat(40) }],
            },
          ],
        },
      ],
    };
    expect(osvViolation(record)).toBeUndefined();
  });

  it.each([
    ['not an object', 'GHSA-1', '/ must be object'],
    ['no modified', { id: 'GHSA-xxxx-xxxx-xxxx' }, "/ must have required property 'modified'"],
    [
      'an unregistered id prefix',
      { id: 'NOPE-1', modified: '2024-01-01T00:00:00Z' },
      '/id must match pattern',
    ],
    ['a bad timestamp', { id: 'GHSA-1', modified: 'yesterday' }, '/modified must match pattern'],
    [
      'an unknown top-level field',
      { id: 'GHSA-1', modified: '2024-01-01T00:00:00Z', extra: 1 },
      '/ must NOT have additional properties',
    ],
  ])('rejects %s', (_label, value, message) => {
    expect(osvViolation(value)).toContain(message);
  });

  it('runs the validator generated from the vendored schemas, not a stale one', () => {
    const fresh = readFileSync(generatedValidatorPath, 'utf8') === osvValidatorSource();
    expect(fresh, 'rerun `npx tsx src/advisories/testing/osv-validator-source.ts`').toBe(true);
  });

  it('lists the OSV ecosystems', () => {
    expect(osvEcosystems).toEqual(
      expect.arrayContaining(['PyPI', 'Debian', 'crates.io', 'Red Hat']),
    );
  });
});
