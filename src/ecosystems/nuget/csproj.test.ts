import { describe, expect, it } from 'vitest';
import { csprojExtractor } from './csproj.ts';

const project = `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <SerilogVersion>2.10.0</SerilogVersion>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Serilog" Version="$(SerilogVersion)" />
    <PackageReference Include="Newtonsoft.Json">
      <Version>13.0.1</Version>
    </PackageReference>
    <PackageReference Include="Polly" Version="[7.2.3, 8.0)" />
    <PackageReference Include="Humanizer" Version="2.*" />
    <PackageReference Include="LiteDB" />
    <PackageReference Include="" Version="1.0.0" />
  </ItemGroup>
</Project>`;

const extract = (content: string, files: Record<string, string> = {}) =>
  csprojExtractor.extract({
    path: 'src/App/App.csproj',
    content,
    readRelated: async (p) => files[p],
  });

describe('*.csproj', () => {
  it('matches C#, F# and VB project files', () => {
    expect(csprojExtractor.matches('src/App/App.csproj')).toBe(true);
    expect(csprojExtractor.matches('Lib.fsproj')).toBe(true);
    expect(csprojExtractor.matches('App.csproj.user')).toBe(false);
  });

  it('reads PackageReference items as direct dependencies, interpolating properties', async () => {
    const { packages, skipped } = await extract(project);
    expect(packages.map((p) => [p.name, p.version, p.direct, p.locations[0]?.line])).toEqual([
      ['Serilog', '2.10.0', true, 6],
      ['Newtonsoft.Json', '13.0.1', true, 7],
      // NuGet restores the lowest version a range allows.
      ['Polly', '7.2.3', true, 10],
    ]);
    expect(skipped.map((s) => [s.reason, s.name, s.version, s.line])).toEqual([
      ['unpinned', 'Humanizer', '2.*', 11],
      ['malformed', undefined, undefined, 12],
      ['malformed', undefined, undefined, 13],
    ]);
  });

  it('takes versions from the nearest Directory.Packages.props above the project', async () => {
    const props = `<Project>
  <ItemGroup>
    <PackageVersion Include="LiteDB" Version="5.0.12" />
  </ItemGroup>
</Project>`;
    const { packages } = await extract(project, { '../../Directory.Packages.props': props });
    expect(packages.find((p) => p.name === 'LiteDB')).toMatchObject({
      version: '5.0.12',
      direct: true,
    });
  });

  it('prefers VersionOverride to the central version', async () => {
    const content = `<Project><ItemGroup><PackageReference Include="LiteDB" VersionOverride="5.0.15" /></ItemGroup></Project>`;
    const props = `<Project><ItemGroup><PackageVersion Include="LiteDB" Version="5.0.12" /></ItemGroup></Project>`;
    const { packages } = await extract(content, { 'Directory.Packages.props': props });
    expect(packages.map((p) => p.version)).toEqual(['5.0.15']);
  });

  it('refuses a file that is not an MSBuild project', async () => {
    await expect(async () => extract('<packages />')).rejects.toThrow(
      'src/App/App.csproj: not a valid MSBuild project file: root element is <packages>, not <Project>',
    );
  });
});
