import { describe, expect, it } from 'vitest';
import { SecflowError } from '../core/errors.ts';
import { getVersionScheme, versionSchemes } from './registry.ts';

/** Well-formed versions of each scheme, in no particular order. */
const validSamples: Readonly<Record<string, readonly string[]>> = {
  apk: [
    '1.2.3-r0',
    '1.2.3_rc1-r0',
    '1.2.3_p2-r1',
    '1.2.3a-r0',
    '2.0',
    '0.1_alpha',
    '1.2.3~abc123-r4',
  ],
  cran: ['1.0-1', '1.0.1', '0.9-12', '2.3.4.5', '1.0-0'],
  dpkg: ['1.2.3-1', '1:1.2.3-1', '1.2.3~rc1-1', '1.2.3+dfsg-1ubuntu1', '1.2.3-1+deb11u1', '2.0'],
  go: [
    'v1.2.3',
    '1.2.3',
    'v0.0.0-20210101000000-abcdef123456',
    'v2.0.0+incompatible',
    'go1.21rc2',
    '1.21',
  ],
  hackage: ['1.0', '1.0.0.1', '0.11.3.0', '2'],
  maven: [
    '1.0',
    '1.0-SNAPSHOT',
    '2.5.RELEASE',
    '5.4.2.Final',
    '1.0-alpha-1',
    '1.0.1-sp2',
    '20190126.230843',
  ],
  nuget: ['1.0.0', '1.0.0.1', '1.0.0-beta.2', '1.0.0-BETA', '2.1', '1.0.0+meta'],
  packagist: ['1.0.0', 'v1.0.0', '1.0.0-beta2', '1.0.0-RC1', '1.0.0-dev', '1.0.0-patch1', '2.0'],
  pep440: ['1.0', '1.0a1', '1.0.post1', '1.0.dev1', '1!1.0', '2.0.1+cu118', '1.0rc1'],
  pub: ['1.0.0', '1.0.0-dev.1', '1.0.0+1', '2.0.0-nullsafety.0', '0.1.2'],
  rpm: ['1.0-1', '1:1.0-1.el8', '1.0~rc1-1', '1.0^git1-1', '3.10.0-229.el7', '2.0'],
  rubygems: ['1.0', '1.0.0.rc1', '2.3.4.beta', '0.9.1', '1.0-rc1'],
  semver: ['1.0.0', 'v1.2.3', '1.0.0-alpha.1', '1.0.0+build', '2.0.0-rc.1+x', '1.2'],
};

// A fixed-seed generator, so a failure reproduces.
function randomStrings(count: number, seed: number): string[] {
  let state = seed;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) >>> 0;
    return state % n;
  };
  const alphabet = [
    ...'0123456789.-_+~^:!@#aAbBzZrRpPvV',
    'rc',
    'dev',
    'alpha',
    '-r',
    '0x',
    'é',
    'ß',
    '😀',
    '\0',
    ' ',
    '\t',
    '\ud800',
    '\udc00',
  ];
  return Array.from({ length: count }, () => {
    let s = '';
    for (let i = next(12); i > 0; i--) s += alphabet[next(alphabet.length)];
    return s;
  });
}

const garbage = [
  '',
  ' ',
  'v',
  '.',
  '-',
  '+',
  '~',
  '^',
  ':',
  '#',
  '\0',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  '😀😀',
  '\ud800',
  '١٢٣.٤',
  'NaN',
  'Infinity',
  '-1',
  '1e10',
  '0x10',
  'null',
  '9'.repeat(400),
  ...randomStrings(300, 1),
];

/** Long hostile strings: linear work, no deep recursion (maven nests a list at every `-`). */
const huge = [
  `${'1.'.repeat(10_000)}1`,
  '.'.repeat(20_000),
  '-'.repeat(20_000),
  `1${'-1'.repeat(10_000)}`,
  `1${'-r'.repeat(10_000)}`,
  `1.${'#.'.repeat(10_000)}`,
  `${'a'.repeat(20_000)}1`,
  `1!${'0'.repeat(20_000)}`,
  `1${'_alpha1'.repeat(3_000)}`,
];

describe.each(Object.values(versionSchemes))('$id', (scheme) => {
  it('is registered under its own id', () => {
    expect(getVersionScheme(scheme.id)).toBe(scheme);
  });

  it('never throws on garbage, and answers -1, 0 or 1', () => {
    for (const a of garbage) {
      expect(() => scheme.isValid(a)).not.toThrow();
      for (const b of garbage.slice(0, 60)) {
        const r = scheme.compare(a, b);
        expect([-1, 0, 1], JSON.stringify([a.slice(0, 40), b.slice(0, 40)])).toContain(r);
      }
    }
  });

  it('handles huge strings in linear time and without deep recursion', () => {
    for (const a of huge) {
      expect(() => scheme.isValid(a)).not.toThrow();
      for (const b of [a, `${a}.`, '1.0', '']) {
        expect([-1, 0, 1]).toContain(scheme.compare(a, b));
        expect(scheme.compare(a, b) + scheme.compare(b, a)).toBe(0);
      }
    }
  });

  it('is reflexive and antisymmetric on garbage', () => {
    const problems: string[] = [];
    for (const a of garbage) {
      if (scheme.compare(a, a) !== 0) problems.push(`${JSON.stringify(a.slice(0, 40))} != itself`);
      for (const b of garbage) {
        if (scheme.compare(a, b) !== -scheme.compare(b, a))
          problems.push(`${JSON.stringify(a.slice(0, 40))} vs ${JSON.stringify(b.slice(0, 40))}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('accepts its valid samples and orders them consistently (transitively)', () => {
    const samples = validSamples[scheme.id] ?? [];
    expect(samples.length, `no valid samples for ${scheme.id}`).toBeGreaterThan(3);
    expect(samples.filter((v) => !scheme.isValid(v))).toEqual([]);
    const sorted = [...samples].sort(scheme.compare);
    const problems: string[] = [];
    for (let i = 0; i < sorted.length; i++)
      for (let j = i + 1; j < sorted.length; j++)
        if (scheme.compare(sorted[i] as string, sorted[j] as string) > 0)
          problems.push(`${sorted[i]} > ${sorted[j]} after sorting`);
    expect(problems).toEqual([]);
  });

  it('rejects the empty string and plain words', () => {
    expect(scheme.isValid('hello world')).toBe(false);
    if (scheme.id !== 'rubygems') expect(scheme.isValid('')).toBe(false); // Gem::Version reads "" as 0
  });
});

describe('getVersionScheme', () => {
  it('knows every id the ecosystem plugins use', () => {
    const ids = [
      'apk',
      'cran',
      'dpkg',
      'go',
      'hackage',
      'maven',
      'nuget',
      'packagist',
      'pep440',
      'pub',
      'rpm',
      'rubygems',
      'semver',
    ];
    expect(Object.keys(versionSchemes).sort()).toEqual(ids);
  });

  it('fails with a SecflowError naming the unknown id', () => {
    expect(() => getVersionScheme('cobol')).toThrow(SecflowError);
    expect(() => getVersionScheme('cobol')).toThrow(/unknown version scheme "cobol"/);
    expect(() => getVersionScheme('toString')).toThrow(SecflowError);
  });
});
