import type { Finding, VulnerabilityFinding } from '../../core/finding.ts';
import { type Severity, severityRank } from '../../core/severity.ts';
import { advisorySource } from '../common/advisory-links.ts';
import { compareText, packageLabel } from '../common/findings.ts';

/** SARIF result/rule level for a severity (GitHub shows error/warning/note). */
export function sarifLevel(level: Severity): 'error' | 'warning' | 'note' {
  switch (level) {
    case 'critical':
    case 'high':
      return 'error';
    case 'medium':
    case 'unknown':
      return 'warning';
    case 'low':
    case 'none':
      return 'note';
    default:
      return level satisfies never;
  }
}

const LEVEL_SCORES: Partial<Record<Severity, string>> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '2.0',
};

/**
 * GitHub's `security-severity`: a numeric string it bands like CVSS. The CVSS base score when
 * there is one, else the middle of the level's band; absent for none/unknown.
 */
export function securitySeverity(f: Finding): string | undefined {
  const { score, level } = f.severity;
  if (score !== undefined && score > 0) return score.toFixed(1);
  return LEVEL_SCORES[level];
}

// Advisory details can be long; GitHub shows rule help in a side panel.
const MAX_DETAILS = 4000;

export interface SarifRule {
  readonly id: string;
  readonly name: string;
  readonly shortDescription: { readonly text: string };
  readonly fullDescription: { readonly text: string };
  readonly helpUri?: string;
  readonly help: { readonly text: string; readonly markdown: string };
  readonly defaultConfiguration: { readonly level: 'error' | 'warning' | 'note' };
  readonly properties: {
    readonly tags: readonly string[];
    readonly precision: string;
    readonly 'security-severity'?: string;
  };
}

/** One rule per advisory or check id, described by the worst of its findings. */
export function buildRule(findings: readonly Finding[]): SarifRule {
  const worst = [...findings].sort(
    (a, b) =>
      severityRank(b.severity.level) - severityRank(a.severity.level) ||
      (b.severity.score ?? 0) - (a.severity.score ?? 0),
  )[0];
  if (worst === undefined) throw new Error('buildRule needs at least one finding');
  const severity = securitySeverity(worst);
  const description = describe(worst);
  return {
    id: worst.ruleId,
    name: ruleName(worst),
    shortDescription: { text: oneLineText(worst.title || worst.ruleId) },
    fullDescription: { text: description.full },
    ...(description.helpUri === undefined ? {} : { helpUri: description.helpUri }),
    help: helpFor(worst, findings, description),
    defaultConfiguration: { level: sarifLevel(worst.severity.level) },
    properties: {
      tags: tagsFor(worst),
      precision: worst.kind === 'vulnerability' && worst.verdict === 'unknown' ? 'medium' : 'high',
      ...(severity === undefined ? {} : { 'security-severity': severity }),
    },
  };
}

interface Description {
  readonly full: string;
  /** OSV details are CommonMark already; everything else is plain text to escape. */
  readonly isMarkdown?: boolean;
  readonly helpUri?: string;
  readonly references: readonly string[];
}

function describe(f: Finding): Description {
  switch (f.kind) {
    case 'vulnerability': {
      const a = f.advisory;
      const full = clip(a.details ?? a.summary ?? f.title);
      return {
        full: full === '' ? f.title : full,
        isMarkdown: a.details !== undefined,
        helpUri: advisorySource(a.id).url,
        references: [...new Set(a.references.map((r) => r.url).filter(isWebUrl))],
      };
    }
    case 'misconfiguration': {
      const helpUri = f.helpUri !== undefined && URL.canParse(f.helpUri) ? f.helpUri : undefined;
      return {
        full: clip(f.description),
        ...(helpUri === undefined ? {} : { helpUri }),
        references: helpUri === undefined ? [] : [helpUri],
      };
    }
    case 'end-of-life':
      return {
        full: `${f.distro.id} ${f.distro.release} no longer receives security updates (end of life ${f.distro.eol}).`,
        references: [],
      };
    case 'secret':
    case 'default-credential':
      return { full: f.title, references: [] };
    default:
      return f satisfies never;
  }
}

function helpFor(
  worst: Finding,
  findings: readonly Finding[],
  description: Description,
): SarifRule['help'] {
  const fixes = fixedVersionLines(findings.filter((f) => f.kind === 'vulnerability'));
  const advice = adviceFor(worst);
  const aliases = worst.kind === 'vulnerability' ? worst.advisory.aliases : [];
  const text = [
    `${worst.ruleId}: ${oneLineText(worst.title)}`,
    ...(aliases.length > 0 ? [`Aliases: ${aliases.join(', ')}`] : []),
    '',
    description.full,
    ...(advice === undefined ? [] : ['', advice]),
    ...(fixes.length > 0 ? ['', 'Fixed versions:', ...fixes.map((l) => `- ${l}`)] : []),
    ...(description.references.length > 0
      ? ['', 'References:', ...description.references.map((r) => `- ${r}`)]
      : []),
  ].join('\n');
  const markdown = [
    `**${escapeMarkdown(worst.ruleId)}**: ${escapeMarkdown(oneLineText(worst.title))}`,
    ...(aliases.length > 0 ? ['', `Aliases: ${aliases.map(escapeMarkdown).join(', ')}`] : []),
    '',
    description.isMarkdown === true ? description.full : escapeMarkdown(description.full),
    ...(advice === undefined ? [] : ['', escapeMarkdown(advice)]),
    ...(fixes.length > 0
      ? ['', '**Fixed versions**', '', ...fixes.map((l) => `- ${escapeMarkdown(l)}`)]
      : []),
    ...(description.references.length > 0
      ? ['', '**References**', '', ...description.references.map((r) => `- <${r}>`)]
      : []),
  ].join('\n');
  return { text, markdown };
}

function adviceFor(f: Finding): string | undefined {
  switch (f.kind) {
    case 'misconfiguration':
      return `Remediation: ${f.remediation}`;
    case 'secret':
    case 'default-credential':
      return 'Revoke and rotate the credential, then remove it from the file and its history.';
    case 'end-of-life':
      return 'Move to a supported release of the distribution.';
    default:
      return undefined;
  }
}

/** "lodash (npm) 4.17.20: fixed in 4.17.21" for every package an advisory was found in. */
function fixedVersionLines(findings: readonly Finding[]): string[] {
  const lines = new Set<string>();
  for (const f of findings as readonly VulnerabilityFinding[]) {
    const fixed = f.fixedVersions.length > 0 ? f.fixedVersions.join(', ') : 'no fix available';
    lines.add(`${packageLabel(f.package)} (${f.package.ecosystem}): ${fixed}`);
  }
  return [...lines].sort(compareText);
}

function tagsFor(f: Finding): string[] {
  switch (f.kind) {
    case 'vulnerability':
      return [
        'security',
        'vulnerability',
        f.package.ecosystem.split(':')[0] ?? f.package.ecosystem,
      ];
    case 'secret':
    case 'default-credential':
      return ['security', f.kind];
    case 'misconfiguration':
      return ['security', 'misconfiguration'];
    case 'end-of-life':
      return ['security', 'end-of-life'];
    default:
      return f satisfies never;
  }
}

/** A PascalCase-ish name GitHub shows beside the id. */
function ruleName(f: Finding): string {
  const base = f.kind === 'vulnerability' ? `Vulnerable ${f.package.name}` : f.title;
  const words = oneLineText(base)
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w[0]?.toUpperCase() + w.slice(1));
  return words.join('').slice(0, 100) || 'Finding';
}

function clip(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > MAX_DETAILS ? `${trimmed.slice(0, MAX_DETAILS)}…` : trimmed;
}

function oneLineText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Markdown-significant characters and raw HTML, so advisory text renders as text. */
function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]|~]/g, (ch) => `\\${ch}`);
}

/** Only plain web links go into help text; `javascript:` and friends do not. */
function isWebUrl(url: string): boolean {
  return /^https?:\/\/[^\s<>]+$/i.test(url) && URL.canParse(url);
}
