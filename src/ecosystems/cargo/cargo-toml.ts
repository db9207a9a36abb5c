import { posix } from 'node:path';
import type { PackageRef, SkippedEntry } from '../../core/package.ts';
import type { Extractor } from '../extractor.ts';
import { LineIndex } from '../shared/line-index.ts';
import { packageRef, skippedEntry } from '../shared/package-ref.ts';
import { isRecord, stringOf } from '../shared/parsed-values.ts';
import { parseToml, tomlKeyPattern } from '../shared/toml-document.ts';
import { type CargoDeclaration, cargoDeclarations } from './manifest-dependencies.ts';

const ID = 'cargo/cargo-toml';
const EXACT = /^=\s*(\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]+)?)$/;
const COMMIT = /^[0-9a-f]{7,40}$/i;

/**
 * Cargo.toml as a manifest. An exact requirement (`=1.2.3`) is a package; other requirements
 * are declared ranges, skipped with the version they name ("0.3" for `^0.3`). The crate itself,
 * path and git dependencies are skipped as non-registry. A wrongly typed field (`git = {…}`)
 * fails the file, as cargo does.
 */
export const cargoToml: Extractor = {
  id: ID,
  matches: (path) => posix.basename(path) === 'Cargo.toml',
  extract(input) {
    const doc = parseToml(input.path, input.content, 'Cargo.toml');
    const declarations = cargoDeclarations(input.path, doc);
    const lines = new LineIndex(input.content);
    const packages: PackageRef[] = [];
    const skipped: SkippedEntry[] = [];

    const own = isRecord(doc.package) ? doc.package : undefined;
    const ownName = stringOf(own?.name);
    if (ownName !== undefined) {
      skipped.push(
        skippedEntry({
          path: input.path,
          line: lines.find(['[package]'])?.line,
          reason: 'non-registry',
          name: ownName,
          version: stringOf(own?.version) ?? '',
          entry: `${ownName} ${stringOf(own?.version) ?? ''}`.trim(),
          detail: 'the crate this manifest builds',
        }),
      );
    }
    for (const d of declarations) {
      const line = lineOf(lines, d);
      const base = { path: input.path, line, entry: `${d.key} (${d.table})` };
      const spec = d.spec;
      if (spec.kind === 'version') {
        const exact = EXACT.exec(spec.requirement.trim())?.[1];
        if (exact !== undefined) {
          packages.push(
            packageRef({
              ecosystem: 'crates.io',
              purlType: 'cargo',
              extractor: ID,
              name: d.name,
              version: exact,
              path: input.path,
              line,
              direct: true,
              dev: d.dev,
            }),
          );
        } else {
          skipped.push(
            skippedEntry({
              ...base,
              reason: 'unpinned',
              name: d.name,
              version: namedVersion(spec.requirement),
            }),
          );
        }
      } else if (spec.kind === 'git') {
        // Pinned to a commit it names a fixed source (listed by name); tags and branches move.
        const pinned = spec.rev !== undefined && COMMIT.test(spec.rev);
        skipped.push(
          skippedEntry({
            ...base,
            reason: 'non-registry',
            ...(pinned ? { name: d.name, version: '' } : {}),
            detail: `git ${spec.url}${spec.rev === undefined ? '' : ` rev ${spec.rev}`}${spec.reference === undefined ? '' : ` ${spec.reference}`}`,
          }),
        );
      } else if (spec.kind === 'path') {
        skipped.push(
          skippedEntry({
            ...base,
            reason: 'non-registry',
            name: d.name,
            version: spec.version ?? '',
            detail: `path ${spec.path}`,
          }),
        );
      } else if (spec.kind === 'registry') {
        skipped.push(
          skippedEntry({
            ...base,
            reason: 'non-registry',
            name: d.name,
            version: namedVersion(spec.requirement),
            detail: `registry ${spec.registry}`,
          }),
        );
      } else {
        skipped.push(
          skippedEntry({
            ...base,
            reason: 'unpinned',
            name: d.name,
            version: '',
            detail: 'version inherited from the workspace',
          }),
        );
      }
    }
    return { packages, skipped };
  },
};

/** `0.3`, `^0.3`, `~0.3`, `>=0.3` → "0.3"; `*`, multi-clause ranges and `<`/`>` bounds → "". */
function namedVersion(requirement: string): string {
  const r = requirement.trim();
  if (r.includes(',') || r.includes('*')) return '';
  const m = /^(\^|~|>=|<=|=)?\s*(\d[0-9A-Za-z.+-]*)$/.exec(r);
  return m?.[2] ?? '';
}

function lineOf(lines: LineIndex, d: CargoDeclaration): number | undefined {
  const from = lines.find([`[${d.table}]`])?.offset ?? 0;
  return (lines.match(tomlKeyPattern(d.key), from) ?? lines.find([`[${d.table}.${d.key}]`]))?.line;
}
