import type { PackageRef, SkippedEntry } from '../../core/package.ts';
import type { Extractor } from '../extractor.ts';
import { packageKey } from '../shared/dependency-paths.ts';
import { JsonLines, parseJson } from '../shared/json-document.ts';
import { packageRef, skippedEntry } from '../shared/package-ref.ts';
import { isRecord, stringOf } from '../shared/parsed-values.ts';
import { clip, invalidInput } from '../shared/text-input.ts';

const ID = 'cran/renv-lock';
const FORMAT = 'renv.lock';

/** Repository URLs that serve CRAN: its mirrors and Posit Package Manager's CRAN snapshots. */
const CRAN_URL = /cran|r-project\.org|packagemanager\.|rspm|p3m\./i;

/**
 * renv.lock (R): every package of the project library with its version and where renv got it.
 * Packages from a CRAN repository are checkable; Bioconductor, GitHub, other remotes and
 * entries that do not say where they came from are reported as not checkable.
 */
export const renvLockExtractor: Extractor = {
  id: ID,
  matches: (path) => path === FORMAT || path.endsWith(`/${FORMAT}`),
  extract({ path, content }) {
    const document = parseJson(path, content, FORMAT);
    if (!isRecord(document)) throw invalidInput(path, FORMAT, 'not a JSON object');
    const cranRepositories = cranRepositoryNames(document.R);
    const lines = new JsonLines(content, 2);
    const entries = isRecord(document.Packages) ? Object.entries(document.Packages) : [];
    const locked = new Map<string, string>();
    for (const [, entry] of entries) {
      if (!isRecord(entry)) continue;
      const name = stringOf(entry.Package);
      const version = stringOf(entry.Version);
      if (name !== undefined && version !== undefined) locked.set(name, packageKey(name, version));
    }
    const packages: PackageRef[] = [];
    const skipped: SkippedEntry[] = [];
    for (const [key, entry] of entries) {
      const line = lines.lineOf('Packages', key);
      if (!isRecord(entry)) continue;
      const name = stringOf(entry.Package) ?? key;
      const version = stringOf(entry.Version) ?? '';
      const source = stringOf(entry.Source);
      const repository = stringOf(entry.Repository);
      const text = clip(`${name} ${version}`.trim());
      if (version === '') {
        skipped.push(
          skippedEntry({ path, line, entry: text, reason: 'malformed', detail: 'no Version' }),
        );
        continue;
      }
      const fromCran =
        (source === undefined || source === 'Repository') &&
        repository !== undefined &&
        (cranRepositories.has(repository) || CRAN_URL.test(repository));
      if (!fromCran) {
        // Not a CRAN package name, so the entry carries none.
        const from =
          source === undefined && repository === undefined
            ? 'no Source or Repository'
            : `from ${repository ?? source}`;
        skipped.push(
          skippedEntry({
            path,
            line,
            entry: text,
            reason: 'non-registry',
            detail: `${from}, not CRAN`,
          }),
        );
        continue;
      }
      const requirements = Array.isArray(entry.Requirements) ? entry.Requirements : [];
      const dependsOn = requirements.flatMap((r) =>
        typeof r === 'string' ? (locked.get(r) ?? []) : [],
      );
      packages.push(
        packageRef({
          ecosystem: 'CRAN',
          purlType: 'cran',
          extractor: ID,
          name,
          version,
          path,
          line,
          dependsOn,
        }),
      );
    }
    return { packages, skipped };
  },
};

/** Names in `R.Repositories` whose URL serves CRAN, plus "CRAN" itself. */
function cranRepositoryNames(r: unknown): Set<string> {
  const names = new Set(['CRAN']);
  const repositories = isRecord(r) && Array.isArray(r.Repositories) ? r.Repositories : [];
  for (const repository of repositories) {
    if (!isRecord(repository)) continue;
    const name = stringOf(repository.Name);
    const url = stringOf(repository.URL) ?? '';
    if (name !== undefined && CRAN_URL.test(url)) names.add(name);
  }
  return names;
}
