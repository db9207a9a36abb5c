import { describe, expect, it } from 'vitest';
import { sarifViolations } from '../../../test/fixtures/schemas/validators.ts';
import {
  hostileReport,
  inventoryOnly,
  sampleImageReport,
  sampleReport,
} from '../../../test/helpers/report-factory.ts';
import type { ScanReport } from '../../core/report.ts';
import { FINGERPRINT_KEY, relativeUri, sarifReporter } from './index.ts';

interface SarifRule {
  id: string;
  helpUri?: string;
  help: { text: string; markdown: string };
  defaultConfiguration: { level: string };
  properties: { 'security-severity'?: string; tags: string[] };
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId: string };
      region: Record<string, number>;
    };
  }[];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: string; status: string; justification: string }[];
}
interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; rules: SarifRule[] } };
    results: SarifResult[];
    invocations: { toolExecutionNotifications: { message: { text: string } }[] }[];
  }[];
}

function render(report: ScanReport = sampleReport(), includeSuppressed = true): SarifLog {
  return JSON.parse(sarifReporter.render(report, { color: false, includeSuppressed })) as SarifLog;
}

function run(report?: ScanReport) {
  const first = render(report).runs[0];
  if (first === undefined) throw new Error('no run');
  return first;
}

function resultFor(report: ScanReport, ruleId: string): SarifResult {
  const found = run(report).results.find((r) => r.ruleId === ruleId);
  if (found === undefined) throw new Error(`no result for ${ruleId}`);
  return found;
}

function ruleFor(report: ScanReport, ruleId: string): SarifRule {
  const found = run(report).tool.driver.rules.find((r) => r.id === ruleId);
  if (found === undefined) throw new Error(`no rule ${ruleId}`);
  return found;
}

describe('sarif reporter', () => {
  it('validates against the SARIF 2.1.0 schema', () => {
    for (const report of [
      sampleReport(),
      sampleImageReport(),
      inventoryOnly(sampleReport()),
      hostileReport(),
    ]) {
      expect(sarifViolations(render(report))).toEqual([]);
    }
  });

  it('matches the reviewed snapshot', async () => {
    await expect(sarifReporter.render(sampleReport(), { color: false })).toMatchFileSnapshot(
      '__snapshots__/sample.sarif',
    );
  });

  it('has one rule per advisory or check id, referenced by index', () => {
    const { tool, results } = run();
    const ids = tool.driver.rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort());
    for (const result of results)
      expect(tool.driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
    expect(ids).toContain('aws-access-key-id');
    expect(ids).toContain('gha/unpinned-action');
  });

  it('puts the CVSS score, or the level band, in security-severity', () => {
    const report = sampleReport();
    expect(ruleFor(report, 'GHSA-jfh8-c2jp-5v3q').properties['security-severity']).toBe('10.0');
    expect(ruleFor(report, 'GHSA-35jh-r3h4-6jhm').properties['security-severity']).toBe('7.2');
    expect(ruleFor(report, 'aws-access-key-id').properties['security-severity']).toBe('9.5');
    expect(ruleFor(report, 'gha/unpinned-action').properties['security-severity']).toBe('5.5');
    expect(ruleFor(sampleImageReport(), 'DSA-5343-1').properties['security-severity']).toBe('8.0');
    expect(ruleFor(report, 'GHSA-67hx-6x53-jw92').properties['security-severity']).toBeUndefined();
  });

  it('maps severities to error, warning and note', () => {
    const report = sampleReport();
    expect(resultFor(report, 'GHSA-jfh8-c2jp-5v3q').level).toBe('error');
    expect(resultFor(report, 'GHSA-29mw-wpgm-hmr9').level).toBe('warning');
    expect(resultFor(report, 'GHSA-67hx-6x53-jw92').level).toBe('warning');
    expect(ruleFor(report, 'GHSA-35jh-r3h4-6jhm').defaultConfiguration.level).toBe('error');
  });

  it('writes rule help with the summary, fixed versions and references', () => {
    const help = ruleFor(sampleReport(), 'GHSA-35jh-r3h4-6jhm').help;
    expect(help.text).toContain('Command Injection in lodash');
    expect(help.text).toContain('lodash@4.17.20 (npm): 4.17.21');
    expect(help.text).toContain('https://nvd.nist.gov/vuln/detail/CVE-2021-23337');
    expect(help.markdown).toContain('**Fixed versions**');
    expect(ruleFor(sampleReport(), 'GHSA-35jh-r3h4-6jhm').helpUri).toBe(
      'https://github.com/advisories/GHSA-35jh-r3h4-6jhm',
    );
  });

  it('locates results relative to the scan root, line 1 when the line is unknown', () => {
    const log4j = resultFor(sampleReport(), 'GHSA-jfh8-c2jp-5v3q').locations[0]?.physicalLocation;
    expect(log4j?.artifactLocation).toEqual({
      uri: 'services/api/pom.xml',
      uriBaseId: '%SRCROOT%',
    });
    expect(log4j?.region).toEqual({ startLine: 37, startColumn: 5 });
    const secret = resultFor(sampleReport(), 'aws-access-key-id').locations[0]?.physicalLocation;
    expect(secret?.region).toEqual({ startLine: 12, startColumn: 18, endLine: 12, endColumn: 38 });
    const deb = resultFor(sampleImageReport(), 'DSA-5343-1').locations[0]?.physicalLocation;
    expect(deb?.artifactLocation.uri).toBe('var/lib/dpkg/status');
    expect(deb?.region).toEqual({ startLine: 1 });
  });

  it('carries the fingerprint and marks suppressed findings as external suppressions', () => {
    const report = sampleReport();
    const minimist = resultFor(report, 'GHSA-xvch-5gv4-984h');
    const expected = report.findings.find((f) => f.ruleId === 'GHSA-xvch-5gv4-984h')?.fingerprint;
    expect(minimist.partialFingerprints).toEqual({ [FINGERPRINT_KEY]: expected });
    expect(minimist.suppressions).toBeUndefined();
    expect(resultFor(report, 'PYSEC-2023-100').suppressions).toEqual([
      {
        kind: 'external',
        status: 'accepted',
        justification:
          'vex: VEX vex/openvex.json: not_affected: validators are never fed user input (vulnerable_code_not_in_execute_path)',
      },
    ]);
    const hidden = render(report, false).runs[0]?.results.map((r) => r.ruleId);
    expect(hidden).not.toContain('PYSEC-2023-100');
  });

  it('says what is affected, how to fix it and how it got in', () => {
    expect(resultFor(sampleReport(), 'GHSA-xvch-5gv4-984h').message.text).toBe(
      'minimist@1.2.5 is affected by GHSA-xvch-5gv4-984h (CVE-2021-44906): Prototype Pollution in minimist. Fixed in 1.2.6. Introduced through mkdirp@0.5.5 > minimist@1.2.5.',
    );
    expect(resultFor(sampleReport(), 'GHSA-67hx-6x53-jw92').message.text).toMatch(
      /may be affected .* No fixed version is available yet\./,
    );
  });

  it('reports scan warnings as tool notifications', () => {
    const notes = run().invocations[0]?.toolExecutionNotifications ?? [];
    expect(notes.map((n) => n.message.text)).toEqual([
      'legacy/yarn.lock: unsupported yarn.lock version 1 syntax',
    ]);
  });

  it('percent-encodes paths into relative URI references', () => {
    expect(relativeUri('dir with space/#hash?query/package-lock.json')).toBe(
      'dir%20with%20space/%23hash%3Fquery/package-lock.json',
    );
    expect(relativeUri('/var/lib/dpkg/status')).toBe('var/lib/dpkg/status');
    expect(relativeUri('./web\\package-lock.json')).toBe('web/package-lock.json');
    expect(relativeUri('')).toBe('.');
    expect(relativeUri('ünï/漢字.txt')).toBe('%C3%BCn%C3%AF/%E6%BC%A2%E5%AD%97.txt');
  });
});
