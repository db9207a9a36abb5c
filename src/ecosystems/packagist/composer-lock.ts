import { posix } from 'node:path';
import type { PackageRef, SkippedEntry } from '../../core/package.ts';
import type { ExtractInput, Extractor } from '../extractor.ts';
import { readCompanion } from '../shared/companion-file.ts';
import { analyzeGraph } from '../shared/dependency-paths.ts';
import { groupBy } from '../shared/group-by.ts';
import { parseJson } from '../shared/json-document.ts';
import { LineIndex } from '../shared/line-index.ts';
import { packageRef, skippedEntry } from '../shared/package-ref.ts';
import { isRecord, recordsOf, stringOf } from '../shared/parsed-values.ts';
import { invalidInput } from '../shared/text-input.ts';

const ID = 'packagist/composer-lock';
const SECTIONS = [
  { key: 'packages', dev: false },
  { key: 'packages-dev', dev: true },
] as const;

interface LockedPackage {
  readonly id: string;
  readonly name: string;
  readonly version: string;
  readonly dev: boolean;
  readonly line: number | undefined;
  readonly distType: string | undefined;
  readonly requires: readonly string[];
}

/**
 * composer.lock: `packages` and `packages-dev`. Direct dependencies come from the composer.json
 * beside it (`require`, `require-dev`); `require` maps in the lockfile give the graph. Branch
 * versions (`dev-main`) and `path` packages are skipped as non-registry. Platform requirements
 * (php, ext-*, lib-*) are not packages.
 */
export const composerLock: Extractor = {
  id: ID,
  matches: (path) => posix.basename(path) === 'composer.lock',
  async extract(input) {
    const doc = parseJson(input.path, input.content, 'composer.lock');
    if (!isRecord(doc)) {
      throw invalidInput(input.path, 'composer.lock', 'not a JSON object', {
        hint: 'Regenerate it with `composer update --lock`.',
      });
    }
    const lines = new LineIndex(input.content);
    const locked: LockedPackage[] = [];
    let searchFrom = 0;
    for (const section of SECTIONS) {
      for (const entry of recordsOf(doc[section.key])) {
        const name = stringOf(entry.name);
        const version = stringOf(entry.version);
        if (name === undefined || version === undefined) continue;
        const found = lines.find([`"name": "${name}"`, `"name":"${name}"`], searchFrom);
        if (found !== undefined) searchFrom = found.offset + 1;
        locked.push({
          id: `${locked.length}`,
          name,
          version,
          dev: section.dev,
          line: found?.line,
          distType: isRecord(entry.dist) ? stringOf(entry.dist.type) : undefined,
          requires: isRecord(entry.require) ? Object.keys(entry.require).filter(isPackageName) : [],
        });
      }
    }
    return report(input.path, locked, await declaredInComposerJson(input));
  },
};

function report(
  path: string,
  locked: readonly LockedPackage[],
  declared: { prod: string[]; dev: string[] } | undefined,
) {
  const byName = groupBy(
    locked,
    (p) => p.name.toLowerCase(),
    (p) => p.id,
  );
  const resolve = (name: string) => byName.get(name.toLowerCase()) ?? [];
  const facts = analyzeGraph({
    labels: new Map(locked.map((p) => [p.id, `${p.name}@${p.version}`])),
    edges: new Map(locked.map((p) => [p.id, p.requires.flatMap(resolve)])),
    ...(declared === undefined
      ? {}
      : { roots: { prod: declared.prod.flatMap(resolve), dev: declared.dev.flatMap(resolve) } }),
  });
  const packages: PackageRef[] = [];
  const skipped: SkippedEntry[] = [];
  for (const p of locked) {
    const branch = p.version.startsWith('dev-');
    if (branch || p.distType === 'path') {
      skipped.push(
        skippedEntry({
          path,
          line: p.line,
          reason: 'non-registry',
          name: p.name,
          version: p.version,
          entry: `${p.name} ${p.version}`,
          detail: branch ? 'a VCS branch, not a release' : 'a local path package',
        }),
      );
      continue;
    }
    packages.push(
      packageRef({
        ecosystem: 'Packagist',
        purlType: 'composer',
        extractor: ID,
        name: p.name,
        version: p.version,
        path,
        line: p.line,
        dev: p.dev,
        graph: facts.get(p.id),
      }),
    );
  }
  return { packages, skipped };
}

/** Composer package names are vendor/name; php, ext-* and the like are platform requirements. */
function isPackageName(name: string): boolean {
  return name.includes('/');
}

/** `require` / `require-dev` of the composer.json beside the lockfile, when it is readable. */
async function declaredInComposerJson(
  input: ExtractInput,
): Promise<{ prod: string[]; dev: string[] } | undefined> {
  return readCompanion(input, 'composer.json', (content) => {
    const doc = parseJson('composer.json', content, 'composer.json');
    if (!isRecord(doc)) return undefined;
    const names = (v: unknown) => (isRecord(v) ? Object.keys(v).filter(isPackageName) : []);
    return { prod: names(doc.require), dev: names(doc['require-dev']) };
  });
}
