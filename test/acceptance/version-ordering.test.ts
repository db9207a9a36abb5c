import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getVersionScheme } from '../../src/versioning/registry.ts';

/**
 * Acceptance: every comparison in osv-scalibr's version-ordering corpus holds in both directions
 * (test/corpora/scalibr/README.md). The `*-generated.txt` files are real published versions in the
 * order each ecosystem's own tool gives them; the others are hand-written edge cases. Failing lines
 * are listed one per entry, with their line number, in the assertion diff.
 */
const corpus = resolve(import.meta.dirname, '../corpora/scalibr/versions');

/** Which scheme orders each corpus file, by the file's ecosystem prefix. */
const schemesByEcosystem: Readonly<Record<string, readonly string[]>> = {
  alpine: ['apk'],
  cran: ['cran'],
  debian: ['dpkg'],
  hackage: ['hackage'],
  maven: ['maven'],
  nuget: ['nuget'],
  packagist: ['packagist'],
  pub: ['pub'],
  pypi: ['pep440'],
  redhat: ['rpm'],
  rubygems: ['rubygems'],
  // scalibr checks npm, crates.io, Hex and Go against this file; Go modules are SemVer too.
  semver: ['semver', 'go'],
};

/**
 * Corpus lines that the ecosystem's own tool answers differently. They are not skipped: each is
 * checked to give the tool's answer, and the table must name the line exactly as the corpus has
 * it. The scheme's README.md explains each one.
 */
const contradictions: Readonly<
  Record<string, { line: string; tool: '<' | '=' | '>'; why: string }>
> = {
  'maven-versions.txt:100': {
    line: '1-1 = 1-ga-1',
    tool: '>',
    why: 'Maven ComparableVersion (3.0 to 3.9.6, checked with the jars) keeps the list level "-ga" opened; only the POM reference text says =',
  },
};

interface Comparison {
  readonly line: number;
  readonly a: string;
  readonly op: '<' | '=' | '>';
  readonly b: string;
}

const expected = { '<': -1, '=': 0, '>': 1 } as const;
const symbol = (n: number) => (n < 0 ? '<' : n > 0 ? '>' : '=');

function readComparisons(file: string): Comparison[] {
  const comparisons: Comparison[] = [];
  readFileSync(join(corpus, file), 'utf8')
    .split('\n')
    .forEach((raw, index) => {
      const text = raw.trim();
      if (text === '' || text.startsWith('#') || text.startsWith('//')) return;
      const [a, op, b, ...rest] = text.split(' ');
      if (
        a === undefined ||
        b === undefined ||
        rest.length > 0 ||
        !(op === '<' || op === '=' || op === '>')
      )
        throw new Error(`${file}:${index + 1}: not "A <|=|> B": ${text}`);
      comparisons.push({ line: index + 1, a, op, b });
    });
  return comparisons;
}

const files = readdirSync(corpus)
  .filter((f) => f.endsWith('.txt'))
  .sort();

describe('corpus lines the ecosystem tool contradicts', () => {
  it.each(Object.entries(contradictions))(
    '%s is checked the way the tool answers it',
    (where, c) => {
      const [file, line] = where.split(':');
      const text = readFileSync(join(corpus, file as string), 'utf8').split('\n')[Number(line) - 1];
      expect(text?.trim(), `${where} changed: revisit the contradiction (${c.why})`).toBe(c.line);
    },
  );
});

describe.each(files)('%s', (file) => {
  const ecosystem = file.replace(/-versions(-generated)?\.txt$/, '');
  const comparisons = readComparisons(file);
  const schemes = schemesByEcosystem[ecosystem];

  it('names a known ecosystem', () => {
    expect(schemes, `no scheme mapped for ${file}`).toBeDefined();
  });

  it.each(schemes ?? [])(`all ${comparisons.length} comparisons hold under %s`, (id) => {
    const scheme = getVersionScheme(id);
    const failures: string[] = [];
    for (const { line, a, op, b } of comparisons) {
      const forward = Math.sign(scheme.compare(a, b));
      const backward = Math.sign(scheme.compare(b, a));
      const want = expected[contradictions[`${file}:${line}`]?.tool ?? op];
      if (forward !== want)
        failures.push(`${file}:${line}: ${a} ${op} ${b}, got ${symbol(forward)}`);
      else if (backward !== -forward)
        failures.push(
          `${file}:${line}: ${a} ${op} ${b} holds but reversed gives ${b} ${symbol(backward)} ${a}`,
        );
    }
    expect(failures).toEqual([]);
  });
});
