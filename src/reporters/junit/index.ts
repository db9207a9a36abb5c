import type { Finding } from '../../core/finding.ts';
import type { ScanReport } from '../../core/report.ts';
import {
  compareFindings,
  compareText,
  failsGate,
  formatLocation,
  isVulnerability,
  packageLabel,
  primaryLocation,
  suppressionText,
} from '../common/findings.ts';
import type { RenderOptions, Reporter } from '../reporter.ts';
import { element } from './xml.ts';

/** One test case: a package (or, for secrets and misconfigurations, a rule at a line). */
interface Case {
  readonly name: string;
  /** The ecosystem, or the finding kind for findings that are not about a package. */
  readonly classname: string;
  readonly findings: Finding[];
}

/**
 * JUnit XML for CI test views: a suite per target file, a case per package, and a failure per
 * finding at or above the gate. Findings below the gate or suppressed go to the case's
 * system-out, so the test view still shows them without failing.
 */
export const junitReporter: Reporter = {
  id: 'junit',
  defaultExtension: 'junit.xml',
  render(report, options) {
    const suites = buildSuites(report, options);
    const totals = { tests: 0, failures: 0 };
    const suiteXml = [...suites.keys()].sort(compareText).map((file) => {
      const cases = [...(suites.get(file)?.values() ?? [])].sort((a, b) =>
        compareText(a.name, b.name),
      );
      const failures = cases.reduce(
        (n, c) => n + c.findings.filter((f) => failsGate(f, report.gate)).length,
        0,
      );
      totals.tests += cases.length;
      totals.failures += failures;
      return element(
        'testsuite',
        {
          name: file,
          tests: cases.length,
          failures,
          errors: 0,
          skipped: 0,
          time: '0',
          timestamp: report.startedAt,
        },
        cases.map((c) => testCase(c, report)),
      );
    });
    const root = element(
      'testsuites',
      {
        name: `secflow ${report.target.path}`,
        tests: totals.tests,
        failures: totals.failures,
        errors: 0,
        time: seconds(report),
      },
      suiteXml,
    );
    return `<?xml version="1.0" encoding="UTF-8"?>\n${root.join('\n')}\n`;
  },
};

function seconds(report: ScanReport): string {
  const ms = Date.parse(report.finishedAt) - Date.parse(report.startedAt);
  return Number.isFinite(ms) && ms >= 0 ? (ms / 1000).toFixed(3) : '0';
}

/** file → case key → case; every package is a case, so clean packages show as passing tests. */
function buildSuites(report: ScanReport, options: RenderOptions): Map<string, Map<string, Case>> {
  const suites = new Map<string, Map<string, Case>>();
  const caseFor = (file: string, name: string, classname: string): Case => {
    const suite = suites.get(file) ?? new Map<string, Case>();
    suites.set(file, suite);
    const existing = suite.get(name);
    if (existing !== undefined) return existing;
    const created: Case = { name, classname, findings: [] };
    suite.set(name, created);
    return created;
  };
  for (const pkg of report.packages) {
    const file = pkg.locations[0]?.path ?? report.target.path;
    caseFor(file, packageLabel(pkg), pkg.ecosystem);
  }
  for (const f of report.findings) {
    if (options.includeSuppressed === false && f.suppressed !== undefined) continue;
    const loc = primaryLocation(f);
    const file = loc?.path ?? report.target.path;
    const c = isVulnerability(f)
      ? caseFor(file, packageLabel(f.package), f.package.ecosystem)
      : caseFor(file, `${f.ruleId} at ${loc === undefined ? file : formatLocation(loc)}`, f.kind);
    c.findings.push(f);
  }
  return suites;
}

function testCase(c: Case, report: ScanReport): string[] {
  const findings = [...c.findings].sort(compareFindings);
  const failing = findings.filter((f) => failsGate(f, report.gate));
  const passing = findings.filter((f) => !failsGate(f, report.gate));
  const children = [
    ...failing.map((f) =>
      element('failure', { message: failureMessage(f), type: f.severity.level }, details(f)),
    ),
    ...(passing.length > 0
      ? [element('system-out', {}, passing.map((f) => `${noteFor(f)}\n${details(f)}`).join('\n\n'))]
      : []),
  ];
  return element('testcase', { name: c.name, classname: c.classname, time: '0' }, children);
}

function failureMessage(f: Finding): string {
  const alias =
    isVulnerability(f) && f.advisory.aliases[0] !== undefined ? ` (${f.advisory.aliases[0]})` : '';
  return `${f.ruleId}${alias} [${f.severity.level}]: ${f.title}`;
}

function noteFor(f: Finding): string {
  return f.suppressed === undefined
    ? `Below the gate: ${failureMessage(f)}`
    : `Suppressed (${suppressionText(f)}): ${failureMessage(f)}`;
}

function details(f: Finding): string {
  const loc = primaryLocation(f);
  const lines = [
    `Rule: ${f.ruleId}`,
    `Severity: ${f.severity.level}${f.severity.score === undefined ? '' : ` (CVSS ${f.severity.score})`}`,
    ...(loc === undefined ? [] : [`Location: ${formatLocation(loc)}`]),
  ];
  switch (f.kind) {
    case 'vulnerability':
      lines.push(
        `Package: ${packageLabel(f.package)} (${f.package.ecosystem})`,
        ...(f.advisory.aliases.length > 0 ? [`Aliases: ${f.advisory.aliases.join(', ')}`] : []),
        `Fixed in: ${f.fixedVersions.length > 0 ? f.fixedVersions.join(', ') : 'no fix available'}`,
        ...(f.package.dependencyPath === undefined
          ? []
          : [`Introduced through: ${f.package.dependencyPath.join(' > ')}`]),
        ...(f.advisory.summary === undefined ? [] : [`Summary: ${f.advisory.summary}`]),
        ...f.advisory.references.slice(0, 5).map((r) => `Reference: ${r.url}`),
      );
      break;
    case 'secret':
    case 'default-credential':
      lines.push(`Secret: ${f.redacted}`);
      break;
    case 'misconfiguration':
      lines.push(f.description, `Remediation: ${f.remediation}`);
      break;
    case 'end-of-life':
      lines.push(`Distribution: ${f.distro.id} ${f.distro.release}, end of life ${f.distro.eol}`);
      break;
    default:
      return f satisfies never;
  }
  return lines.join('\n');
}
