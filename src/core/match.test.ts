import { describe, expect, it } from 'vitest';
import { dottedRules } from '../../test/helpers/dotted-scheme.ts';
import { type AdvisoryLookup, MemoizedLookup, matchPackages } from './match.ts';
import type { OsvRecord } from './osv.ts';
import type { PackageRef } from './package.ts';
import { planRemediation, summarizeRemediation } from './remediation.ts';

const rec = (
  id: string,
  name: string,
  events: object[],
  extra: Partial<OsvRecord> = {},
): OsvRecord => ({
  id,
  modified: '2024-01-01T00:00:00Z',
  affected: [{ package: { ecosystem: 'npm', name }, ranges: [{ type: 'SEMVER', events }] }],
  ...extra,
});

function lookupOf(records: OsvRecord[]): AdvisoryLookup {
  return {
    recordsFor: (_eco, name) =>
      records.filter(
        (r) => r.withdrawn === undefined && r.affected?.some((a) => a.package?.name === name),
      ),
  };
}
const rulesFor = (eco: string) =>
  eco === 'npm' || eco.startsWith('Debian') ? dottedRules : undefined;
const pkg = (name: string, version: string, extra: Partial<PackageRef> = {}): PackageRef => ({
  ecosystem: 'npm',
  name,
  version,
  locations: [{ path: 'package-lock.json', line: 3 }],
  ...extra,
});

describe('matchPackages', () => {
  const records = [
    rec('GHSA-aaaa', 'lib', [{ introduced: '0' }, { fixed: '1.5' }], {
      aliases: ['CVE-2024-1'],
      database_specific: { severity: 'HIGH' },
    }),
    rec('CVE-2024-1', 'lib', [{ introduced: '0' }, { fixed: '1.4' }], {
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
    }),
    rec('GHSA-bbbb', 'lib', [{ introduced: '1.2' }, { fixed: '2.0' }], {
      database_specific: { severity: 'LOW' },
    }),
    rec('GHSA-cccc', 'lib', [{ introduced: '0' }], { withdrawn: '2024-01-02T00:00:00Z' }),
  ];

  it('merges records that alias each other into one finding with the most severe rating', () => {
    const { findings } = matchPackages([pkg('lib', '1.3')], lookupOf(records), rulesFor);
    expect(
      findings.map((f) => [f.ruleId, f.advisory.aliases, f.severity.level, f.fixedVersions]),
    ).toEqual([
      ['GHSA-aaaa', ['CVE-2024-1'], 'critical', ['1.4', '1.5']],
      ['GHSA-bbbb', [], 'low', ['2.0']],
    ]);
  });

  it('does not match installed == fixed, and reports unpinned and unsupported packages', () => {
    const result = matchPackages(
      [pkg('lib', '2.0'), pkg('lib', ''), pkg('x', '1', { ecosystem: 'Nix' })],
      lookupOf(records),
      rulesFor,
    );
    expect(result.findings).toEqual([]);
    expect(result.notCheckable.map((s) => s.reason)).toEqual(['unpinned', 'unsupported']);
  });

  it('matches distribution packages by source package and source version', () => {
    const dsa: OsvRecord = {
      id: 'DSA-1',
      modified: 'x',
      affected: [
        {
          package: { ecosystem: 'Debian:11', name: 'openssl' },
          ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.2' }] }],
        },
      ],
    };
    const lookup: AdvisoryLookup = { recordsFor: (_e, name) => (name === 'openssl' ? [dsa] : []) };
    const binary = pkg('libssl1.1', '1.1', {
      ecosystem: 'Debian:11',
      source: { name: 'openssl', version: '1.1' },
    });
    expect(matchPackages([binary], lookup, rulesFor).findings.map((f) => f.ruleId)).toEqual([
      'DSA-1',
    ]);
    const fixed = { ...binary, source: { name: 'openssl', version: '1.2' } };
    expect(matchPackages([fixed], lookup, rulesFor).findings).toEqual([]);
  });

  it('gives findings stable fingerprints', () => {
    const a = matchPackages([pkg('lib', '1.3')], lookupOf(records), rulesFor).findings;
    const b = matchPackages([pkg('lib', '1.3')], lookupOf(records), rulesFor).findings;
    expect(a.map((f) => f.fingerprint)).toEqual(b.map((f) => f.fingerprint));
    expect(new Set(a.map((f) => f.fingerprint)).size).toBe(a.length);
  });
});

describe('planRemediation', () => {
  it('finds the lowest version clearing every advisory, re-checking each candidate', () => {
    // 1.5 fixes A but sits inside B's range [1.2, 2.0); only 2.0 clears both.
    const records = [
      rec('A', 'lib', [{ introduced: '0' }, { fixed: '1.5' }]),
      rec('B', 'lib', [{ introduced: '1.2' }, { fixed: '2.0' }]),
    ];
    const lookup = lookupOf(records);
    const { findings } = matchPackages([pkg('lib', '1.3', { direct: true })], lookup, rulesFor);
    const [plan] = planRemediation(findings, lookup, rulesFor);
    expect(plan).toMatchObject({ fixes: ['A', 'B'], unfixed: [], fixedVersion: '2.0' });
    // Version 1.x has no clear release: the only fix is a major upgrade.
    expect(plan?.fixedVersionSameMajor).toBeUndefined();
  });

  it('prefers a fix within the current major when one exists, and names the direct dependency', () => {
    const records = [
      rec('A', 'lib', [
        { introduced: '0' },
        { fixed: '1.9' },
        { introduced: '2.0' },
        { fixed: '2.1' },
      ]),
      rec('C', 'lib', [{ introduced: '0' }]),
    ];
    const lookup = lookupOf(records);
    const transitive = pkg('lib', '1.3', {
      direct: false,
      dependencyPath: ['app-dep@3.0.0', 'lib@1.3'],
    });
    const { findings } = matchPackages([transitive], lookup, rulesFor);
    const plans = planRemediation(findings, lookup, rulesFor);
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatchObject({ fixes: ['A'], unfixed: ['C'], viaDirect: 'app-dep@3.0.0' });
    // C is unfixed everywhere, so no version clears everything.
    expect(plans[0]?.fixedVersion).toBeUndefined();
    expect(summarizeRemediation(plans)).toEqual({
      directUpgrades: [],
      fixableFindings: 0,
      totalFindings: 2,
    });
  });

  it('summarises upgrades of direct dependencies', () => {
    const records = [
      rec('A', 'lib', [{ introduced: '0' }, { fixed: '1.9' }]),
      rec('D', 'other', [{ introduced: '0' }, { fixed: '5' }]),
    ];
    const lookup = lookupOf(records);
    const { findings } = matchPackages(
      [
        pkg('lib', '1.3', { dependencyPath: ['top@1', 'lib@1.3'] }),
        pkg('other', '4', { direct: true }),
      ],
      lookup,
      rulesFor,
    );
    const plans = planRemediation(findings, lookup, rulesFor);
    expect(plans.map((p) => [p.package.name, p.fixedVersion, p.fixedVersionSameMajor])).toEqual([
      ['lib', '1.9', '1.9'],
      ['other', '5', undefined],
    ]);
    expect(summarizeRemediation(plans)).toEqual({
      directUpgrades: ['other@4', 'top@1'],
      fixableFindings: 2,
      totalFindings: 2,
    });
  });
});

describe('MemoizedLookup', () => {
  it('lets matching and remediation planning share one fetch per package', () => {
    const records = [rec('GHSA-aaaa', 'lib', [{ introduced: '0' }, { fixed: '1.5' }])];
    const inner = lookupOf(records);
    const asked: string[] = [];
    const counting: AdvisoryLookup = {
      recordsFor: (eco, name) => {
        asked.push(`${eco}/${name}`);
        return inner.recordsFor(eco, name);
      },
    };
    const lookup = new MemoizedLookup(counting);
    const packages = [pkg('lib', '1.0'), pkg('lib', '1.1'), pkg('other', '1.0')];
    const { findings } = matchPackages(packages, lookup, rulesFor);
    const plans = planRemediation(findings, lookup, rulesFor);
    expect(plans.map((p) => p.fixedVersion)).toEqual(['1.5', '1.5']);
    expect(asked).toEqual(['npm/lib', 'npm/other']);
  });
});
