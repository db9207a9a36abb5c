import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sampleImageReport, sampleReport } from '../../test/helpers/report-factory.ts';
import { isSecflowError } from '../core/errors.ts';
import type { ExtractResult } from '../ecosystems/extractor.ts';
import { spdxReporter } from '../reporters/spdx/index.ts';
import { sbomExtractors } from './index.ts';
import { spdxExtractor } from './spdx.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

async function extract(path: string, content: string): Promise<ExtractResult> {
  return spdxExtractor.extract({ path, content, readRelated: async () => undefined });
}

function doc(packages: unknown[], relationships: unknown[] = [], spdxVersion = 'SPDX-2.3'): string {
  return JSON.stringify({ spdxVersion, SPDXID: 'SPDXRef-DOCUMENT', packages, relationships });
}

describe('spdx extractor', () => {
  it('claims SPDX file names', () => {
    expect(spdxExtractor.matches('sbom/app.spdx.json')).toBe(true);
    expect(spdxExtractor.matches('APP.SPDX')).toBe(true);
    expect(spdxExtractor.matches('app.spdx.yaml')).toBe(false);
    expect(sbomExtractors.map((e) => e.id)).toEqual(['sbom/cyclonedx', 'sbom/spdx']);
  });

  it.each(['syft-alpine-image.spdx.json', 'github-dependency-graph.spdx.json'])(
    'reads %s as expected',
    async (name) => {
      const expected = JSON.parse(
        fixture(name.replace(/\.json$/, '.expected.json')),
      ) as ExtractResult & {
        extractor: string;
      };
      const { extractor, ...result } = expected;
      expect(extractor).toBe('sbom/spdx');
      expect(await extract(name, fixture(name))).toEqual(result);
    },
  );

  it('reads its own output back', async () => {
    for (const report of [sampleReport(), sampleImageReport()]) {
      const { packages, skipped } = await extract(
        'x.spdx.json',
        spdxReporter.render(report, { color: false }),
      );
      const key = (p: { ecosystem: string; name: string; version: string }) =>
        `${p.ecosystem}|${p.name}|${p.version}`;
      expect(packages.map(key).sort()).toEqual(report.packages.map(key).sort());
      expect(skipped).toEqual([]);
    }
    const { packages } = await extract(
      'x.spdx.json',
      spdxReporter.render(sampleReport(), { color: false }),
    );
    expect(packages.find((p) => p.name === 'mkdirp')).toMatchObject({
      direct: true,
      dependsOn: ['minimist@1.2.5'],
    });
    expect(packages.find((p) => p.name === 'minimist')?.direct).toBe(false);
  });

  it('reads SPDX 2.2 references and dependency relationships in both directions', async () => {
    const { packages } = await extract(
      'x.spdx.json',
      doc(
        [
          {
            SPDXID: 'SPDXRef-a',
            name: 'a',
            externalRefs: [
              {
                referenceCategory: 'PACKAGE_MANAGER',
                referenceType: 'purl',
                referenceLocator: 'pkg:npm/a@1.0.0',
              },
            ],
          },
          {
            SPDXID: 'SPDXRef-b',
            name: 'b',
            externalRefs: [
              {
                referenceCategory: 'PACKAGE_MANAGER',
                referenceType: 'purl',
                referenceLocator: 'pkg:npm/b@2.0.0',
              },
            ],
          },
          {
            SPDXID: 'SPDXRef-c',
            name: 'c',
            externalRefs: [
              {
                referenceCategory: 'PACKAGE-MANAGER',
                referenceType: 'purl',
                referenceLocator: 'pkg:npm/c@3.0.0',
              },
            ],
          },
        ],
        [
          {
            spdxElementId: 'SPDXRef-b',
            relationshipType: 'DEPENDENCY_OF',
            relatedSpdxElement: 'SPDXRef-a',
          },
          {
            spdxElementId: 'SPDXRef-c',
            relationshipType: 'DEV_DEPENDENCY_OF',
            relatedSpdxElement: 'SPDXRef-a',
          },
        ],
        'SPDX-2.2',
      ),
    );
    expect(packages.find((p) => p.name === 'a')?.dependsOn).toEqual(['b@2.0.0', 'c@3.0.0']);
    expect(packages.find((p) => p.name === 'c')?.dev).toBe(true);
  });

  it('reports tag-value .spdx files as unsupported instead of failing', async () => {
    const { packages, skipped } = await extract(
      'legacy.spdx',
      'SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\n',
    );
    expect(packages).toEqual([]);
    expect(skipped).toEqual([
      {
        path: 'legacy.spdx',
        reason: 'unsupported',
        detail: expect.stringMatching(/tag-value is not read/),
      },
    ]);
  });

  it('rejects documents that are not SPDX 2 JSON', async () => {
    for (const [content, message] of [
      ['{', /not valid JSON/],
      [
        '{"spdxVersion": "SPDX-3.0", "@context": "https://spdx.org/rdf/3.0.0/spdx-context.jsonld"}',
        /not an SPDX 2\.x JSON document/,
      ],
      ['{"packages": []}', /spdxVersion is missing/],
    ] as const) {
      const error = await extract('x.spdx.json', content).catch((e: unknown) => e);
      expect(isSecflowError(error) && error.code === 'input').toBe(true);
      expect((error as Error).message).toMatch(message);
    }
  });
});
