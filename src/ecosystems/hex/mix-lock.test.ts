import { describe, expect, it } from 'vitest';
import { binaryJunk, CLEAN_REFUSAL, refusal, thrownBy } from '../shared/hostile-inputs.ts';
import { mixLockExtractor } from './mix-lock.ts';

const extract = (content: string) =>
  mixLockExtractor.extract({ path: 'mix.lock', content, readRelated: async () => undefined });

describe('mix.lock', () => {
  it('reads hex packages with their dependencies, and git ones as not checkable', async () => {
    const { packages, skipped } = await extract(`%{
  "plug": {:hex, :plug, "1.11.1", "f299", [:mix], [{:mime, "~> 1.0", [hex: :mime, repo: "hexpm", optional: false]}, {:telemetry, "~> 0.4", [hex: :telemetry, repo: "hexpm", optional: false]}], "hexpm", "2352"},
  "mime": {:hex, :mime, "1.5.0", "203e", [:mix], [], "hexpm", "7a41"},
  "my_fork": {:git, "https://github.com/me/my_fork.git", "fc94cce7830fa4dc455024bc2a83720afe244531", [branch: "main"]},
  "renamed_app": {:hex, :real_package, "0.2.0", "abcd", [:rebar3], [], "hexpm:my_org", "ef01"},
  "certifi": {:hex, },
}
`);
    expect(
      packages.map((p) => [p.name, p.version, p.locations[0]?.line, p.dependsOn, p.purl]),
    ).toEqual([
      ['plug', '1.11.1', 2, ['mime@1.5.0'], 'pkg:hex/plug@1.11.1'],
      ['mime', '1.5.0', 3, undefined, 'pkg:hex/mime@1.5.0'],
      ['real_package', '0.2.0', 5, undefined, 'pkg:hex/real_package@0.2.0'],
    ]);
    expect(skipped.map((s) => [s.reason, s.name, s.version, s.line])).toEqual([
      ['non-registry', 'my_fork', '', 4],
      ['malformed', undefined, undefined, 6],
    ]);
  });

  it('reads the older `"name" => {…}` map syntax and comments', async () => {
    const { packages } = await extract('# comment\n%{"poison" => {:hex, :poison, "3.1.0", "abc"}}');
    expect(packages.map((p) => `${p.name}@${p.version}`)).toEqual(['poison@3.1.0']);
  });

  it.each([
    ['binary junk', binaryJunk(2048)],
    ['a truncated file', '%{\n  "plug": {:hex, :plug, "1.11.1", "f2'],
    ['10^5 nested tuples', `%{"a": ${'{'.repeat(100_000)}${'}'.repeat(100_000)}}`],
    ['10^5 nested lists', `${'['.repeat(100_000)}`],
    ['not a map', '[1, 2]'],
    ['two values', '%{} %{}'],
  ])('refuses %s with one input error naming the file', async (_label, content) => {
    expect(refusal(await thrownBy(() => extract(content)), 'mix.lock')).toEqual(CLEAN_REFUSAL);
  });
});
