import type { Finding, VulnerabilityFinding } from '../core/finding.ts';
import { type ProductMatcher, productMatcher, productMatches } from './product-match.ts';
import type { VexStatement } from './statement.ts';

interface Prepared {
  readonly statement: VexStatement;
  readonly order: number;
  readonly matchers: readonly ProductMatcher[];
}

/**
 * Findings with VEX applied: an unsuppressed vulnerability finding named by a statement (by
 * advisory id or any alias, either side) for a product covering its package is suppressed when
 * the statement says not_affected or fixed. Of several matching statements the latest wins, so
 * a later "affected" revokes an earlier "not_affected". Other findings pass through unchanged.
 */
export function applyVex(
  findings: readonly Finding[],
  statements: readonly VexStatement[],
): Finding[] {
  const byName = new Map<string, Prepared[]>();
  statements.forEach((statement, order) => {
    const prepared: Prepared = {
      statement,
      order,
      matchers: statement.products
        .map(productMatcher)
        .filter((m): m is ProductMatcher => m !== undefined),
    };
    for (const name of [statement.vulnerability, ...(statement.aliases ?? [])]) {
      const key = name.trim().toUpperCase();
      const list = byName.get(key);
      if (list === undefined) byName.set(key, [prepared]);
      else list.push(prepared);
    }
  });
  return findings.map((f) =>
    f.kind !== 'vulnerability' || f.suppressed !== undefined ? f : decide(f, byName),
  );
}

function decide(
  f: VulnerabilityFinding,
  byName: ReadonlyMap<string, readonly Prepared[]>,
): VulnerabilityFinding {
  const candidates = new Set<Prepared>();
  for (const name of [f.advisory.id, ...f.advisory.aliases]) {
    for (const p of byName.get(name.trim().toUpperCase()) ?? []) candidates.add(p);
  }
  const matching = [...candidates].filter((p) =>
    p.matchers.some((m) => productMatches(m, f.package)),
  );
  const latest = matching.sort(byTime).at(-1)?.statement;
  if (latest === undefined || (latest.status !== 'not_affected' && latest.status !== 'fixed')) {
    return f;
  }
  const justification = latest.status === 'fixed' ? 'fixed' : latest.justification;
  const reason = [`VEX ${latest.source}: ${latest.status}`, latest.impactStatement]
    .filter((x) => x !== undefined && x !== '')
    .join(': ');
  return {
    ...f,
    suppressed: {
      by: 'vex',
      reason,
      ...(justification === undefined ? {} : { justification }),
    },
  };
}

/** Statements without a timestamp count as older than dated ones; ties keep file order. */
function byTime(a: Prepared, b: Prepared): number {
  const ta =
    a.statement.timestamp === undefined
      ? Number.NEGATIVE_INFINITY
      : Date.parse(a.statement.timestamp);
  const tb =
    b.statement.timestamp === undefined
      ? Number.NEGATIVE_INFINITY
      : Date.parse(b.statement.timestamp);
  const na = Number.isNaN(ta) ? Number.NEGATIVE_INFINITY : ta;
  const nb = Number.isNaN(tb) ? Number.NEGATIVE_INFINITY : tb;
  return na === nb ? a.order - b.order : na - nb;
}
