import { isRecord, stringOf } from '../shared/parsed-values.ts';
import { isDevGroupName } from './dev-groups.ts';
import { exactPin, namedVersion, normalizePypiName, parseRequirement } from './pep508.ts';

/** One dependency a pyproject.toml declares, in PEP 621, PEP 735 or Poetry syntax. */
export interface Declaration {
  readonly name: string;
  /** Needed for development only (a dev group, or an extra conventionally named so). */
  readonly dev: boolean;
  /** The group or extra it is declared in: "main" for the project's own dependencies. */
  readonly group: string;
  /** The entry as written, for reports and for finding its line. */
  readonly entry: string;
  /** What the declaration pins, or why it pins nothing. */
  readonly constraint: DeclaredConstraint;
}

export type DeclaredConstraint =
  | { readonly kind: 'pinned'; readonly version: string }
  | { readonly kind: 'range'; readonly named: string }
  | { readonly kind: 'non-registry'; readonly detail: string }
  | { readonly kind: 'malformed'; readonly detail: string };

/** Every dependency declared in a parsed pyproject.toml. */
export function projectDeclarations(doc: Record<string, unknown>): Declaration[] {
  const out: Declaration[] = [];
  const project = isRecord(doc.project) ? doc.project : {};
  addPep508List(out, project.dependencies, 'main', false);
  for (const [extra, list] of entriesOf(project['optional-dependencies']))
    addPep508List(out, list, extra, isDevGroupName(extra));
  for (const [group, list] of entriesOf(doc['dependency-groups']))
    addPep508List(out, list, group, true);

  const tool = isRecord(doc.tool) ? doc.tool : {};
  const poetry = isRecord(tool.poetry) ? tool.poetry : {};
  addPoetryTable(out, poetry.dependencies, 'main', false);
  addPoetryTable(out, poetry['dev-dependencies'], 'dev', true);
  for (const [group, table] of entriesOf(poetry.group)) {
    if (isRecord(table)) addPoetryTable(out, table.dependencies, group, group !== 'main');
  }
  const pdm = isRecord(tool.pdm) ? tool.pdm : {};
  for (const [group, list] of entriesOf(pdm['dev-dependencies']))
    addPep508List(out, list, group, true);
  const uv = isRecord(tool.uv) ? tool.uv : {};
  addPep508List(out, uv['dev-dependencies'], 'dev', true);
  return out;
}

/** Normalised names the project declares, split into production and development-only. */
export function declaredNames(declarations: readonly Declaration[]): {
  prod: Set<string>;
  dev: Set<string>;
} {
  const prod = new Set<string>();
  const dev = new Set<string>();
  for (const d of declarations) (d.dev ? dev : prod).add(normalizePypiName(d.name));
  for (const name of prod) dev.delete(name);
  return { prod, dev };
}

function entriesOf(value: unknown): [string, unknown][] {
  return isRecord(value) ? Object.entries(value) : [];
}

function addPep508List(out: Declaration[], list: unknown, group: string, dev: boolean): void {
  if (!Array.isArray(list)) return;
  for (const item of list) {
    const text = stringOf(item);
    if (text === undefined) continue; // PEP 735 {include-group = …} adds nothing new
    const parsed = parseRequirement(text);
    if (!parsed.ok) {
      const name = /^[A-Za-z0-9][A-Za-z0-9._-]*/.exec(text.trim())?.[0] ?? '';
      out.push({
        name,
        dev,
        group,
        entry: text,
        constraint: { kind: 'malformed', detail: parsed.error },
      });
      continue;
    }
    const req = parsed.requirement;
    const pin = exactPin(req.clauses);
    const constraint: DeclaredConstraint =
      req.url !== undefined
        ? { kind: 'non-registry', detail: `installs from ${req.url}` }
        : pin !== undefined
          ? { kind: 'pinned', version: pin }
          : { kind: 'range', named: namedVersion(req.clauses) };
    out.push({ name: req.name, dev, group, entry: text, constraint });
  }
}

function addPoetryTable(out: Declaration[], table: unknown, group: string, dev: boolean): void {
  for (const [name, spec] of entriesOf(table)) {
    if (name.toLowerCase() === 'python') continue; // the interpreter, not a package
    const optional = isRecord(spec) && spec.optional === true;
    out.push({
      name,
      dev,
      group: optional ? 'optional' : group,
      entry: `${name} = ${describePoetrySpec(spec)}`,
      constraint: poetryConstraint(spec),
    });
  }
}

/** Reads a Poetry dependency value: "^1.2", "1.2.3", { version = … }, { git = … }, or a list. */
export function poetryConstraint(spec: unknown): DeclaredConstraint {
  if (typeof spec === 'string') return poetryVersion(spec);
  if (Array.isArray(spec)) return { kind: 'range', named: '' }; // per-platform alternatives
  if (!isRecord(spec)) return { kind: 'malformed', detail: 'not a version or a table' };
  for (const key of ['git', 'path', 'url'] as const) {
    const where = stringOf(spec[key]);
    if (where !== undefined) return { kind: 'non-registry', detail: `${key} ${where}` };
  }
  const version = stringOf(spec.version);
  return version === undefined ? { kind: 'range', named: '' } : poetryVersion(version);
}

/** Poetry writes an exact version bare ("1.2.3"); "^", "~", ranges and "*" are ranges. */
function poetryVersion(text: string): DeclaredConstraint {
  const v = text.trim();
  if (/^(==)?\s*\d[\w.!+-]*$/.test(v) && !v.includes('*'))
    return { kind: 'pinned', version: v.replace(/^==\s*/, '') };
  if (v.includes(',') || v.includes('||') || v.includes('*')) return { kind: 'range', named: '' };
  const m = /^(\^|~=|~|>=|<=)\s*(\S+)$/.exec(v);
  return { kind: 'range', named: m?.[2] ?? '' };
}

function describePoetrySpec(spec: unknown): string {
  if (typeof spec === 'string') return JSON.stringify(spec);
  if (isRecord(spec)) {
    const parts = Object.entries(spec)
      .filter(([, v]) => typeof v === 'string' || typeof v === 'boolean')
      .map(([k, v]) => `${k} = ${JSON.stringify(v)}`);
    return `{ ${parts.join(', ')} }`;
  }
  return '[…]';
}
