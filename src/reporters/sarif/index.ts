import type { Finding } from '../../core/finding.ts';
import type { SourceLocation } from '../../core/package.ts';
import type { ScanReport } from '../../core/report.ts';
import {
  compareFindings,
  compareText,
  packageLabel,
  primaryLocation,
  suppressionText,
  visibleFindings,
} from '../common/findings.ts';
import { groupBy } from '../common/group-by.ts';
import type { Reporter } from '../reporter.ts';
import { buildRule, sarifLevel } from './rules.ts';

export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** Result locations are relative to this base, which GitHub resolves to the checkout root. */
const SRCROOT = '%SRCROOT%';

/** Key of our fingerprint in `partialFingerprints`; bump the suffix if the recipe changes. */
export const FINGERPRINT_KEY = 'secflow/v1';

/** SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. */
export const sarifReporter: Reporter = {
  id: 'sarif',
  defaultExtension: 'sarif',
  render(report, options) {
    const findings = [...visibleFindings(report, options)].sort(compareFindings);
    const byRule = groupBy(findings, (f) => f.ruleId);
    const ruleIds = [...byRule.keys()].sort(compareText);
    const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
    const log = {
      $schema: SARIF_SCHEMA_URI,
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'secflow',
              version: report.tool.version,
              semanticVersion: report.tool.version,
              rules: ruleIds.map((id) => buildRule(byRule.get(id) ?? [])),
            },
          },
          invocations: [invocation(report)],
          results: findings.map((f) => result(f, ruleIndex.get(f.ruleId) ?? 0, report)),
          columnKind: 'utf16CodeUnits',
          properties: {
            target: report.target.path,
            gate: { failOn: report.gate.failOn, failed: report.gate.failed },
            notCheckable: report.notCheckable.length,
          },
        },
      ],
    };
    return `${JSON.stringify(log, null, 2)}\n`;
  },
};

function invocation(report: ScanReport) {
  return {
    executionSuccessful: true,
    startTimeUtc: report.startedAt,
    endTimeUtc: report.finishedAt,
    toolExecutionNotifications: report.warnings.map((w) => ({
      level: 'warning',
      message: { text: `${w.path}: ${w.message}` },
      descriptor: { id: w.code },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(w.path, report) } }],
    })),
  };
}

function result(f: Finding, ruleIndex: number, report: ScanReport) {
  const loc = primaryLocation(f);
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: sarifLevel(f.severity.level),
    message: { text: messageFor(f) },
    locations: [physicalLocation(loc, report)],
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    ...(f.suppressed === undefined
      ? {}
      : {
          suppressions: [
            { kind: 'external', status: 'accepted', justification: suppressionText(f) },
          ],
        }),
    properties: propertiesFor(f),
  };
}

function physicalLocation(loc: SourceLocation | undefined, report: ScanReport) {
  const line = loc?.line !== undefined && loc.line >= 1 ? loc.line : 1;
  const region: Record<string, number> = { startLine: line };
  if (loc?.column !== undefined && loc.column >= 1) region.startColumn = loc.column;
  if (loc?.endLine !== undefined && loc.endLine >= line) region.endLine = loc.endLine;
  if (loc?.endColumn !== undefined && loc.endColumn >= 1) region.endColumn = loc.endColumn;
  return {
    physicalLocation: {
      artifactLocation: artifactLocation(loc?.path ?? '', report),
      region,
    },
  };
}

function artifactLocation(path: string, report: ScanReport) {
  return { uri: relativeUri(path === '' ? report.target.path : path), uriBaseId: SRCROOT };
}

/**
 * A relative URI reference for a path relative to the scan root: forward slashes, no leading
 * "./" or "/", each segment percent-encoded so spaces, "#" and "?" survive.
 */
export function relativeUri(path: string): string {
  const segments = path
    .replace(/\\/g, '/')
    .replace(/^(?:\.\/|\/)+/, '')
    .split('/')
    .filter((s) => s !== '' && s !== '.');
  return segments.length === 0 ? '.' : segments.map((s) => encodeURIComponent(s)).join('/');
}

function messageFor(f: Finding): string {
  switch (f.kind) {
    case 'vulnerability': {
      const pkg = f.package;
      const aliases = f.advisory.aliases.length > 0 ? ` (${f.advisory.aliases.join(', ')})` : '';
      const subject =
        f.verdict === 'unknown'
          ? `${packageLabel(pkg)} may be affected by ${f.advisory.id}${aliases}`
          : `${packageLabel(pkg)} is affected by ${f.advisory.id}${aliases}`;
      const fix =
        f.fixedVersions.length > 0
          ? `Fixed in ${f.fixedVersions.join(', ')}.`
          : 'No fixed version is available yet.';
      const path =
        pkg.dependencyPath !== undefined && pkg.dependencyPath.length > 1
          ? ` Introduced through ${pkg.dependencyPath.join(' > ')}.`
          : '';
      return `${subject}: ${sentence(f.title)}. ${fix}${path}`;
    }
    case 'secret':
    case 'default-credential': {
      const commit =
        f.commit === undefined
          ? ''
          : ` (commit ${f.commit.sha.slice(0, 12)} by ${f.commit.author})`;
      return `${sentence(f.title)}: ${f.redacted}${commit}. Rotate it and remove it from the code.`;
    }
    case 'misconfiguration':
      return `${sentence(f.title)}: ${sentence(f.description)} ${sentence(f.remediation)}`;
    case 'end-of-life':
      return `${sentence(f.title)}.`;
    default:
      return f satisfies never;
  }
}

function propertiesFor(f: Finding): Record<string, unknown> {
  const common = {
    kind: f.kind,
    severity: f.severity.level,
    ...(f.severity.vector === undefined ? {} : { cvssVector: f.severity.vector }),
  };
  if (f.kind !== 'vulnerability') return common;
  const pkg = f.package;
  return {
    ...common,
    ecosystem: pkg.ecosystem,
    package: pkg.name,
    version: pkg.version,
    ...(pkg.purl === undefined ? {} : { purl: pkg.purl }),
    fixedVersions: f.fixedVersions,
    ...(pkg.direct === undefined ? {} : { direct: pkg.direct }),
  };
}

/** Text as one line without a final full stop, to be joined into a sentence. */
function sentence(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
}
