import { readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExtractResult } from '../../src/ecosystems/extractor.ts';
import { allExtractors } from '../../src/ecosystems/registry.ts';

/**
 * Where the peer reports an entry we deliberately do not check (an unpinned requirement, a local
 * path replacement), we report it as a SkippedEntry carrying its name and the version text as
 * written, so set equality still holds while the scanner lists it as "not checkable".
 *
 * Acceptance: every real lockfile from osv-scalibr's test data, with the package set scalibr's own
 * tests expect (test/corpora/scalibr/README.md). Run one ecosystem with `-t "npm"`.
 */
const corpus = resolve(import.meta.dirname, '../corpora/scalibr/lockfiles');

interface ExpectedPackage {
  name: string;
  version: string;
  dev: boolean | null;
  direct: boolean | null;
}
interface Expected {
  ecosystem: string;
  file: string;
  packages: ExpectedPackage[];
  error?: boolean;
  notes?: string;
}
interface Case {
  ecosystem: string;
  id: string;
  /** Absolute path of the fixture file. */
  file: string;
  /** Path relative to the case folder, as a scanner walking the folder would see it. */
  path: string;
  caseDir: string;
  expected: Expected;
}

function collectCases(): Case[] {
  const cases: Case[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (entry.endsWith('.expected.json')) {
        const expected = JSON.parse(readFileSync(full, 'utf8')) as Expected;
        const file = full.slice(0, -'.expected.json'.length);
        const rel = relative(corpus, file).split(sep);
        const [ecosystem, extractor, caseName] = rel;
        const caseDir = join(corpus, ecosystem ?? '', extractor ?? '', caseName ?? '');
        cases.push({
          ecosystem: ecosystem ?? '',
          id: `${extractor}/${caseName}`,
          file,
          path: relative(caseDir, file).split(sep).join('/'),
          caseDir,
          expected,
        });
      }
    }
  };
  walk(corpus);
  return cases.sort((a, b) => a.id.localeCompare(b.id));
}

async function extract(c: Case): Promise<ExtractResult> {
  const extractor = allExtractors().find((e) => e.matches(c.path));
  if (extractor === undefined) throw new Error(`no extractor matches ${c.path}`);
  const content = await readFile(c.file, 'utf8');
  return extractor.extract({
    path: c.path,
    content,
    readRelated: async (p) => {
      const target = resolve(dirname(c.file), p);
      if (!target.startsWith(c.caseDir + sep)) return undefined;
      return readFile(target, 'utf8').catch(() => undefined);
    },
  });
}

const key = (name: string, version: string) => `${name}@${version}`;

const byEcosystem = new Map<string, Case[]>();
for (const c of collectCases())
  byEcosystem.set(c.ecosystem, [...(byEcosystem.get(c.ecosystem) ?? []), c]);

for (const [ecosystem, cases] of byEcosystem) {
  describe(ecosystem, () => {
    it.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
      if (c.expected.error === true) {
        await expect(extract(c)).rejects.toThrow();
        return;
      }
      const result = await extract(c);
      const actual = new Set([
        ...result.packages.map((p) => key(p.name, p.version)),
        ...result.skipped.flatMap((s) =>
          s.name === undefined ? [] : [key(s.name, s.version ?? '')],
        ),
      ]);
      const expected = new Set(c.expected.packages.map((p) => key(p.name, p.version)));
      expect([...actual].sort()).toEqual([...expected].sort());

      for (const want of c.expected.packages) {
        const got = result.packages.filter(
          (p) => p.name === want.name && p.version === want.version,
        );
        if (want.dev !== null && got.length > 0) {
          expect({
            pkg: key(want.name, want.version),
            dev: got.some((p) => p.dev === want.dev),
          }).toEqual({
            pkg: key(want.name, want.version),
            dev: true,
          });
        }
        if (want.direct !== null && got.length > 0) {
          expect({ pkg: key(want.name, want.version), direct: got[0]?.direct ?? false }).toEqual({
            pkg: key(want.name, want.version),
            direct: want.direct,
          });
        }
      }
    });
  });
}
