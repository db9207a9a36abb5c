import type { Finding, VulnerabilityFinding } from '../../core/finding.ts';
import type { Remediation, ScanReport } from '../../core/report.ts';
import type { Severity } from '../../core/severity.ts';
import {
  compareFindings,
  compareText,
  formatLocation,
  isVulnerability,
  packageLabel,
  primaryLocation,
  SEVERITY_ORDER,
  subjectOf,
  suppressionText,
  visibleFindings,
} from '../common/findings.ts';
import { groupBy } from '../common/group-by.ts';
import { remediationLookup } from '../common/remediation.ts';
import { plural } from '../common/text.ts';
import type { Reporter } from '../reporter.ts';
import { code, inline } from './escape.ts';

/** GitHub rejects issue and pull-request comments longer than this many characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;
/** Longer tables fold into a <details> block so the comment stays readable. */
const FOLD_ROWS = 10;
const MAX_REMEDIATION_ITEMS = 25;

const ICONS: Record<Severity, string> = {
  critical: '🔴',
  high: '🟠',
  medium: '🟡',
  low: '🔵',
  unknown: '⚪',
  none: '⚪',
};

/** A pull-request comment: verdict, counts, what to upgrade, then the findings. */
export const markdownReporter: Reporter = {
  id: 'markdown',
  defaultExtension: 'md',
  render(report, options) {
    const shown = visibleFindings(report, options);
    const active = [...shown.filter((f) => f.suppressed === undefined)].sort(compareFindings);
    const suppressed = [...shown.filter((f) => f.suppressed !== undefined)].sort(compareFindings);
    const vulns = active.filter(isVulnerability);
    const others = active.filter((f) => !isVulnerability(f));
    const footer = footerLines(report);

    const budget = new Budget(GITHUB_COMMENT_LIMIT - joinLength(footer) - 1);
    budget.add(...headline(report), '', ...severityTable(report), '');
    budget.add(...remediationLines(report, vulns));
    budget.addTable(
      `Vulnerabilities (${vulns.length})`,
      ['Severity', 'Package', 'Advisory', 'Fixed in', 'File', 'Title'],
      vulns.map(vulnerabilityRow),
    );
    budget.addTable(
      `Other findings (${others.length})`,
      ['Severity', 'Kind', 'Location', 'Rule', 'Title'],
      others.map(otherRow),
    );
    if (suppressed.length > 0) {
      budget.addTable(
        `Suppressed (${suppressed.length})`,
        ['Advisory / rule', 'Subject', 'Why'],
        suppressed.map((f) => [code(f.ruleId), code(subjectOf(f)), inline(suppressionText(f))]),
        true,
      );
    }
    return `${[...budget.lines, ...footer].join('\n')}\n`;
  },
};

function joinLength(lines: readonly string[]): number {
  return lines.reduce((n, l) => n + l.length + 1, 0);
}

/** Collects lines up to a character budget; tables past it are cut with a note. */
class Budget {
  readonly lines: string[] = [];
  private used = 0;
  private readonly limit: number;

  constructor(limit: number) {
    this.limit = limit;
  }

  private fits(line: string, reserve = 0): boolean {
    return this.used + line.length + 1 + reserve <= this.limit;
  }

  private push(line: string): void {
    this.lines.push(line);
    this.used += line.length + 1;
  }

  add(...lines: string[]): void {
    for (const line of lines) {
      if (!this.fits(line)) return;
      this.push(line);
    }
  }

  addTable(title: string, headers: readonly string[], rows: readonly string[][], fold = false) {
    if (rows.length === 0) return;
    const folded = fold || rows.length > FOLD_ROWS;
    const open = folded
      ? [`<details><summary><b>${title}</b></summary>`, '']
      : [`### ${title}`, ''];
    const close = folded ? ['', '</details>', ''] : [''];
    const head = [`| ${headers.join(' | ')} |`, `|${headers.map(() => ' --- ').join('|')}|`];
    const cutNote = (n: number) =>
      `| _${n} more not shown: GitHub comments are limited to ${GITHUB_COMMENT_LIMIT} characters; see the JSON or SARIF report._ |`;
    const reserve = joinLength(close) + cutNote(rows.length).length + 1;
    if (!this.fits([...open, ...head].join('\n'), reserve)) return;
    for (const line of [...open, ...head]) this.push(line);
    let written = 0;
    for (const row of rows) {
      const line = `| ${row.join(' | ')} |`;
      if (!this.fits(line, reserve)) break;
      this.push(line);
      written += 1;
    }
    if (written < rows.length) this.push(cutNote(rows.length - written));
    for (const line of close) this.push(line);
  }
}

function headline(report: ScanReport): string[] {
  const { gate } = report;
  const active = report.findings.filter((f) => f.suppressed === undefined).length;
  const scope = `${plural(report.packages.length, 'package')} in ${code(report.target.image?.reference ?? report.target.path)}`;
  if (gate.failOn === 'none') {
    return [`## ℹ️ secflow: ${plural(active, 'finding')}`, '', `Scanned ${scope}; no gate set.`];
  }
  if (gate.failed) {
    const why =
      gate.reasons.length > 0
        ? inline(gate.reasons.join('; '))
        : 'findings at or above the threshold';
    return [`## ❌ secflow: gate failed (fail-on ${gate.failOn})`, '', `${why}. Scanned ${scope}.`];
  }
  return [
    `## ✅ secflow: gate passed (fail-on ${gate.failOn})`,
    '',
    `${active === 0 ? 'No findings' : `${plural(active, 'finding')}, none at or above ${gate.failOn}`}. Scanned ${scope}.`,
  ];
}

function severityTable(report: ScanReport): string[] {
  const rows = SEVERITY_ORDER.filter((s) => s !== 'none' || report.gate.counts.none > 0).map(
    (s) => `| ${ICONS[s]} ${s[0]?.toUpperCase()}${s.slice(1)} | ${report.gate.counts[s]} |`,
  );
  return ['| Severity | Findings |', '| :-- | --: |', ...rows];
}

/** The direct dependency to upgrade for a plan: itself, or the one that pulls it in. */
function directOf(plan: Remediation): string {
  return plan.viaDirect ?? packageLabel(plan.package);
}

function remediationLines(report: ScanReport, vulns: readonly VulnerabilityFinding[]): string[] {
  const plans = report.remediation.filter(
    (r) => r.fixedVersion !== undefined && r.fixes.length > 0,
  );
  if (plans.length === 0 || vulns.length === 0) return [];
  const planFor = remediationLookup(plans);
  const fixed = vulns.filter((f) => planFor(f.package, f.advisory.id) !== undefined).length;
  const byDirect = groupBy(plans, directOf);
  const directs = [...byDirect.keys()].sort(compareText);
  const items = directs.slice(0, MAX_REMEDIATION_ITEMS).map((direct) => {
    const group = byDirect.get(direct) ?? [];
    const parts = group.map((plan) => {
      const fixes = plan.fixes.map(inline).join(', ');
      const to = `**${inline(plan.fixedVersion ?? '')}**`;
      return plan.viaDirect === undefined
        ? `→ ${to} (fixes ${fixes})`
        : `so it pulls ${code(plan.package.name)} ${to} or later instead of ${inline(plan.package.version)} (fixes ${fixes})`;
    });
    return `- ${code(direct)} ${parts.join('; ')}`;
  });
  const more =
    directs.length > MAX_REMEDIATION_ITEMS
      ? [`- … and ${directs.length - MAX_REMEDIATION_ITEMS} more`]
      : [];
  return [
    '### Remediation',
    '',
    `Upgrade ${directs.length === 1 ? 'this direct dependency' : `these ${directs.length} direct dependencies`} to fix ${fixed} of ${plural(vulns.length, 'vulnerability finding')}:`,
    '',
    ...items,
    ...more,
    '',
  ];
}

function severityCell(f: Finding): string {
  const score = f.severity.score === undefined ? '' : ` ${f.severity.score.toFixed(1)}`;
  return `${ICONS[f.severity.level]} ${f.severity.level}${score}`;
}

function vulnerabilityRow(f: VulnerabilityFinding): string[] {
  const alias = f.advisory.aliases[0];
  const loc = primaryLocation(f);
  return [
    severityCell(f),
    code(packageLabel(f.package)),
    alias === undefined ? inline(f.advisory.id) : `${inline(f.advisory.id)} (${inline(alias)})`,
    f.fixedVersions.length > 0 ? f.fixedVersions.map(code).join(', ') : 'no fix',
    loc === undefined ? '' : code(formatLocation(loc)),
    inline(f.verdict === 'unknown' ? `${f.title} (unconfirmed)` : f.title),
  ];
}

function otherRow(f: Finding): string[] {
  const loc = primaryLocation(f);
  const title =
    f.kind === 'secret' || f.kind === 'default-credential'
      ? `${f.title}: ${f.redacted}`
      : f.kind === 'misconfiguration'
        ? `${f.title}. ${f.remediation}`
        : f.title;
  return [
    severityCell(f),
    f.kind,
    loc === undefined ? '' : code(formatLocation(loc)),
    code(f.ruleId),
    inline(title),
  ];
}

function footerLines(report: ScanReport): string[] {
  return [
    `<sub>secflow ${inline(report.tool.version)} · not checkable: ${report.notCheckable.length} · warnings: ${report.warnings.length}</sub>`,
  ];
}
