import semver from 'semver';
import type { SkippedEntry } from '../../core/package.ts';
import type { Extractor } from '../extractor.ts';
import { isRecord } from '../shared/parsed-values.ts';
import { DependencyGraph, type LockNode } from './graph.ts';
import { inputError, reason, textOf } from './input-error.ts';
import { parseJsonc } from './jsonc.ts';
import { jsonKeyOpening, KeyLocator, LineIndex } from './line-index.ts';
import { toResult } from './result.ts';
import { splitNameAtRange } from './sources.ts';

const ID = 'npm/deno-json';
const HINT = 'Fix the JSON syntax of the Deno configuration file.';
/** CDNs that serve npm packages at "/<name>@<version>/…". */
const NPM_CDNS: Record<string, string> = {
  'esm.sh': '/',
  'unpkg.com': '/',
  'cdn.jsdelivr.net': '/npm/',
};
const stringKeyAt = jsonKeyOpening();

/**
 * deno.json / deno.jsonc import maps: "npm:name@range" specifiers and npm CDN URLs. This is a
 * manifest, so a range is reported at the lowest version it allows (what scalibr reports too):
 * a lower bound, not what is installed. jsr: packages are not an OSV ecosystem and are listed
 * as skipped.
 */
export const denoJsonExtractor: Extractor = {
  id: ID,
  matches(path) {
    const base = path.slice(path.lastIndexOf('/') + 1);
    return base === 'deno.json' || base === 'deno.jsonc';
  },
  extract(input) {
    const format = input.path.slice(input.path.lastIndexOf('/') + 1);
    const text = textOf(input.path, input.content, format);
    let config: unknown;
    try {
      config = parseJsonc(text);
    } catch (error) {
      throw inputError(input.path, format, reason(error), HINT, error);
    }
    if (!isRecord(config)) throw inputError(input.path, format, 'expected a JSON object', HINT);

    const graph = new DependencyGraph(text.length);
    graph.markRootsKnown();
    const skipped: SkippedEntry[] = [];
    const locator = new KeyLocator(text, new LineIndex(text));
    for (const [alias, specifier] of importEntries(config)) {
      const line = locator.find(JSON.stringify(alias), stringKeyAt);
      const found = readSpecifier(specifier, line);
      if (found === undefined) continue;
      if ('reason' in found) skipped.push({ path: input.path, ...found });
      else graph.addRoot(graph.addNode(found), 'unknown');
    }
    const result = toResult(graph, { path: input.path, extractor: ID });
    return { packages: result.packages, skipped: [...result.skipped, ...skipped] };
  },
};

/** The "imports" map, then each map under "scopes", in document order. */
function importEntries(config: Record<string, unknown>): [string, string][] {
  const maps = [config.imports, ...(isRecord(config.scopes) ? Object.values(config.scopes) : [])];
  return maps.flatMap((map) =>
    isRecord(map)
      ? Object.entries(map).filter((e): e is [string, string] => typeof e[1] === 'string')
      : [],
  );
}

type Found = LockNode | Omit<SkippedEntry, 'path'>;

function readSpecifier(specifier: string, line: number | undefined): Found | undefined {
  const at = line === undefined ? {} : { line };
  if (specifier.startsWith('npm:')) return npmPackage(specifier.slice(4), specifier, at);
  if (specifier.startsWith('jsr:')) {
    const { name, range } = splitNameAtRange(specifier.slice(4).replace(/^\//, ''));
    // Named the way scalibr's JSR purls name it: scope without "@".
    const bare = name.replace(/^@/, '');
    return range === ''
      ? { ...at, entry: specifier, reason: 'unpinned', detail: 'jsr package without a version' }
      : {
          ...at,
          name: bare,
          version: range.split('/')[0] ?? range,
          entry: specifier,
          reason: 'unsupported',
          detail: 'JSR packages have no advisory source',
        };
  }
  const url = parseUrl(specifier);
  const prefix = url === undefined ? undefined : NPM_CDNS[url.host];
  if (url !== undefined && prefix !== undefined && url.pathname.startsWith(prefix)) {
    return npmPackage(url.pathname.slice(prefix.length), specifier, at);
  }
  return undefined;
}

/** "name@range/sub/path" as an npm package at the lowest version the range allows. */
function npmPackage(spec: string, written: string, at: { line?: number }): Found {
  const { name, range: rest } = splitNameAtRange(spec.replace(/^\//, ''));
  const range = (rest.split('/')[0] ?? '').replace(/^v(?=\d)/, '');
  if (range === '')
    return { ...at, entry: written, reason: 'unpinned', detail: 'npm package without a version' };
  const lowest =
    semver.validRange(range, { loose: false }) === null ? null : semver.minVersion(range);
  if (lowest === null)
    return { ...at, name, version: range, entry: written, reason: 'invalid-version' };
  return { name, version: lowest.version, ...at };
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
