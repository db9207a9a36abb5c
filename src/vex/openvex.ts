import { SecflowError } from '../core/errors.ts';
import { arrayOf, isObject, type JsonObject, stringOf } from '../sbom/json-document.ts';
import type { VexStatement, VexStatus } from './statement.ts';

const STATUSES = new Set<VexStatus>(['not_affected', 'affected', 'fixed', 'under_investigation']);

export function isOpenVex(doc: JsonObject): boolean {
  const context = stringOf(doc['@context']);
  return context !== undefined && /^https:\/\/openvex\.dev\/ns/.test(context);
}

/**
 * OpenVEX v0.2.0 (and the v0.0.x drafts, where vulnerabilities and products were plain
 * strings). Statements with subcomponents cover those subcomponents: a scan finds packages,
 * and the product is what contains them.
 */
export function readOpenVex(doc: JsonObject, source: string): VexStatement[] {
  const documentTime = stringOf(doc.timestamp);
  const statements = doc.statements;
  if (!Array.isArray(statements)) {
    throw new SecflowError('input', `${source}: OpenVEX document has no "statements" array`, {
      hint: 'See https://github.com/openvex/spec for the document shape.',
    });
  }
  const out: VexStatement[] = [];
  for (const s of statements) {
    if (!isObject(s)) continue;
    const status = stringOf(s.status) as VexStatus | undefined;
    const vuln = vulnerabilityOf(s.vulnerability);
    if (status === undefined || !STATUSES.has(status) || vuln === undefined) continue;
    const products = productsOf(s);
    if (products.length === 0) continue;
    const justification = stringOf(s.justification);
    const impact = stringOf(s.impact_statement) ?? stringOf(s.status_notes);
    const timestamp = stringOf(s.timestamp) ?? stringOf(s.last_updated) ?? documentTime;
    out.push({
      vulnerability: vuln.name,
      ...(vuln.aliases.length > 0 ? { aliases: vuln.aliases } : {}),
      products,
      status,
      ...(justification === undefined ? {} : { justification }),
      ...(impact === undefined ? {} : { impactStatement: impact }),
      ...(timestamp === undefined ? {} : { timestamp }),
      source,
    });
  }
  return out;
}

function vulnerabilityOf(value: unknown): { name: string; aliases: string[] } | undefined {
  if (typeof value === 'string') return value === '' ? undefined : { name: value, aliases: [] };
  if (!isObject(value)) return undefined;
  const aliases = arrayOf(value.aliases).filter((a): a is string => typeof a === 'string');
  const name = stringOf(value.name) ?? stringOf(value['@id']);
  if (name === undefined || name === '') return undefined;
  // "@id" is often an IRI of the same vulnerability; keep it as an alias when it differs.
  const id = stringOf(value['@id']);
  return { name, aliases: id !== undefined && id !== name ? [...aliases, id] : aliases };
}

/** Subcomponents when any are given (they are what a scan finds), else the products. */
function productsOf(statement: JsonObject): string[] {
  const products = arrayOf(statement.products);
  const subcomponents = products.flatMap((p) => (isObject(p) ? arrayOf(p.subcomponents) : []));
  const chosen = subcomponents.length > 0 ? subcomponents : products;
  return [...new Set(chosen.flatMap(componentNames))];
}

function componentNames(component: unknown): string[] {
  if (typeof component === 'string') return component === '' ? [] : [component];
  if (!isObject(component)) return [];
  const identifiers = isObject(component.identifiers) ? component.identifiers : {};
  return [stringOf(component['@id']), stringOf(identifiers.purl)].filter(
    (x): x is string => x !== undefined && x !== '',
  );
}
