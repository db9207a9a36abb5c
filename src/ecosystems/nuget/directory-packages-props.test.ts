import { describe, expect, it } from 'vitest';
import { directoryPackagesPropsExtractor } from './directory-packages-props.ts';

const extract = (content: string) =>
  directoryPackagesPropsExtractor.extract({
    path: 'Directory.Packages.props',
    content,
    readRelated: async () => undefined,
  });

describe('Directory.Packages.props', () => {
  it('reads central versions and global references', async () => {
    const { packages, skipped } = await extract(`<Project>
  <PropertyGroup>
    <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
  </PropertyGroup>
  <ItemGroup>
    <PackageVersion Include="Serilog" Version="2.10.0" />
    <GlobalPackageReference Include="Nerdbank.GitVersioning" Version="3.6.133" />
    <PackageVersion Include="Polly" Version="(7.0, 8.0)" />
    <PackageVersion Include="LiteDB" />
  </ItemGroup>
</Project>`);
    expect(packages.map((p) => [p.name, p.version, p.direct, p.locations[0]?.line])).toEqual([
      ['Serilog', '2.10.0', undefined, 6],
      ['Nerdbank.GitVersioning', '3.6.133', true, 7],
    ]);
    expect(skipped.map((s) => [s.reason, s.name, s.version])).toEqual([
      ['unpinned', 'Polly', '7.0'],
      ['malformed', undefined, undefined],
    ]);
  });

  it('matches only the central file name', () => {
    expect(directoryPackagesPropsExtractor.matches('build/Directory.Packages.props')).toBe(true);
    expect(directoryPackagesPropsExtractor.matches('Directory.Build.props')).toBe(false);
  });
});
