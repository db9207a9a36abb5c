/** One version clause of a PEP 440 specifier: `>=` and `2.0` in `>=2.0`. */
export interface VersionClause {
  readonly operator: '===' | '==' | '!=' | '~=' | '<=' | '>=' | '<' | '>';
  /** The version text as written, trimmed. */
  readonly version: string;
}

/** A PEP 508 requirement: `name[extras] specifier ; marker` or `name[extras] @ url ; marker`. */
export interface Requirement {
  readonly name: string;
  readonly extras: readonly string[];
  readonly clauses: readonly VersionClause[];
  readonly url?: string;
  readonly marker?: string;
}

export type RequirementParse =
  | { readonly ok: true; readonly requirement: Requirement }
  | { readonly ok: false; readonly error: string };

const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/;
const CLAUSE = /^(===|==|!=|~=|<=|>=|<|>)\s*(.*)$/s;

/**
 * Parses one requirement string without evaluating markers. Linear scanning with anchored
 * patterns only, so hostile lengths cost linear time.
 */
export function parseRequirement(text: string): RequirementParse {
  const source = text.trim();
  const nameMatch = NAME.exec(source);
  if (nameMatch === null) return { ok: false, error: 'no package name' };
  const name = nameMatch[0];
  let rest = source.slice(name.length).trimStart();

  let extras: string[] = [];
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close === -1) return { ok: false, error: 'unclosed extras' };
    extras = rest
      .slice(1, close)
      .split(',')
      .map((e) => e.trim())
      .filter((e) => e !== '');
    rest = rest.slice(close + 1).trimStart();
  }

  const semicolon = markerStart(rest);
  const marker = semicolon === -1 ? undefined : rest.slice(semicolon + 1).trim();
  const spec = (semicolon === -1 ? rest : rest.slice(0, semicolon)).trim();
  const withMarker = marker === undefined || marker === '' ? {} : { marker };

  if (spec.startsWith('@')) {
    const url = spec.slice(1).trim();
    if (url === '') return { ok: false, error: 'empty URL' };
    return { ok: true, requirement: { name, extras, clauses: [], url, ...withMarker } };
  }
  const clauses = parseSpecifier(spec);
  if (typeof clauses === 'string') return { ok: false, error: clauses };
  return { ok: true, requirement: { name, extras, clauses, ...withMarker } };
}

/** Parses `>=1,<2` or `(>=1,<2)`; returns an error text when a clause is broken. */
export function parseSpecifier(text: string): VersionClause[] | string {
  let spec = text.trim();
  if (spec.startsWith('(')) {
    if (!spec.endsWith(')')) return 'unclosed parenthesis';
    spec = spec.slice(1, -1).trim();
  }
  if (spec === '') return [];
  const clauses: VersionClause[] = [];
  for (const part of spec.split(',')) {
    const m = CLAUSE.exec(part.trim());
    if (m === null) return `not a version clause: ${part.trim()}`;
    const version = (m[2] ?? '').trim();
    if (version === '') return `no version after ${m[1]}`;
    clauses.push({ operator: m[1] as VersionClause['operator'], version });
  }
  return clauses;
}

/** Index of the `;` that starts the marker, outside a URL (where `;` may be part of it). */
function markerStart(rest: string): number {
  if (!rest.startsWith('@')) return rest.indexOf(';');
  // In `@ url ; marker` the marker separator must follow whitespace.
  const m = /\s;/.exec(rest);
  return m === null ? -1 : m.index + 1;
}

/** The version of an exact pin (`==1.2` or `===1.2`), or undefined for any other constraint. */
export function exactPin(clauses: readonly VersionClause[]): string | undefined {
  if (clauses.length !== 1) return undefined;
  const [only] = clauses;
  if (only === undefined) return undefined;
  if (only.operator === '===' || (only.operator === '==' && !only.version.includes('*')))
    return only.version;
  return undefined;
}

/**
 * The version a constraint names inclusively (`>=2` → "2", `~=1.1` → "1.1"), the text that
 * scalibr and the acceptance corpus report for a declared constraint. Exclusions (`!=`, `<`,
 * `>`), wildcards and multi-clause ranges name no single version: "".
 */
export function namedVersion(clauses: readonly VersionClause[]): string {
  if (clauses.length !== 1) return '';
  const [only] = clauses;
  if (only === undefined || only.version.includes('*')) return '';
  return ['===', '==', '>=', '<=', '~='].includes(only.operator) ? only.version : '';
}

/** PEP 503 normalised name, the key names are compared by. */
export function normalizePypiName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}
