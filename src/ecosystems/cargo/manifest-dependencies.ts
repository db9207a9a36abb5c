import type { SecflowError } from '../../core/errors.ts';
import { isRecord, stringOf } from '../shared/parsed-values.ts';
import { invalidInput } from '../shared/text-input.ts';

/** One dependency declared in a Cargo.toml table. */
export interface CargoDeclaration {
  /** The crate name: `package = "…"` when the key renames it. */
  readonly name: string;
  /** The key as written (the name the code uses). */
  readonly key: string;
  readonly table: string;
  readonly dev: boolean;
  readonly spec: CargoSpec;
}

export type CargoSpec =
  | { readonly kind: 'version'; readonly requirement: string }
  | {
      readonly kind: 'git';
      readonly url: string;
      readonly rev?: string;
      readonly reference?: string;
    }
  | { readonly kind: 'path'; readonly path: string; readonly version?: string }
  | { readonly kind: 'registry'; readonly registry: string; readonly requirement: string }
  | { readonly kind: 'workspace' };

const STRING_KEYS = ['version', 'git', 'branch', 'tag', 'rev', 'path', 'registry', 'package'];
const TABLES = ['dependencies', 'dev-dependencies', 'build-dependencies'] as const;

/**
 * Every dependency of a parsed Cargo.toml: `[dependencies]`, `[dev-dependencies]`,
 * `[build-dependencies]`, their `[target.'cfg'.…]` forms and `[workspace.dependencies]`.
 * A wrongly typed field makes the manifest invalid, as cargo itself refuses it.
 */
export function cargoDeclarations(path: string, doc: Record<string, unknown>): CargoDeclaration[] {
  const out: CargoDeclaration[] = [];
  const scopes: [string, Record<string, unknown>][] = [['', doc]];
  if (isRecord(doc.target))
    for (const [cfg, t] of Object.entries(doc.target))
      if (isRecord(t)) scopes.push([`target.${cfg}.`, t]);
  for (const [prefix, scope] of scopes)
    for (const table of TABLES)
      addTable(path, out, scope[table], `${prefix}${table}`, table === 'dev-dependencies');
  if (isRecord(doc.workspace))
    addTable(path, out, doc.workspace.dependencies, 'workspace.dependencies', false);
  return out;
}

/** Names the manifest needs for development only: in dev-dependencies and nowhere else. */
export function devOnlyDependencies(doc: Record<string, unknown>): Set<string> {
  const declarations = cargoDeclarations('Cargo.toml', doc);
  const prod = new Set(declarations.filter((d) => !d.dev).map((d) => d.name));
  return new Set(declarations.filter((d) => d.dev && !prod.has(d.name)).map((d) => d.name));
}

function addTable(
  path: string,
  out: CargoDeclaration[],
  table: unknown,
  where: string,
  dev: boolean,
): void {
  if (table === undefined) return;
  if (!isRecord(table)) throw invalid(path, `[${where}] is not a table`);
  for (const [key, value] of Object.entries(table)) {
    out.push({ key, table: where, dev, ...specOf(path, `${where}.${key}`, key, value) });
  }
}

function specOf(
  path: string,
  where: string,
  key: string,
  value: unknown,
): { name: string; spec: CargoSpec } {
  if (typeof value === 'string')
    return { name: key, spec: { kind: 'version', requirement: value } };
  if (!isRecord(value)) throw invalid(path, `${where} must be a version string or a table`);
  for (const field of STRING_KEYS)
    if (value[field] !== undefined && typeof value[field] !== 'string')
      throw invalid(path, `${where}.${field} must be a string`);
  if (value.workspace !== undefined && typeof value.workspace !== 'boolean')
    throw invalid(path, `${where}.workspace must be true or false`);
  const name = stringOf(value.package) ?? key;
  const version = stringOf(value.version);
  const git = stringOf(value.git);
  const local = stringOf(value.path);
  const registry = stringOf(value.registry);
  if (value.workspace === true) return { name, spec: { kind: 'workspace' } };
  if (git !== undefined) {
    const rev = stringOf(value.rev);
    const reference = stringOf(value.tag) ?? stringOf(value.branch);
    return {
      name,
      spec: {
        kind: 'git',
        url: git,
        ...(rev === undefined ? {} : { rev }),
        ...(reference === undefined ? {} : { reference }),
      },
    };
  }
  if (local !== undefined)
    return {
      name,
      spec: { kind: 'path', path: local, ...(version === undefined ? {} : { version }) },
    };
  if (registry !== undefined)
    return { name, spec: { kind: 'registry', registry, requirement: version ?? '' } };
  return { name, spec: { kind: 'version', requirement: version ?? '' } };
}

function invalid(path: string, what: string): SecflowError {
  return invalidInput(path, 'Cargo.toml', what, {
    hint: 'Check the manifest with `cargo metadata`.',
  });
}
