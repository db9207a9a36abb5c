import { describe, expect, it } from 'vitest';
import { isSecflowError } from '../../core/errors.ts';
import type { Extractor } from '../extractor.ts';
import { binaryJunk, CLEAN_REFUSAL, extractOutcome, refusal } from '../shared/hostile-inputs.ts';
import { csprojExtractor } from './csproj.ts';
import { depsJsonExtractor } from './deps-json.ts';
import { directoryPackagesPropsExtractor } from './directory-packages-props.ts';
import { packagesConfigExtractor } from './packages-config.ts';
import { packagesLockExtractor } from './packages-lock.ts';
import { paketDependenciesExtractor } from './paket-dependencies.ts';
import { paketLockExtractor } from './paket-lock.ts';
import { projectAssetsExtractor } from './project-assets.ts';

const junk = binaryJunk();
const deep = 100_000;

const xmlBombs = {
  'billion laughs': `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<Project><ItemGroup><PackageReference Include="&lol3;" Version="1.0.0" /></ItemGroup></Project>`,
  'external entity': `<?xml version="1.0"?>
<!DOCTYPE Project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Project><ItemGroup><PackageReference Include="&xxe;" Version="1.0.0" /></ItemGroup></Project>`,
  'undeclared entity':
    '<Project><ItemGroup><PackageReference Include="&xxe;" Version="1" /></ItemGroup></Project>',
  '10^5 nested elements': `${'<a>'.repeat(deep)}${'</a>'.repeat(deep)}`,
  truncated: '<Project><ItemGroup><PackageReference Include="A" Version="1.0.0" /></Item',
};

const jsonInputs = {
  '10^5 nested arrays': `${'['.repeat(deep)}${']'.repeat(deep)}`,
  '10^5 nested objects': `${'{"a":'.repeat(deep)}1${'}'.repeat(deep)}`,
  truncated: '{"version": 1, "dependencies": {"net6.0": {"A": {"type": "Direct", "resolved": ',
};

const cases: [Extractor, string, Record<string, string>][] = [
  [csprojExtractor, 'App.csproj', xmlBombs],
  [directoryPackagesPropsExtractor, 'Directory.Packages.props', xmlBombs],
  [packagesConfigExtractor, 'packages.config', xmlBombs],
  [packagesLockExtractor, 'packages.lock.json', jsonInputs],
  [depsJsonExtractor, 'App.deps.json', jsonInputs],
  [projectAssetsExtractor, 'project.assets.json', jsonInputs],
];

describe('hostile NuGet inputs', () => {
  for (const [extractor, path, inputs] of cases) {
    for (const [label, content] of Object.entries({ 'binary junk': junk, ...inputs })) {
      it(`${path}: ${label} is refused with one input error naming the file`, async () => {
        const { error, read } = await extractOutcome(extractor, path, content);
        expect(refusal(error, path)).toEqual(CLEAN_REFUSAL);
        // Nothing named by an entity is ever read.
        expect(read.filter((p) => p.includes('passwd'))).toEqual([]);
      });
    }
  }

  it('refuses document type declarations before any entity is expanded', async () => {
    const { error } = await extractOutcome(
      csprojExtractor,
      'App.csproj',
      xmlBombs['billion laughs'],
    );
    expect((error as Error).message).toContain(
      'document type declarations (DTDs) are not accepted',
    );
  });

  for (const [extractor, path] of [
    [paketDependenciesExtractor, 'paket.dependencies'],
    [paketLockExtractor, 'paket.lock'],
  ] as const) {
    it(`${path}: binary junk is refused, odd text becomes skipped entries`, async () => {
      const binary = await extractOutcome(extractor, path, junk);
      expect(isSecflowError(binary.error)).toBe(true);
      const odd = await extractOutcome(
        extractor,
        path,
        `${'['.repeat(deep)}\n${'x'.repeat(50_000)}`,
      );
      expect(odd.error).toBeUndefined();
      expect(odd.result?.packages).toEqual([]);
    });
  }
});
