import { describe, expect, it } from 'vitest';
import { dottedRules } from '../../test/helpers/dotted-scheme.ts';
import { type EcosystemRules, evaluateRecord } from './affected.ts';
import type { OsvEvent, OsvRecord } from './osv.ts';

const rules: EcosystemRules = {
  ...dottedRules,
  normalizeName: (n) => n.toLowerCase().replace(/[-_.]+/g, '-'),
};

function record(events: OsvEvent[], extra: Partial<OsvRecord> = {}): OsvRecord {
  return {
    id: 'TEST-1',
    modified: '2024-01-01T00:00:00Z',
    affected: [
      { package: { ecosystem: 'PyPI', name: 'Pkg_Name' }, ranges: [{ type: 'ECOSYSTEM', events }] },
    ],
    ...extra,
  };
}
const verdict = (r: OsvRecord, version: string, ecosystem = 'PyPI', name = 'pkg-name') =>
  evaluateRecord(r, { ecosystem, name, version }, rules).verdict;

describe('evaluateRecord: the OSV IsVulnerable algorithm', () => {
  const simple = record([{ introduced: '1.0' }, { fixed: '1.5' }]);

  it.each([
    ['0.9', 'not-affected'],
    ['1.0', 'affected'],
    ['1.4.9', 'affected'],
    ['1.5', 'not-affected'], // installed == fixed is not affected
    ['2.0', 'not-affected'],
  ])('introduced 1.0, fixed 1.5: %s is %s', (v, want) => {
    expect(verdict(simple, v)).toBe(want);
  });

  it('treats introduced "0" as before every version', () => {
    expect(verdict(record([{ introduced: '0' }, { fixed: '1.0' }]), '0.0.1')).toBe('affected');
    expect(verdict(record([{ introduced: '0' }]), '999')).toBe('affected');
  });

  it('sorts events, whatever order the record lists them in', () => {
    const shuffled = record([
      { fixed: '2.5' },
      { introduced: '2.0' },
      { fixed: '1.5' },
      { introduced: '1.0' },
    ]);
    expect(['0.5', '1.2', '1.7', '2.1', '3.0'].map((v) => verdict(shuffled, v))).toEqual([
      'not-affected',
      'affected',
      'not-affected',
      'affected',
      'not-affected',
    ]);
  });

  it('includes last_affected itself and nothing above it', () => {
    const r = record([{ introduced: '0' }, { last_affected: '1.11.0' }]);
    expect(verdict(r, '1.11.0')).toBe('affected');
    expect(verdict(r, '1.11.1')).toBe('not-affected');
  });

  it('applies limit events: only versions below some limit are in range', () => {
    const r = record([{ introduced: '1.0' }, { limit: '1.5' }, { limit: '3.0' }]);
    expect(verdict(r, '1.2')).toBe('affected');
    expect(verdict(r, '2.0')).toBe('affected'); // below the 3.0 limit
    expect(verdict(r, '3.0')).toBe('not-affected');
    const star = record([{ introduced: '1.0' }, { limit: '*' }]);
    expect(verdict(star, '100')).toBe('affected');
  });

  it('is affected when any of several ranges says so', () => {
    const r: OsvRecord = {
      id: 'T',
      modified: 'x',
      affected: [
        {
          package: { ecosystem: 'PyPI', name: 'pkg-name' },
          ranges: [
            { type: 'ECOSYSTEM', events: [{ introduced: '1.0' }, { fixed: '1.1' }] },
            { type: 'ECOSYSTEM', events: [{ introduced: '2.0' }, { fixed: '2.1' }] },
          ],
        },
      ],
    };
    expect(verdict(r, '2.0.5')).toBe('affected');
    expect(verdict(r, '1.5')).toBe('not-affected');
  });

  it('matches explicit versions lists, by string or by scheme equality', () => {
    const r: OsvRecord = {
      id: 'T',
      modified: 'x',
      affected: [{ package: { ecosystem: 'PyPI', name: 'pkg-name' }, versions: ['1.0', '1.2'] }],
    };
    expect(verdict(r, '1.2')).toBe('affected');
    expect(verdict(r, '1.0.0')).toBe('affected');
    expect(verdict(r, '1.1')).toBe('not-affected');
  });

  it('reports GIT-only entries as unknown, never as not affected', () => {
    const r: OsvRecord = {
      id: 'T',
      modified: 'x',
      affected: [
        {
          package: { ecosystem: 'PyPI', name: 'pkg-name' },
          ranges: [
            { type: 'GIT', repo: 'https://x', events: [{ introduced: 'abc' }, { fixed: 'def' }] },
          ],
        },
      ],
    };
    const e = evaluateRecord(r, { ecosystem: 'PyPI', name: 'pkg-name', version: '1.0' }, rules);
    expect(e.verdict).toBe('unknown');
    expect(e.entries[0]?.ranges[0]?.evaluable).toBe(false);
  });

  it('lets an evaluable range decide over a GIT range in the same entry', () => {
    const r: OsvRecord = {
      id: 'T',
      modified: 'x',
      affected: [
        {
          package: { ecosystem: 'PyPI', name: 'pkg-name' },
          ranges: [
            { type: 'GIT', repo: 'https://x', events: [{ introduced: 'abc' }] },
            { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.0' }] },
          ],
        },
      ],
    };
    expect(verdict(r, '1.0')).toBe('not-affected');
    expect(verdict(r, '0.9')).toBe('affected');
  });

  it('never matches withdrawn records but still explains them', () => {
    const r = record([{ introduced: '0' }], { withdrawn: '2024-02-01T00:00:00Z' });
    const e = evaluateRecord(r, { ecosystem: 'PyPI', name: 'pkg-name', version: '1.0' }, rules);
    expect(e.verdict).toBe('not-affected');
    expect(e.withdrawn).toBe(true);
    expect(e.entries[0]?.verdict).toBe('affected');
  });

  it('matches names by the ecosystem normalisation and ecosystems by release', () => {
    expect(verdict(simple, '1.2', 'PyPI', 'PKG.NAME')).toBe('affected');
    expect(verdict(simple, '1.2', 'npm', 'pkg-name')).toBe('not-affected');
    const debian: OsvRecord = {
      id: 'DSA-1',
      modified: 'x',
      affected: [
        {
          package: { ecosystem: 'Debian:11', name: 'openssl' },
          ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2' }] }],
        },
      ],
    };
    expect(verdict(debian, '1', 'Debian:11', 'openssl')).toBe('affected');
    expect(verdict(debian, '1', 'Debian:10', 'openssl')).toBe('not-affected');
    expect(verdict(debian, '1', 'Debian', 'openssl')).toBe('affected');
  });

  it('records every comparison for explain', () => {
    const e = evaluateRecord(
      simple,
      { ecosystem: 'PyPI', name: 'pkg-name', version: '1.2' },
      rules,
    );
    expect(e.entries[0]?.ranges[0]?.steps).toEqual([
      { kind: 'introduced', value: '1.0', comparison: 1, vulnerable: true, changed: true },
      { kind: 'fixed', value: '1.5', comparison: -1, vulnerable: true, changed: false },
    ]);
  });

  it('flags versions the scheme cannot parse', () => {
    const e = evaluateRecord(
      simple,
      { ecosystem: 'PyPI', name: 'pkg-name', version: 'banana' },
      rules,
    );
    expect(e.versionValid).toBe(false);
  });
});
