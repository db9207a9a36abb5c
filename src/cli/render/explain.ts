import type {
  AffectedTrace,
  Evaluation,
  EventStep,
  PackageQuery,
  RangeTrace,
} from '../../core/affected.ts';
import type { OsvRecord } from '../../core/osv.ts';
import type { SeverityAssessment } from '../../core/severity.ts';
import type { Colors } from '../output.ts';

const relation = (c: -1 | 0 | 1) => (c < 0 ? '<' : c > 0 ? '>' : '=');

/** One event as the pseudocode reads it: the question asked, its answer, and the effect. */
function describeStep(step: EventStep, version: string): string {
  const always = step.kind === 'introduced' && step.value === '0';
  const question =
    step.kind === 'last_affected'
      ? `${version} > ${step.value}?`
      : `${version} >= ${always ? '0 (every version)' : step.value}?`;
  const holds =
    always || (step.kind === 'last_affected' ? step.comparison > 0 : step.comparison >= 0);
  const effect = step.changed
    ? step.vulnerable
      ? 'vulnerable from here'
      : 'not vulnerable from here'
    : `unchanged (${step.vulnerable ? 'vulnerable' : 'not vulnerable'})`;
  return `${step.kind.padEnd(13)} ${step.value.padEnd(20)} ${question} ${holds ? 'yes' : 'no'} → ${effect}`;
}

function describeRange(range: RangeTrace, version: string, c: Colors): string[] {
  const head = `  range ${range.index} (${range.type}${range.repo === undefined ? '' : ` ${range.repo}`})`;
  if (!range.evaluable) {
    return [
      head,
      `    ${c.yellow('not evaluable')}: ${range.type === 'GIT' ? 'GIT ranges name commits; ordering them needs the repository history' : `unknown range type ${range.type}`}`,
    ];
  }
  const lines = [head];
  if (range.limits.length > 0) {
    for (const l of range.limits)
      lines.push(
        `    limit         ${l.value.padEnd(24)} ${version} ${relation(l.comparison)} ${l.value}`,
      );
    if (!range.beforeLimits) {
      lines.push(`    ${version} is not below any limit: outside this range`);
      return lines;
    }
  }
  lines.push('    events sorted by version, evaluated in order (OSV schema "Evaluation"):');
  for (const step of range.steps) lines.push(`    ${describeStep(step, version)}`);
  lines.push(
    `    → ${range.vulnerable ? c.red('vulnerable in this range') : c.green('not vulnerable in this range')}`,
  );
  return lines;
}

function describeEntry(entry: AffectedTrace, version: string, c: Colors): string[] {
  const lines = [`affected[${entry.index}] ${entry.ecosystem}/${entry.name}`];
  for (const range of entry.ranges) lines.push(...describeRange(range, version, c));
  if (entry.versionsCount > 0) {
    lines.push(
      entry.versionsMatch === undefined
        ? `  versions list (${entry.versionsCount} entries): ${version} is not listed`
        : `  versions list (${entry.versionsCount} entries): lists ${entry.versionsMatch} → ${c.red('vulnerable')}`,
    );
  }
  if (entry.ranges.length === 0 && entry.versionsCount === 0) {
    lines.push('  no ranges and no versions: the entry affects nothing');
  }
  return lines;
}

/** The human explanation `secflow explain` prints: every range, event and comparison. */
export function renderExplanation(
  query: PackageQuery,
  record: OsvRecord,
  evaluation: Evaluation,
  severity: SeverityAssessment,
  c: Colors,
): string {
  const verdict =
    evaluation.verdict === 'affected'
      ? c.red(c.bold('AFFECTED'))
      : evaluation.verdict === 'unknown'
        ? c.yellow(c.bold('UNKNOWN'))
        : c.green(c.bold('NOT AFFECTED'));
  const lines = [
    `${query.name}@${query.version} (${query.ecosystem}) × ${record.id}: ${verdict}`,
    `advisory: ${record.summary ?? record.details?.split('\n')[0]?.slice(0, 160) ?? '(no summary)'}`,
  ];
  const aliases = [...(record.aliases ?? []), ...(record.upstream ?? [])];
  if (aliases.length > 0) lines.push(`aliases: ${aliases.join(', ')}`);
  lines.push(
    `severity: ${severity.level}${severity.score === undefined ? '' : ` ${severity.score}`} (from ${severity.source}${severity.vector === undefined ? '' : ` ${severity.vector}`})`,
  );
  if (!evaluation.versionValid) {
    lines.push(
      c.yellow(
        `warning: "${query.version}" is not a valid ${query.ecosystem} version; compared leniently`,
      ),
    );
  }
  if (evaluation.withdrawn) {
    lines.push(c.yellow(`withdrawn on ${record.withdrawn}: withdrawn advisories never match`));
  }
  if (evaluation.entries.length === 0) {
    const named = (record.affected ?? []).map((a) => `${a.package?.ecosystem}/${a.package?.name}`);
    lines.push(
      `the advisory does not name this package; it names: ${named.join(', ') || 'nothing'}`,
    );
  }
  for (const entry of evaluation.entries) lines.push(...describeEntry(entry, query.version, c));
  return `${lines.join('\n')}\n`;
}
