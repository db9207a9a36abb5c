import type { ExtractInput, Extractor, ExtractResult } from '../extractor.ts';
import { DependencyGraph } from './graph.ts';
import { inputError, textOf } from './input-error.ts';
import { forEachMember, JsonScanError, skipWhitespace } from './json-scan.ts';
import { LineIndex } from './line-index.ts';
import { readDependenciesTree } from './package-lock-v1.ts';
import { readPackagesSection } from './package-lock-v2.ts';
import { toResult } from './result.ts';

const ID = 'npm/package-lock';
const HINT =
  'Regenerate it with `npm install --package-lock-only`, or remove it if it is not used.';

/**
 * package-lock.json (v1, v2, v3) and npm-shrinkwrap.json. The text is walked member by member
 * and only the fields used are decoded (json-scan.ts, package-lock-entry.ts), so a lockfile of
 * hundreds of megabytes costs the packages found, not a JSON tree of the whole file.
 */
export const packageLockExtractor: Extractor = {
  id: ID,
  matches(path) {
    const parts = path.split('/');
    const base = parts[parts.length - 1];
    if (base !== 'package-lock.json' && base !== 'npm-shrinkwrap.json') return false;
    // Lockfiles inside node_modules describe installed packages, not this project.
    return !parts.slice(0, -1).includes('node_modules');
  },
  async extract(input) {
    const format = input.path.slice(input.path.lastIndexOf('/') + 1);
    if (format === 'package-lock.json' && (await hasShrinkwrap(input))) {
      // npm reads npm-shrinkwrap.json instead when both exist, so this file says nothing.
      return { packages: [], skipped: [] };
    }
    const text = textOf(input.path, input.content, format);
    const lines = new LineIndex(text);
    try {
      return await extractLockfile(input, text, lines);
    } catch (error) {
      if (!(error instanceof JsonScanError)) throw error;
      const line = lines.lineAt(Math.min(error.offset, text.length));
      throw inputError(input.path, format, `line ${line}: ${error.message}`, HINT, error);
    }
  },
};

async function hasShrinkwrap(input: ExtractInput): Promise<boolean> {
  return (await input.readRelated('npm-shrinkwrap.json').catch(() => undefined)) !== undefined;
}

async function extractLockfile(
  input: ExtractInput,
  text: string,
  lines: LineIndex,
): Promise<ExtractResult> {
  const start = skipWhitespace(text, 0);
  if (text.charCodeAt(start) !== 123) {
    const found = text.startsWith('null', start) ? 'null' : 'something else';
    throw new JsonScanError(`expected a JSON object at the top, found ${found}`, start);
  }
  const graph = new DependencyGraph(text.length);
  let packagesRead = false;
  let dependencies: number | undefined;
  const end = forEachMember(text, start, (key, _keyOffset, valueStart) => {
    if (text.charCodeAt(valueStart) !== 123) return undefined;
    // v2 and v3 keep the full tree in "packages"; v2's "dependencies" is a copy for npm 6.
    if (key === 'packages' && !packagesRead) {
      packagesRead = true;
      return readPackagesSection(text, valueStart, lines, graph);
    }
    if (key === 'dependencies') dependencies = valueStart;
    return undefined;
  });
  const after = skipWhitespace(text, end);
  if (after < text.length)
    throw new JsonScanError('unexpected text after the top-level object', after);
  if (!packagesRead && dependencies !== undefined) {
    await readDependenciesTree(text, dependencies, lines, graph, input);
  }
  return toResult(graph, { path: input.path, extractor: ID });
}
