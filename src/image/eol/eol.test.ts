import { describe, expect, it } from 'vitest';
import { endOfLifeFinding, releaseLife } from './eol.ts';
import data from './eol-data.json' with { type: 'json' };

describe('end of life', () => {
  const bullseye = { id: 'debian', versionId: '11' };

  it('flags a release only after its end-of-life day', () => {
    expect(
      endOfLifeFinding(bullseye, new Date('2026-08-31T12:00:00Z'), 'etc/os-release'),
    ).toBeUndefined();
    const finding = endOfLifeFinding(bullseye, new Date('2026-09-01T00:00:00Z'), 'etc/os-release');
    expect(finding).toMatchObject({
      kind: 'end-of-life',
      ruleId: 'distro-end-of-life',
      fingerprint: 'end-of-life:debian:11',
      distro: { id: 'debian', release: '11', eol: '2026-08-31' },
      locations: [{ path: 'etc/os-release' }],
    });
    expect(finding?.title).toContain('Debian 11 (bullseye)');
  });

  it('keys releases the way each distribution numbers them', () => {
    expect(releaseLife({ id: 'alpine', versionId: '3.18.4' })?.eol).toBe('2025-05-09');
    expect(releaseLife({ id: 'ubuntu', versionId: '20.04' })?.extendedEnd).toBe('2030-04-23');
    expect(releaseLife({ id: 'rocky', versionId: '8.9' })?.eol).toBe('2029-05-31');
    expect(releaseLife({ id: 'centos', versionId: '8', prettyName: 'CentOS Stream 8' })?.eol).toBe(
      '2024-05-31',
    );
    expect(releaseLife({ id: 'centos', versionId: '8', prettyName: 'CentOS Linux 8' })?.eol).toBe(
      '2021-12-31',
    );
    expect(releaseLife({ id: 'debian' })).toBeUndefined();
    expect(releaseLife({ id: 'gentoo', versionId: '2.14' })).toBeUndefined();
  });

  it('ships well-formed data with a source for every distribution', () => {
    for (const [id, life] of Object.entries(data.distros)) {
      expect(life.sources.length, id).toBeGreaterThan(0);
      for (const [release, r] of Object.entries(life.releases as Record<string, { eol: string }>)) {
        expect(r.eol, `${id} ${release}`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(Number.isNaN(Date.parse(r.eol)), `${id} ${release}`).toBe(false);
      }
    }
  });
});
