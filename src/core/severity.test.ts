import { describe, expect, it } from 'vitest';
import type { OsvRecord } from './osv.ts';
import { assessSeverity, levelFromScore, scoreCvssVector, severityRank } from './severity.ts';

const base: OsvRecord = { id: 'X', modified: '2024-01-01T00:00:00Z' };

describe('scoreCvssVector', () => {
  it.each([
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', '3.1', 9.8],
    ['CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', '3.0', 9.8],
    ['CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:L', '3.1', 5.6],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', '4.0', 9.3],
    ['AV:N/AC:L/Au:N/C:P/I:P/A:P', '2.0', 7.5],
    ['(AV:N/AC:L/Au:N/C:P/I:P/A:P)', '2.0', 7.5],
  ])('%s → v%s base %d', (vector, version, score) => {
    expect(scoreCvssVector(vector)).toEqual({ version, base: score });
  });

  it.each(['garbage', '', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:U/A:U', 'CVSS:9.9/AV:N'])(
    'rejects %j',
    (vector) => {
      expect(scoreCvssVector(vector)).toBeUndefined();
    },
  );
});

describe('assessSeverity', () => {
  it('prefers CVSS v4 over v3 and records the source', () => {
    const r: OsvRecord = {
      ...base,
      severity: [
        { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:L' },
        {
          type: 'CVSS_V4',
          score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
        },
      ],
    };
    expect(assessSeverity(r)).toMatchObject({ level: 'critical', score: 9.3, source: 'CVSS_V4' });
  });

  it('skips a malformed vector and falls back to the next', () => {
    const r: OsvRecord = {
      ...base,
      severity: [
        { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:U/A:U' },
        { type: 'CVSS_V2', score: 'AV:N/AC:L/Au:N/C:P/I:P/A:P' },
      ],
    };
    expect(assessSeverity(r)).toMatchObject({ level: 'high', score: 7.5, source: 'CVSS_V2' });
  });

  it('uses package-level severity before the record level', () => {
    const r: OsvRecord = {
      ...base,
      affected: [
        { severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:L' }] },
      ],
    };
    expect(assessSeverity(r, r.affected?.[0])).toMatchObject({
      level: 'medium',
      source: 'CVSS_V3',
    });
  });

  it('falls back to GHSA database_specific severity (MODERATE = medium)', () => {
    expect(assessSeverity({ ...base, database_specific: { severity: 'MODERATE' } })).toEqual({
      level: 'medium',
      source: 'database_specific',
    });
  });

  it('reads Ubuntu priorities and ecosystem_specific severity', () => {
    expect(assessSeverity({ ...base, severity: [{ type: 'Ubuntu', score: 'high' }] })).toEqual({
      level: 'high',
      source: 'Ubuntu',
    });
    const r: OsvRecord = { ...base, affected: [{ ecosystem_specific: { severity: 'low' } }] };
    expect(assessSeverity(r, r.affected?.[0])).toEqual({
      level: 'low',
      source: 'ecosystem_specific',
    });
  });

  it('says unknown when nothing is usable', () => {
    expect(assessSeverity(base)).toEqual({ level: 'unknown', source: 'none' });
  });
});

describe('levels', () => {
  it('follows the FIRST rating scale', () => {
    expect([0, 0.1, 3.9, 4, 6.9, 7, 8.9, 9, 10].map(levelFromScore)).toEqual([
      'none',
      'low',
      'low',
      'medium',
      'medium',
      'high',
      'high',
      'critical',
      'critical',
    ]);
  });
  it('ranks unknown above none and below low', () => {
    expect(severityRank('unknown')).toBeGreaterThan(severityRank('none'));
    expect(severityRank('unknown')).toBeLessThan(severityRank('low'));
  });
});
