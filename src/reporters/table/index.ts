import pc from 'picocolors';
import type {
  EndOfLifeFinding,
  Finding,
  MisconfigurationFinding,
  SecretFinding,
  VulnerabilityFinding,
} from '../../core/finding.ts';
import type { ScanReport } from '../../core/report.ts';
import type { Severity } from '../../core/severity.ts';
import {
  compareFindings,
  compareText,
  formatLocation,
  packageLabel,
  primaryLocation,
  SEVERITY_ORDER,
  subjectOf,
  suppressionText,
  visibleFindings,
} from '../common/findings.ts';
import { groupBy } from '../common/group-by.ts';
import { oneLine, plural } from '../common/text.ts';
import type { Reporter } from '../reporter.ts';
import { type Cell, type GridStyle, renderGrid } from './grid.ts';

type Colors = ReturnType<typeof pc.createColors>;

const DEFAULT_WIDTH = 120;

/** Human-readable terminal output: findings grouped by file and package, then the verdict. */
export const tableReporter: Reporter = {
  id: 'table',
  defaultExtension: 'txt',
  render(report, options) {
    const c = pc.createColors(options.color);
    const width = Math.max(60, options.width ?? DEFAULT_WIDTH);
    const grid: GridStyle = {
      width,
      indent: 2,
      maxColumnWidth: 48,
      preferredLastColumn: 24,
      minLastColumn: 12,
      paintHeader: c.dim,
      paintHeading: c.underline,
    };
    const shown = visibleFindings(report, options);
    const active = shown.filter((f) => f.suppressed === undefined);
    const suppressed = shown.filter((f) => f.suppressed !== undefined);

    const lines: string[] = [headline(report, c)];
    const vulns = active.filter((f): f is VulnerabilityFinding => f.kind === 'vulnerability');
    lines.push(...vulnerabilitySection(vulns, grid, c));
    lines.push(
      ...section(
        'Secrets',
        ['SEVERITY', 'LOCATION', 'RULE', 'SECRET', 'TITLE'],
        active.filter(
          (f): f is SecretFinding => f.kind === 'secret' || f.kind === 'default-credential',
        ),
        (f) => [
          severityCell(f.severity.level, c),
          { text: locationText(f) },
          { text: f.ruleId },
          { text: f.redacted },
          { text: f.title },
        ],
        grid,
        c,
      ),
      ...section(
        'Misconfigurations',
        ['SEVERITY', 'LOCATION', 'CHECK', 'TITLE'],
        active.filter((f): f is MisconfigurationFinding => f.kind === 'misconfiguration'),
        (f) => [
          severityCell(f.severity.level, c),
          { text: locationText(f) },
          { text: f.ruleId },
          { text: `${f.title} — ${f.remediation}` },
        ],
        grid,
        c,
      ),
      ...section(
        'End of life',
        ['SEVERITY', 'DISTRIBUTION', 'END OF LIFE', 'TITLE'],
        active.filter((f): f is EndOfLifeFinding => f.kind === 'end-of-life'),
        (f) => [
          severityCell(f.severity.level, c),
          { text: `${f.distro.id} ${f.distro.release}` },
          { text: f.distro.eol },
          { text: f.title },
        ],
        grid,
        c,
      ),
      ...suppressedSection(report, suppressed, grid, c),
    );
    if (active.length === 0) lines.push('', c.green('No findings.'));
    lines.push('', ...summary(report, c));
    return `${lines.join('\n')}\n`;
  },
};

function headline(report: ScanReport, c: Colors): string {
  const { target } = report;
  const what = target.image?.reference ?? target.path;
  return c.bold(
    oneLine(
      `secflow ${report.tool.version} · ${target.kind} ${what} · ${plural(report.packages.length, 'package')}`,
    ),
  );
}

function severityCell(level: Severity, c: Colors): Cell {
  const paint: Record<Severity, (s: string) => string> = {
    critical: (s) => c.bold(c.red(s)),
    high: c.red,
    medium: c.yellow,
    low: c.cyan,
    unknown: c.magenta,
    none: c.dim,
  };
  return { text: level.toUpperCase(), paint: paint[level] };
}

function locationText(f: Finding): string {
  const loc = primaryLocation(f);
  return loc === undefined ? '' : formatLocation(loc);
}

function fileOf(f: Finding): string {
  return primaryLocation(f)?.path ?? '(unknown file)';
}

/** One block per target file, rows grouped by package (the package cell shown once). */
function vulnerabilitySection(
  findings: readonly VulnerabilityFinding[],
  grid: GridStyle,
  c: Colors,
): string[] {
  if (findings.length === 0) return [];
  const byFile = groupBy([...findings].sort(compareFindings), fileOf);
  const groups = [...byFile.keys()].sort(compareText).map((file) => {
    const rows: Cell[][] = [];
    // Findings arrive worst first, so packages come in the order of their worst finding.
    for (const [label, group] of groupBy(byFile.get(file) ?? [], (f) => packageLabel(f.package))) {
      group.forEach((f, i) => {
        const alias = f.advisory.aliases[0];
        rows.push([
          severityCell(f.severity.level, c),
          { text: i === 0 ? label : '' },
          { text: alias === undefined ? f.advisory.id : `${f.advisory.id} (${alias})` },
          { text: fixedIn(f) },
          { text: f.verdict === 'unknown' ? `${f.title} [unconfirmed]` : f.title },
        ]);
      });
    }
    return { heading: file, rows };
  });
  return [
    '',
    c.bold(`Vulnerabilities (${findings.length})`),
    ...renderGrid(
      [
        { title: 'SEVERITY', min: 8 },
        { title: 'PACKAGE', min: 12, yield: 1 },
        { title: 'ADVISORY', min: 20 },
        { title: 'FIXED IN', min: 8 },
        'TITLE',
      ],
      groups,
      grid,
    ),
  ];
}

function fixedIn(f: VulnerabilityFinding): string {
  const [first, ...rest] = f.fixedVersions;
  if (first === undefined) return 'no fix';
  return rest.length === 0 ? first : `${first} (+${rest.length})`;
}

function section<T extends Finding>(
  title: string,
  headers: readonly string[],
  findings: readonly T[],
  row: (f: T) => Cell[],
  grid: GridStyle,
  c: Colors,
): string[] {
  if (findings.length === 0) return [];
  const rows = [...findings].sort(compareFindings).map(row);
  return ['', c.bold(`${title} (${findings.length})`), ...renderGrid(headers, [{ rows }], grid)];
}

function suppressedSection(
  report: ScanReport,
  suppressed: readonly Finding[],
  grid: GridStyle,
  c: Colors,
): string[] {
  const total = report.findings.filter((f) => f.suppressed !== undefined).length;
  if (total === 0) return [];
  if (suppressed.length === 0)
    return ['', c.dim(`${plural(total, 'suppressed finding')} not shown.`)];
  const rows = [...suppressed].sort(compareFindings).map((f) => [
    { text: f.ruleId, paint: c.dim },
    { text: subjectOf(f), paint: c.dim },
    { text: suppressionText(f), paint: c.dim },
  ]);
  return [
    '',
    c.bold(`Suppressed (${suppressed.length})`),
    ...renderGrid(['ID', 'SUBJECT', 'WHY'], [{ rows }], grid),
  ];
}

function summary(report: ScanReport, c: Colors): string[] {
  const { gate } = report;
  const counts = SEVERITY_ORDER.filter((s) => s !== 'none' || gate.counts.none > 0).map(
    (s) => `${gate.counts[s]} ${s}`,
  );
  const suppressedCount = report.findings.filter((f) => f.suppressed !== undefined).length;
  const lines = [
    `Findings: ${counts.join(', ')}${suppressedCount > 0 ? ` · ${suppressedCount} suppressed` : ''}`,
  ];
  if (report.notCheckable.length > 0) {
    const reasons = countBy(report.notCheckable.map((s) => s.reason));
    const detail = [...reasons].map(([reason, n]) => `${n} ${reason}`).join(', ');
    lines.push(`Not checkable: ${report.notCheckable.length} (${detail})`);
  } else {
    lines.push('Not checkable: 0');
  }
  lines.push(`Warnings: ${report.warnings.length}`);
  lines.push(gateLine(report, c));
  return lines;
}

function gateLine(report: ScanReport, c: Colors): string {
  const { gate } = report;
  if (gate.failOn === 'none') return `Gate: ${c.dim('off')} (fail-on none)`;
  if (!gate.failed) return `Gate: ${c.green('passed')} (fail-on ${gate.failOn})`;
  const why = gate.reasons.length > 0 ? `: ${oneLine(gate.reasons.join('; '))}` : '';
  return `Gate: ${c.bold(c.red('FAILED'))} (fail-on ${gate.failOn})${why}`;
}

function countBy(items: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
}
