import { describe, expect, it } from 'vitest';
import type { Finding, VulnerabilityFinding } from './finding.ts';
import { applyIgnores, evaluateGate, type IgnoreRule } from './policy.ts';
import type { Severity } from './severity.ts';

function vuln(
  id: string,
  level: Severity,
  extra: Partial<VulnerabilityFinding> = {},
): VulnerabilityFinding {
  return {
    kind: 'vulnerability',
    fingerprint: id,
    ruleId: id,
    title: id,
    severity: { level, source: 'none' },
    locations: [{ path: 'apps/web/package-lock.json' }],
    advisory: { id, aliases: [`CVE-${id}`], modified: 'x', references: [] },
    package: {
      ecosystem: 'npm',
      name: 'lodash',
      version: '4.17.20',
      purl: 'pkg:npm/lodash@4.17.20',
      locations: [],
    },
    verdict: 'affected',
    fixedVersions: [],
    ...extra,
  };
}
const now = new Date('2026-06-15T12:00:00Z');

describe('applyIgnores', () => {
  it('matches by id or alias, optionally scoped by package and path', () => {
    const rules: IgnoreRule[] = [
      { id: 'cve-A', reason: 'not reachable' },
      { id: 'B', package: 'pkg:npm/lodash', path: 'apps/web/**', reason: 'scoped' },
      { id: 'C', package: 'left-pad', reason: 'other package' },
    ];
    const out = applyIgnores([vuln('A', 'high'), vuln('B', 'high'), vuln('C', 'high')], rules, now);
    expect(out.findings.map((f) => f.suppressed?.reason)).toEqual([
      'not reachable',
      'scoped',
      undefined,
    ]);
    expect(out.unused.map((r) => r.id)).toEqual(['C']);
  });

  it('stops applying expired waivers and reports them', () => {
    const rules: IgnoreRule[] = [
      { id: 'A', reason: 'until the fix ships', expires: '2026-06-14' },
      { id: 'B', reason: 'last day still counts', expires: '2026-06-15' },
    ];
    const out = applyIgnores([vuln('A', 'high'), vuln('B', 'high')], rules, now);
    expect(out.findings.map((f) => f.suppressed?.by)).toEqual([undefined, 'ignore']);
    expect(out.expired.map((r) => r.id)).toEqual(['A']);
  });
});

describe('evaluateGate', () => {
  const findings: Finding[] = [
    vuln('A', 'critical'),
    vuln('B', 'high'),
    vuln('C', 'unknown'),
    vuln('D', 'critical', { suppressed: { by: 'vex', reason: 'not_affected' } }),
  ];

  it.each([
    ['none', false, []],
    ['critical', true, ['1 critical finding']],
    ['high', true, ['1 critical finding', '1 high finding']],
    ['medium', true, ['1 critical finding', '1 high finding', '1 medium finding']],
  ] as const)('--fail-on %s', (failOn, failed, reasons) => {
    const gate = evaluateGate(findings, { failOn, unknownSeverityAs: 'medium' });
    expect(gate.failed).toBe(failed);
    expect(gate.reasons).toEqual(reasons);
  });

  it('counts only unsuppressed findings', () => {
    const gate = evaluateGate(findings, { failOn: 'critical', unknownSeverityAs: 'medium' });
    expect(gate.counts).toEqual({ none: 0, unknown: 1, low: 0, medium: 0, high: 1, critical: 1 });
  });
});
