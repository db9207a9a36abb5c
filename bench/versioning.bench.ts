import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pep440Peer from '@renovatebot/pep440';
import * as rubySemver from '@renovatebot/ruby-semver';
import nodeSemver from 'semver';
import type { VersionScheme } from '../src/core/version-scheme.ts';
import { withoutParseCache } from '../src/versioning/define-scheme.ts';
import { versionSchemes } from '../src/versioning/registry.ts';

/**
 * Comparisons per second for every version scheme, over the version pairs of the acceptance
 * corpus (test/corpora/scalibr/versions), side by side in the same process with: the same scheme
 * without its parse cache, a peer library where npm has one (node-semver, @renovatebot/pep440,
 * @renovatebot/ruby-semver; only on the pairs the peer accepts, ours timed on those same pairs),
 * and plain string comparison as the floor. Prints one markdown section; progress on stderr.
 */
type Compare = (a: string, b: string) => number;
type Pair = readonly [string, string];

const corpus = join(import.meta.dirname, '../test/corpora/scalibr/versions');
const filesByScheme: Readonly<Record<string, readonly string[]>> = {
  apk: ['alpine'],
  cran: ['cran'],
  dpkg: ['debian'],
  go: ['semver'],
  hackage: ['hackage'],
  maven: ['maven'],
  nuget: ['nuget'],
  packagist: ['packagist'],
  pep440: ['pypi'],
  pub: ['pub'],
  rpm: ['redhat'],
  rubygems: ['rubygems'],
  semver: ['semver'],
};

function pairsFor(prefixes: readonly string[]): Pair[] {
  const pairs: Pair[] = [];
  for (const file of readdirSync(corpus).sort()) {
    if (!prefixes.some((p) => file.startsWith(`${p}-versions`))) continue;
    for (const line of readFileSync(join(corpus, file), 'utf8').split('\n')) {
      const text = line.trim();
      if (text === '' || text.startsWith('#') || text.startsWith('//')) continue;
      const [a, , b] = text.split(' ');
      if (a !== undefined && b !== undefined) pairs.push([a, b]);
    }
  }
  return pairs;
}

const SLICE_MS = 150;
const ROUNDS = 5;

/** Comparisons per second of one pass-filled time slice over the pairs. */
function slice(compare: Compare, pairs: readonly Pair[]): number {
  let sink = 0;
  let done = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < SLICE_MS) {
    for (const [a, b] of pairs) sink += compare(a, b);
    done += pairs.length;
    elapsed = performance.now() - start;
  }
  if (Number.isNaN(sink)) throw new Error('unreachable');
  return (done / elapsed) * 1000;
}

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

/**
 * Median rate of each contender over ROUNDS rounds; every round times all contenders one after
 * another, so load from other processes on a shared machine falls on all of them alike.
 */
function race(contenders: readonly (readonly [Compare, readonly Pair[]])[]): number[] {
  for (const [compare, pairs] of contenders) slice(compare, pairs); // warm-up
  const rates: number[][] = contenders.map(() => []);
  for (let round = 0; round < ROUNDS; round++)
    for (const [i, [compare, pairs]] of contenders.entries()) rates[i]?.push(slice(compare, pairs));
  return rates.map(median);
}

const stringFloor: Compare = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

interface Peer {
  readonly name: string;
  readonly accepts: (version: string) => boolean;
  readonly compare: Compare;
}

const peers: Readonly<Record<string, Peer>> = {
  semver: {
    name: 'node-semver `compare`',
    accepts: (v) => nodeSemver.valid(v) !== null,
    compare: (a, b) => nodeSemver.compare(a, b),
  },
  pep440: {
    name: '@renovatebot/pep440 `compare`',
    accepts: (v) => pep440Peer.valid(v) !== null,
    compare: (a, b) => pep440Peer.compare(a, b),
  },
  rubygems: {
    name: '@renovatebot/ruby-semver `gt`/`eq`',
    accepts: (v) => rubySemver.valid(v) !== null,
    compare: (a, b) => (rubySemver.gt(a, b) ? 1 : rubySemver.eq(a, b) ? 0 : -1),
  },
};

const format = (perSecond: number): string =>
  perSecond >= 1e6 ? `${(perSecond / 1e6).toFixed(2)} M` : `${(perSecond / 1e3).toFixed(0)} k`;

const rows: string[] = [];
for (const [id, scheme] of Object.entries(versionSchemes) as [string, VersionScheme][]) {
  const pairs = pairsFor(filesByScheme[id] ?? []);
  const distinct = new Set(pairs.flat()).size;
  process.stderr.write(`${id}: ${pairs.length} pairs\n`);
  const uncached = withoutParseCache(id);
  const peer = peers[id];
  const accepted =
    peer === undefined ? [] : pairs.filter(([a, b]) => peer.accepts(a) && peer.accepts(b));
  const [ours = 0, noCache = 0, floor = 0, peerRate = 0, oursOnSame = 0] = race([
    [scheme.compare, pairs],
    [uncached?.compare ?? scheme.compare, pairs],
    [stringFloor, pairs],
    ...(peer === undefined
      ? []
      : ([
          [peer.compare, accepted],
          [scheme.compare, accepted],
        ] as const)),
  ]);
  const peerCell =
    peer === undefined
      ? '–'
      : `${peer.name}: ${format(peerRate)}/s vs ours ${format(oursOnSame)}/s on its ${accepted.length} pairs (×${(oursOnSame / peerRate).toFixed(1)})`;
  rows.push(
    `| ${id} | ${pairs.length} (${distinct} versions) | ${format(ours)}/s | ${uncached === undefined ? '–' : `${format(noCache)}/s`} | ${peerCell} | ${format(floor)}/s |`,
  );
}

process.stdout.write(`## Version comparison

Comparisons per second of each \`src/versioning\` scheme over the version pairs of the acceptance
corpus (osv-scalibr's \`semantic/testdata\`), median of ${ROUNDS} rounds in one process; each round
gives every contender a ${SLICE_MS} ms slice in turn, so load from other processes falls on all alike. "Without parse cache" parses both versions on every call
(the default memoises up to 4096 parsed versions, so corpora with more distinct versions than that
also pay for evictions). Peers are timed on the pairs they accept (node-semver and
@renovatebot/pep440 throw on others), ours on the same pairs; plain string comparison is the
floor: no version logic at all.

| Scheme | Pairs | Ours | Without parse cache | Peer | String compare (floor) |
| --- | --- | --- | --- | --- | --- |
${rows.join('\n')}
`);
