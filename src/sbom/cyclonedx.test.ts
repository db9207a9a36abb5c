import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sampleImageReport, sampleReport } from '../../test/helpers/report-factory.ts';
import { isSecflowError } from '../core/errors.ts';
import type { ExtractResult } from '../ecosystems/extractor.ts';
import { cyclonedxReporter } from '../reporters/cyclonedx/index.ts';
import { cyclonedxExtractor } from './cyclonedx.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

async function extract(path: string, content: string): Promise<ExtractResult> {
  return cyclonedxExtractor.extract({ path, content, readRelated: async () => undefined });
}

function bom(components: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components, ...extra });
}

describe('cyclonedx extractor', () => {
  it('claims CycloneDX JSON file names only', () => {
    for (const path of ['bom.json', 'dist/app.cdx.json', 'sbom/App.CycloneDX.json', 'BOM.JSON']) {
      expect(cyclonedxExtractor.matches(path), path).toBe(true);
    }
    for (const path of ['bom.xml', 'bom.json.bak', 'package.json', 'x.spdx.json', 'mybom.json']) {
      expect(cyclonedxExtractor.matches(path), path).toBe(false);
    }
  });

  it.each([
    'syft-debian-image.cdx.json',
    'cdxgen-npm-project.cdx.json',
    'maven-shaded-app/bom.json',
  ])('reads %s as expected', async (name) => {
    const expected = JSON.parse(
      fixture(name.replace(/\.json$/, '.expected.json')),
    ) as ExtractResult & {
      extractor: string;
    };
    const { extractor, ...result } = expected;
    expect(extractor).toBe('sbom/cyclonedx');
    expect(await extract(name, fixture(name))).toEqual(result);
  });

  it('walks nested components and resolves the graph through bom-refs', async () => {
    const { packages } = await extract('bom.json', fixture('maven-shaded-app/bom.json'));
    const core = packages.find((p) => p.name === 'com.fasterxml.jackson.core:jackson-core');
    expect(core).toMatchObject({ ecosystem: 'Maven', version: '2.9.10', direct: false });
    const databind = packages.find((p) => p.name === 'com.fasterxml.jackson.core:jackson-databind');
    expect(databind?.dependsOn).toEqual(['com.fasterxml.jackson.core:jackson-core@2.9.10']);
    expect(packages.find((p) => p.name === 'junit:junit')?.dev).toBe(true);
  });

  it('reads its own output back: secflow sbom → secflow scan round trip', async () => {
    for (const report of [sampleReport(), sampleImageReport()]) {
      const written = cyclonedxReporter.render(report, { color: false });
      const { packages } = await extract('secflow.cdx.json', written);
      const key = (p: { ecosystem: string; name: string; version: string }) =>
        `${p.ecosystem}|${p.name}|${p.version}`;
      expect(packages.map(key).sort()).toEqual(report.packages.map(key).sort());
      const minimist = packages.find((p) => p.name === 'minimist');
      if (minimist !== undefined) expect(minimist).toMatchObject({ direct: false, dev: true });
    }
  });

  it('uses the component version when the purl has none', async () => {
    const { packages } = await extract(
      'bom.json',
      bom([
        { type: 'library', name: 'qs', version: '6.5.2', purl: 'pkg:npm/qs' },
        {
          type: 'library',
          name: 'gin',
          version: 'v1.9.0',
          purl: 'pkg:golang/github.com/gin-gonic/gin',
        },
      ]),
    );
    expect(packages.map((p) => `${p.name}@${p.version}`)).toEqual([
      'qs@6.5.2',
      'github.com/gin-gonic/gin@1.9.0',
    ]);
  });

  it('walks a hostile, very deep component tree without recursion', async () => {
    // Built as text: JSON.stringify itself would overflow the stack on this input.
    const depth = 50_000;
    const leaf = '{"type":"library","name":"leaf","version":"1.0.0","purl":"pkg:npm/leaf@1.0.0"}';
    const nested = `${'{"type":"library","name":"n","components":['.repeat(depth)}${leaf}${']}'.repeat(depth)}`;
    const content = `{"bomFormat":"CycloneDX","specVersion":"1.5","components":[${nested}]}`;
    const { packages, skipped } = await extract('bom.json', content);
    expect(packages.map((p) => p.name)).toEqual(['leaf']);
    expect(skipped).toHaveLength(depth);
  });

  it('survives huge strings and junk values inside an otherwise valid BOM', async () => {
    const huge = 'x'.repeat(5_000_000);
    const { packages, skipped } = await extract(
      'bom.json',
      bom(
        [
          { type: 'library', name: huge, purl: `pkg:npm/${huge}@1.0.0` },
          { type: 'library', name: 'n', purl: 42 },
          null,
          'string',
          { type: 'library', purl: 'pkg:npm/ok@1.0.0', properties: 'nope' },
        ],
        { dependencies: [{ ref: 1 }, null, { ref: 'pkg:npm/ok@1.0.0', dependsOn: 'x' }] },
      ),
    );
    expect(packages.map((p) => p.name)).toEqual([huge, 'ok']);
    expect(skipped.map((s) => s.reason)).toEqual(['unsupported']);
  });

  it('rejects files that are not CycloneDX JSON with an input error naming the file', async () => {
    const cases = [
      ['{"bomFormat": "CycloneDX", "specVersion": ', /bom\.json: not valid JSON/],
      ['[1, 2]', /bom\.json: a CycloneDX document is a JSON object/],
      ['{"name": "my-bom", "items": []}', /bom\.json: not a CycloneDX BOM/],
      ['{"bomFormat": "CycloneDX", "specVersion": "2.0"}', /specVersion 2\.0 is not supported/],
    ] as const;
    for (const [content, message] of cases) {
      const error = await extract('bom.json', content).catch((e: unknown) => e);
      expect(isSecflowError(error) && error.code === 'input', String(error)).toBe(true);
      expect((error as Error).message).toMatch(message);
    }
  });
});
