import { describe, expect, it } from 'vitest';
import { packagesConfigExtractor } from './packages-config.ts';

const extract = (content: string) =>
  packagesConfigExtractor.extract({
    path: 'web/packages.config',
    content,
    readRelated: async () => undefined,
  });

describe('packages.config', () => {
  it('reads every package with its exact version and development flag', async () => {
    const { packages, skipped } = await extract(`<?xml version="1.0" encoding="utf-8"?>
<packages>
  <package id="jQuery" version="3.4.1" targetFramework="net48" />
  <package id="Microsoft.Net.Compilers" version="2.4.0" developmentDependency="true" />
  <package id="NoVersion" targetFramework="net48" />
</packages>`);
    expect(packages.map((p) => [p.name, p.version, p.dev, p.locations[0]])).toEqual([
      ['jQuery', '3.4.1', false, { path: 'web/packages.config', line: 3 }],
      ['Microsoft.Net.Compilers', '2.4.0', true, { path: 'web/packages.config', line: 4 }],
    ]);
    expect(skipped).toEqual([
      {
        path: 'web/packages.config',
        line: 5,
        entry: 'package NoVersion',
        reason: 'malformed',
        detail: 'no version attribute',
      },
    ]);
  });

  it('refuses XML with another root element', async () => {
    await expect(async () => extract('<configuration />')).rejects.toThrow(
      'web/packages.config: not a valid',
    );
  });
});
