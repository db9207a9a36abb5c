import { posix } from 'node:path';
import type { PackageRef, SkippedEntry } from '../../core/package.ts';
import type { ExtractInput, Extractor, ExtractResult } from '../extractor.ts';
import { packageRef, skippedEntry } from '../shared/package-ref.ts';
import { assertText } from '../shared/text-input.ts';
import { type GoModStatement, parseGoModStatements } from './go-mod-syntax.ts';
import { readGoSum } from './go-sum.ts';
import { isLocalPath, isModuleVersion, osvVersion } from './module-version.ts';

const ID = 'go/go-mod';

interface Replacement {
  /** Undefined when the replace applies to every version of the module. */
  readonly oldVersion: string | undefined;
  readonly target: string;
  readonly targetVersion: string | undefined;
  readonly statement: GoModStatement;
}

/**
 * go.mod: each `require` (direct unless marked `// indirect`) after applying `replace`, and a
 * `stdlib` package for the Go version in force (`toolchain` over `go`), as scalibr reports it.
 * Modules declaring go < 1.17 list only part of the graph, so the rest is read from go.sum.
 */
export const goMod: Extractor = {
  id: ID,
  matches: (path) => posix.basename(path) === 'go.mod',
  async extract(input) {
    return await extractGoMod(input);
  },
};

async function extractGoMod(input: ExtractInput): Promise<ExtractResult> {
  assertText(input.path, input.content, 'go.mod');
  const statements = parseGoModStatements(input.path, input.content);
  const packages: PackageRef[] = [];
  const skipped: SkippedEntry[] = [];
  const required = readRequires(input.path, statements, packages, skipped);

  const goVersion = stdlibVersion(statements);
  if (goVersion !== undefined)
    packages.push(goPackage(input.path, 'stdlib', goVersion.version, goVersion.line));
  if (goVersion === undefined || declaresPre117(goVersion.declared)) {
    const fromSum = await modulesFromGoSum(input, required);
    packages.push(...fromSum.packages);
    skipped.push(...fromSum.skipped);
  }
  return { packages, skipped };
}

function goPackage(path: string, name: string, version: string, line: number, direct?: boolean) {
  return packageRef({
    ecosystem: 'Go',
    purlType: 'golang',
    extractor: ID,
    name,
    version,
    path,
    line,
    direct,
  });
}

/** Reports each `require` after `replace` and `exclude`; returns the required module paths. */
function readRequires(
  path: string,
  statements: readonly GoModStatement[],
  packages: PackageRef[],
  skipped: SkippedEntry[],
): Set<string> {
  const replacements = new Map<string, Replacement[]>();
  const excluded = new Set<string>();
  for (const s of statements) {
    if (s.directive === 'replace') addReplacement(replacements, s);
    if (s.directive === 'exclude' && s.args.length === 2) excluded.add(`${s.args[0]}@${s.args[1]}`);
  }
  const required = new Set<string>();
  for (const s of statements.filter((st) => st.directive === 'require')) {
    const [module, version] = s.args;
    const base = { path, line: s.line, entry: s.text };
    if (
      module === undefined ||
      version === undefined ||
      s.args.length !== 2 ||
      !isModuleVersion(version)
    ) {
      skipped.push(
        skippedEntry({ ...base, reason: 'malformed', detail: 'expected "module vX.Y.Z"' }),
      );
      continue;
    }
    required.add(module);
    const direct = !/(^|;)\s*indirect\s*(;|$)/.test(s.comment);
    const replace = replacementFor(replacements, module, version);
    if (excluded.has(`${module}@${version}`)) {
      const detail = 'this version is excluded; Go selects another';
      skipped.push(
        skippedEntry({
          ...base,
          reason: 'unpinned',
          name: module,
          version: osvVersion(version),
          detail,
        }),
      );
    } else if (replace === undefined) {
      packages.push(goPackage(path, module, osvVersion(version), s.line, direct));
    } else if (isLocalPath(replace.target)) {
      // Named by the local directory, as scalibr lists it; the module it stands for is in entry.
      skipped.push(
        skippedEntry({
          ...base,
          reason: 'non-registry',
          name: replace.target,
          version: '',
          entry: `${module} ${version} => ${replace.target}`,
          detail: `replaced by a local directory (line ${replace.statement.line})`,
        }),
      );
    } else {
      const target = osvVersion(replace.targetVersion ?? version);
      packages.push(goPackage(path, replace.target, target, replace.statement.line, direct));
    }
  }
  return required;
}

/** Modules go.sum adds to a pre-1.17 go.mod, as transitive packages located in go.sum. */
async function modulesFromGoSum(
  input: ExtractInput,
  required: ReadonlySet<string>,
): Promise<{ packages: PackageRef[]; skipped: SkippedEntry[] }> {
  const goSum = await input.readRelated('go.sum');
  if (goSum === undefined) return { packages: [], skipped: [] };
  const sumPath = posix.join(posix.dirname(input.path), 'go.sum');
  const { modules, skipped } = readGoSum(sumPath, goSum);
  const packages = modules
    .filter((m) => !required.has(m.module))
    .map((m) => goPackage(sumPath, m.module, m.version, m.line, false));
  return { packages, skipped };
}

function addReplacement(map: Map<string, Replacement[]>, s: GoModStatement): void {
  const arrow = s.args.indexOf('=>');
  const left = s.args.slice(0, arrow);
  const right = s.args.slice(arrow + 1);
  const [module, oldVersion] = left;
  const [target, targetVersion] = right;
  if (
    arrow === -1 ||
    module === undefined ||
    target === undefined ||
    left.length > 2 ||
    right.length > 2
  )
    return;
  const list = map.get(module) ?? [];
  list.push({ oldVersion, target, targetVersion, statement: s });
  map.set(module, list);
}

/** A replace naming this exact version wins over one for every version, as in the go command. */
function replacementFor(
  map: ReadonlyMap<string, Replacement[]>,
  module: string,
  version: string,
): Replacement | undefined {
  const list = map.get(module) ?? [];
  return list.find((r) => r.oldVersion === version) ?? list.find((r) => r.oldVersion === undefined);
}

/** The Go release in force: `toolchain go1.23.6[-suffix]` over `go 1.23.5`. */
function stdlibVersion(
  statements: readonly GoModStatement[],
): { version: string; declared: string; line: number } | undefined {
  const go = statements.find((s) => s.directive === 'go');
  const declared = go?.args[0];
  if (go === undefined || declared === undefined) return undefined;
  const toolchain = statements.find((s) => s.directive === 'toolchain');
  const named = /^go(\d+(?:\.\d+)*(?:(?:rc|beta)\d+)?)/.exec(toolchain?.args[0] ?? '')?.[1];
  if (toolchain !== undefined && named !== undefined)
    return { version: named, declared, line: toolchain.line };
  return { version: declared, declared, line: go.line };
}

/** Modules before go 1.17 do not list every module they build with in go.mod. */
function declaresPre117(version: string): boolean {
  const [major, minor] = version.split('.').map((n) => Number.parseInt(n, 10));
  return major === 1 && (minor ?? 0) < 17;
}
