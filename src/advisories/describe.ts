import type { OsvAffected, OsvRange, OsvRecord } from '../core/osv.ts';

/** How text is coloured; identity functions when colour is off. */
export interface Styles {
  readonly bold: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly red: (s: string) => string;
  readonly yellow: (s: string) => string;
}

const MAX_DETAIL_LINES = 12;
const MAX_REFERENCES = 8;

/** "introduced 0, fixed 4.17.12" for one range. */
export function describeRange(range: OsvRange): string {
  const events = range.events.map((event) =>
    Object.entries(event)
      .map(([kind, value]) => `${kind} ${String(value)}`)
      .join(', '),
  );
  return `${range.type}: ${events.join(', ')}`;
}

/** "npm lodash: SEMVER: introduced 0, fixed 4.17.12" and the explicit versions, if any. */
export function describeAffected(affected: OsvAffected): string[] {
  const pkg = affected.package;
  const head = pkg === undefined ? '(no package)' : `${pkg.ecosystem} ${pkg.name}`;
  const ranges = (affected.ranges ?? []).map((r) => `${head}: ${describeRange(r)}`);
  const versions = affected.versions ?? [];
  const listed =
    versions.length === 0
      ? []
      : [
          `${head}: versions ${versions.slice(0, 10).join(', ')}${versions.length > 10 ? `, … (${versions.length} in all)` : ''}`,
        ];
  const lines = [...ranges, ...listed];
  return lines.length > 0 ? lines : [`${head}: every version (no ranges or versions given)`];
}

/** The record's severities as written: CVSS vectors, then database-specific labels. */
export function describeSeverity(record: OsvRecord): string[] {
  const vectors = [
    ...(record.severity ?? []),
    ...(record.affected ?? []).flatMap((a) => a.severity ?? []),
  ].map((s) => `${s.type} ${s.score}`);
  const label = record.database_specific?.severity;
  return [...new Set(vectors), ...(typeof label === 'string' ? [label] : [])];
}

/** A human summary of one record for `secflow db show`. */
export function describeRecord(record: OsvRecord, folder: string, style: Styles): string[] {
  const lines: string[] = [];
  const withdrawn =
    record.withdrawn === undefined ? '' : style.red(` WITHDRAWN ${record.withdrawn}`);
  lines.push(`${style.bold(record.id)}${withdrawn}`);
  if (record.summary !== undefined) lines.push(`  ${record.summary}`);
  const field = (label: string, value: string) =>
    lines.push(`  ${style.dim(label.padEnd(11))}${value}`);
  if ((record.aliases ?? []).length > 0) field('Aliases', (record.aliases ?? []).join(', '));
  if ((record.upstream ?? []).length > 0) field('Upstream', (record.upstream ?? []).join(', '));
  if ((record.related ?? []).length > 0) field('Related', (record.related ?? []).join(', '));
  field('Published', record.published ?? 'unknown');
  field('Modified', record.modified);
  const severity = describeSeverity(record);
  if (severity.length > 0) field('Severity', severity.join('; '));
  field('Folder', folder);
  const affected = (record.affected ?? []).flatMap(describeAffected);
  if (affected.length > 0) {
    lines.push(`  ${style.dim('Affected')}`);
    for (const line of affected) lines.push(`    ${line}`);
  }
  if (record.details !== undefined && record.details.trim() !== '') {
    const details = record.details.trim().split(/\r?\n/);
    lines.push(`  ${style.dim('Details')}`);
    for (const line of details.slice(0, MAX_DETAIL_LINES))
      lines.push(line.trim() === '' ? '' : `    ${line}`);
    if (details.length > MAX_DETAIL_LINES)
      lines.push(
        `    ${style.dim(`… ${details.length - MAX_DETAIL_LINES} more lines (--json shows all)`)}`,
      );
  }
  const references = record.references ?? [];
  if (references.length > 0) {
    lines.push(`  ${style.dim('References')}`);
    for (const ref of references.slice(0, MAX_REFERENCES)) lines.push(`    ${ref.type} ${ref.url}`);
    if (references.length > MAX_REFERENCES)
      lines.push(`    ${style.dim(`… ${references.length - MAX_REFERENCES} more`)}`);
  }
  return lines;
}
