import type { PackageRef, SkippedEntry } from '../../core/package.ts';
import type { Extractor } from '../extractor.ts';
import { skippedEntry } from '../shared/package-ref.ts';
import { assertText, clip, splitLines } from '../shared/text-input.ts';
import { nugetPackage } from './package.ts';
import { isCommit, withoutComment } from './paket.ts';

const ID = 'nuget/paket-dependencies';
const FORMAT = 'paket.dependencies';

/** Directives that configure paket rather than name a dependency. */
const SETTINGS = new Set([
  'source',
  'framework',
  'storage',
  'strategy',
  'lowest_matching',
  'redirects',
  'references',
  'content',
  'copy_content_to_output_dir',
  'copy_local',
  'import_targets',
  'generate_load_scripts',
  'restriction',
  'version',
  'cache',
  'prerelease',
  'external_lock',
  'license_download',
  'specific',
  'condition',
  'auto-detect',
  'download_license',
  'group',
  'options',
]);

const OPERATORS = new Set(['=', '==', '>=', '>', '<=', '<', '~>', '!~>']);

/**
 * paket.dependencies, the manifest of Paket: `nuget Name [constraint]` per group, and `github`
 * / `git` / `http` sources. Only `= x` and `== x` (or a bare version) pin one version; other
 * constraints are reported as not checkable with the version they name.
 */
export const paketDependenciesExtractor: Extractor = {
  id: ID,
  matches: (path) => path === FORMAT || path.endsWith(`/${FORMAT}`),
  extract({ path, content }) {
    assertText(path, content, FORMAT);
    const packages: PackageRef[] = [];
    const skipped: SkippedEntry[] = [];
    splitLines(content).forEach((raw, index) => {
      const line = index + 1;
      const text = withoutComment(raw).trim();
      if (text === '') return;
      const [keyword = '', ...args] = text.split(/\s+/);
      const directive = keyword.toLowerCase().replace(/:$/, '');
      if (directive === 'nuget' || directive === 'clitool') {
        const result = readNuGetLine(path, line, text, args);
        if ('ecosystem' in result) packages.push(result);
        else skipped.push(result);
      } else if (directive === 'github' || directive === 'gist') {
        const [repo = '', ref = ''] = (args[0] ?? '').split(':');
        skipped.push(
          skippedEntry({
            path,
            line,
            name: repo,
            version: isCommit(ref) ? '' : ref,
            entry: clip(text),
            reason: 'non-registry',
            detail:
              ref === ''
                ? 'GitHub source file at the default branch'
                : `GitHub source file at ${ref}`,
          }),
        );
      } else if (directive === 'git' || directive === 'http') {
        skipped.push(
          skippedEntry({
            path,
            line,
            entry: clip(text),
            reason: 'non-registry',
            detail: `${directive} source`,
          }),
        );
      } else if (!SETTINGS.has(directive)) {
        skipped.push(
          skippedEntry({
            path,
            line,
            entry: clip(text),
            reason: 'unsupported',
            detail: `unknown directive "${keyword}"`,
          }),
        );
      }
    });
    return { packages, skipped };
  },
};

function readNuGetLine(
  path: string,
  line: number,
  text: string,
  args: readonly string[],
): PackageRef | SkippedEntry {
  const [name = '', first, second] = args;
  let operator = '=';
  let version = '';
  if (first !== undefined && OPERATORS.has(first)) {
    operator = first;
    version = second ?? '';
  } else if (first !== undefined && /^\d/.test(first)) {
    version = first;
  }
  // A second constraint (`>= 1.0 < 2.0`) makes it a range even after `=`.
  const ranged = args.slice(version === first ? 2 : 3).some((arg) => OPERATORS.has(arg));
  if (version !== '' && (operator === '=' || operator === '==') && !ranged) {
    return nugetPackage(ID, path, name, version, { line, direct: true });
  }
  return skippedEntry({ path, line, name, version, entry: clip(text), reason: 'unpinned' });
}
