/** The work behind `secflow explain`; loaded on demand by explain.ts. */

import { evaluateRecord, type PackageQuery } from '../../core/affected.ts';
import { SecflowError } from '../../core/errors.ts';
import { assessSeverity } from '../../core/severity.ts';
import { rulesFor } from '../../ecosystems/rules.ts';
import { packageFromPurl } from '../../sbom/purl.ts';
import { openAdvisoryDb } from '../../store/advisory-db.ts';
import { advisoryDbPath } from '../../store/location.ts';
import type { CliContext } from '../context.ts';
import { ExitCode } from '../exit-codes.ts';
import { colors } from '../output.ts';
import { parsePackageQuery } from '../package-query.ts';
import { renderExplanation } from '../render/explain.ts';

const usageHint =
  'e.g. secflow explain pkg:npm/lodash@4.17.15 GHSA-35jh-r3h4-6jhm, or PyPI/django@3.2.0 CVE-2021-33203';

/** "pkg:npm/lodash@4.17.15", "PyPI/django@3.2.0", "npm/@babel/core@7.0.0" → ecosystem, name, version. */
export function parseVersionedPackage(text: string): PackageQuery {
  const trimmed = text.trim();
  if (/^pkg:/i.test(trimmed)) {
    const mapped = packageFromPurl(trimmed);
    if (!mapped.ok)
      throw new SecflowError('usage', `${trimmed}: ${mapped.detail}`, { hint: usageHint });
    if (mapped.pkg.version === '') {
      throw new SecflowError('usage', `${trimmed}: the purl has no version`, { hint: usageHint });
    }
    const { ecosystem, name, version } = mapped.pkg;
    return mapped.pkg.source === undefined
      ? { ecosystem, name, version }
      : { ecosystem, name: mapped.pkg.source.name, version: mapped.pkg.source.version || version };
  }
  const at = trimmed.lastIndexOf('@');
  const slash = trimmed.indexOf('/');
  if (at <= slash + 1 || at === trimmed.length - 1) {
    throw new SecflowError('usage', `"${text}" has no version`, { hint: usageHint });
  }
  const { ecosystem, name } = parsePackageQuery(trimmed.slice(0, at));
  return { ecosystem, name, version: trimmed.slice(at + 1) };
}

export function explain(
  ctx: CliContext,
  pkgText: string,
  advisory: string,
  options: { db?: string; json?: boolean },
): void {
  const query = parseVersionedPackage(pkgText);
  const rules = rulesFor(query.ecosystem);
  if (rules === undefined) {
    throw new SecflowError(
      'usage',
      `secflow has no version rules for ecosystem "${query.ecosystem}"`,
    );
  }
  const db = openAdvisoryDb(advisoryDbPath({ flag: options.db, env: ctx.env, cwd: ctx.cwd }), {
    readonly: true,
  });
  try {
    const records = db.lookup(advisory);
    if (records.length === 0) {
      throw new SecflowError('input', `no advisory "${advisory}" in the database`, {
        hint: 'check the id, or run `secflow db update` for newer data',
      });
    }
    const c = colors(ctx.output);
    const results = records.map((record) => {
      const evaluation = evaluateRecord(record, query, rules);
      const entry =
        evaluation.entries.find((e) => e.verdict !== 'not-affected') ?? evaluation.entries[0];
      const severity = assessSeverity(
        record,
        entry === undefined ? undefined : record.affected?.[entry.index],
      );
      return { record, evaluation, severity };
    });
    if (options.json === true) {
      const json = results.map(({ record, evaluation, severity }) => ({
        id: record.id,
        query,
        severity,
        ...evaluation,
      }));
      ctx.output.out.write(`${JSON.stringify(json, null, 2)}\n`);
    } else {
      ctx.output.out.write(
        results
          .map((r) => renderExplanation(query, r.record, r.evaluation, r.severity, c))
          .join('\n'),
      );
    }
    ctx.exitCode = ExitCode.ok;
  } finally {
    db.close();
  }
}
