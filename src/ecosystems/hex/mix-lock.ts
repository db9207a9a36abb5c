import type { PackageRef, SkippedEntry } from '../../core/package.ts';
import type { Extractor } from '../extractor.ts';
import { packageKey } from '../shared/dependency-paths.ts';
import { packageRef, skippedEntry } from '../shared/package-ref.ts';
import { assertText, clip, invalidInput } from '../shared/text-input.ts';
import { parseTerm, type Term, termItems, termText } from './elixir-term.ts';

const ID = 'hex/mix-lock';
const FORMAT = 'mix.lock';

interface Locked {
  readonly app: string;
  readonly name: string;
  readonly version: string;
  readonly line: number;
  readonly deps: readonly string[];
}

/**
 * mix.lock (Mix, also written by rebar3 projects built with Mix): a map from app name to
 * `{:hex, :package, "version", hash, managers, deps, "repo", hash}` or
 * `{:git, url, commit, opts}`. Git dependencies are reported as not checkable.
 */
export const mixLockExtractor: Extractor = {
  id: ID,
  matches: (path) => path === FORMAT || path.endsWith(`/${FORMAT}`),
  extract({ path, content }) {
    assertText(path, content, FORMAT);
    const document = parseTerm(path, content, FORMAT);
    if (document.kind !== 'map') throw invalidInput(path, FORMAT, 'not an Elixir map (%{…})');
    const locked: Locked[] = [];
    const skipped: SkippedEntry[] = [];
    const items = document.items;
    for (let i = 0; i + 1 < items.length; i += 2) {
      const key = items[i] as Term;
      const value = items[i + 1] as Term;
      const app = termText(key) ?? '';
      const [kind, ...fields] = termItems(value);
      const scm = termText(kind);
      const line = key.line;
      if (scm === 'hex') {
        const name = termText(fields[0]) ?? '';
        const version = termText(fields[1]) ?? '';
        if (name === '' || version === '') {
          skipped.push(
            skippedEntry({
              path,
              line,
              entry: clip(app),
              reason: 'malformed',
              detail: 'hex entry without package name or version',
            }),
          );
          continue;
        }
        locked.push({ app, name, version, line, deps: termItems(fields[4]).map(dependencyApp) });
      } else if (scm === 'git' || scm === 'path') {
        const source = termText(fields[0]) ?? '';
        const commit = termText(fields[1]) ?? '';
        const detail =
          scm === 'git' ? `git ${source} at ${commit || 'an unknown commit'}` : `path ${source}`;
        skipped.push(
          skippedEntry({
            path,
            line,
            name: app,
            version: '',
            entry: clip(`${app} ${source}`),
            reason: 'non-registry',
            detail,
          }),
        );
      } else {
        skipped.push(
          skippedEntry({
            path,
            line,
            entry: clip(app),
            reason: 'malformed',
            detail: 'not a {:hex, …} or {:git, …} entry',
          }),
        );
      }
    }
    const byApp = new Map(locked.map((l) => [l.app, packageKey(l.name, l.version)]));
    const packages: PackageRef[] = locked.map((l) =>
      packageRef({
        ecosystem: 'Hex',
        purlType: 'hex',
        extractor: ID,
        name: l.name,
        version: l.version,
        path,
        line: l.line,
        dependsOn: l.deps.flatMap((d) => byApp.get(d) ?? []),
      }),
    );
    return { packages, skipped };
  },
};

/** The app a `{:app, "requirement", opts}` dependency tuple names. */
function dependencyApp(dependency: Term): string {
  return termText(termItems(dependency)[0]) ?? '';
}
