import type { PackageRef, SkippedEntry } from '../../core/package.ts';
import type { Extractor } from '../extractor.ts';
import { packageKey, withDependencyPaths } from '../shared/dependency-paths.ts';
import { skippedEntry } from '../shared/package-ref.ts';
import { assertText, clip, splitLines } from '../shared/text-input.ts';
import { nugetPackage } from './package.ts';
import { isCommit, withoutComment } from './paket.ts';

const ID = 'nuget/paket-lock';
const FORMAT = 'paket.lock';

/** Top-level lines that open a section of resolved packages. */
const SOURCES = new Set(['NUGET', 'GITHUB', 'GIT', 'HTTP', 'GIST']);

interface Resolved {
  readonly name: string;
  readonly version: string;
  readonly line: number;
  readonly group: string;
  readonly deps: string[];
}

/**
 * paket.lock: every package Paket resolved, per GROUP and source. In NUGET sections a package
 * sits at four spaces as `Name (version)` with its dependencies at six; GITHUB/GIT/HTTP sections
 * list files from repositories, reported as not checkable. When paket.dependencies sits beside
 * the lock, the packages it names are marked direct.
 */
export const paketLockExtractor: Extractor = {
  id: ID,
  matches: (path) => path === FORMAT || path.endsWith(`/${FORMAT}`),
  async extract({ path, content, readRelated }) {
    assertText(path, content, FORMAT);
    const resolved: Resolved[] = [];
    const skipped: SkippedEntry[] = [];
    const seenRemote = new Set<string>();
    let group = 'Main';
    let source = '';
    let remote = '';
    let current: Resolved | undefined;
    splitLines(content).forEach((raw, index) => {
      const line = index + 1;
      const text = withoutComment(raw);
      if (text.trim() === '') return;
      const indent = text.length - text.trimStart().length;
      const trimmed = text.trim();
      if (indent === 0) {
        current = undefined;
        const [word = '', rest = ''] = trimmed.split(/\s+/, 2);
        if (word === 'GROUP') group = rest;
        else if (SOURCES.has(word)) source = word;
        else if (!/^[A-Z_]+:/.test(trimmed)) {
          source = '';
          skipped.push(
            skippedEntry({
              path,
              line,
              entry: clip(trimmed),
              reason: 'unsupported',
              detail: 'not a paket.lock section',
            }),
          );
        }
        return;
      }
      if (trimmed.startsWith('remote:')) {
        remote = trimmed.slice('remote:'.length).trim();
        return;
      }
      const entry = /^(\S+)\s+\(([^)]*)\)/.exec(trimmed);
      if (entry === null || source === '') return;
      const [, name = '', version = ''] = entry;
      if (source !== 'NUGET') {
        const ref = isCommit(version) ? '' : version;
        const key = `${remote}@${ref}`;
        if (indent === 4 && !seenRemote.has(key)) {
          seenRemote.add(key);
          skipped.push(
            skippedEntry({
              path,
              line,
              name: remote,
              version: ref,
              entry: clip(trimmed),
              reason: 'non-registry',
              detail: `${source.toLowerCase()} source ${remote}`,
            }),
          );
        }
        return;
      }
      if (indent === 4) {
        current = { name, version, line, group, deps: [] };
        resolved.push(current);
      } else if (indent > 4 && current !== undefined) {
        current.deps.push(name);
      }
    });
    const direct = await declaredNames(readRelated);
    const packages = toPackages(path, resolved, direct);
    return { packages: withDependencyPaths(packages), skipped };
  },
};

function toPackages(
  path: string,
  resolved: readonly Resolved[],
  direct: Set<string> | undefined,
): PackageRef[] {
  const versions = new Map(resolved.map((r) => [`${r.group}\0${r.name.toLowerCase()}`, r]));
  const seen = new Set<string>();
  const packages: PackageRef[] = [];
  for (const r of resolved) {
    const key = packageKey(r.name.toLowerCase(), r.version);
    if (seen.has(key)) continue;
    seen.add(key);
    const dependsOn = r.deps.flatMap((dep) => {
      const target = versions.get(`${r.group}\0${dep.toLowerCase()}`);
      return target === undefined ? [] : [packageKey(target.name, target.version)];
    });
    packages.push(
      nugetPackage(ID, path, r.name, r.version, {
        line: r.line,
        direct: direct === undefined ? undefined : direct.has(r.name.toLowerCase()),
        dependsOn,
      }),
    );
  }
  return packages;
}

/** Lower-cased names of the `nuget` lines in paket.dependencies beside the lock, if it is there. */
async function declaredNames(
  readRelated: (path: string) => Promise<string | undefined>,
): Promise<Set<string> | undefined> {
  const text = await readRelated('paket.dependencies');
  if (text === undefined) return undefined;
  const names = new Set<string>();
  for (const raw of splitLines(text)) {
    const [keyword, name] = withoutComment(raw).trim().split(/\s+/);
    if ((keyword === 'nuget' || keyword === 'clitool') && name !== undefined)
      names.add(name.toLowerCase());
  }
  return names;
}
