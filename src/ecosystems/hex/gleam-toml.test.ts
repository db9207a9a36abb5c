import { describe, expect, it } from 'vitest';
import { gleamTomlExtractor } from './gleam-toml.ts';

describe('gleam.toml', () => {
  it('reads exact requirements as packages and keeps ranges, git and path dependencies as skipped', async () => {
    const { packages, skipped } = await gleamTomlExtractor.extract({
      path: 'gleam.toml',
      content: `name = "app"
version = "1.0.0"

[dependencies]
gleam_stdlib = ">= 0.34.0 and < 2.0.0"
gleam_json = "1.0.1"
my_git = { git = "https://github.com/me/my_git", ref = "a8b3c5d82" }
my_local = { path = "../my_local" }

[dev-dependencies]
gleeunit = "== 1.2.0"
`,
      readRelated: async () => undefined,
    });
    expect(packages.map((p) => [p.name, p.version, p.direct, p.dev, p.locations[0]?.line])).toEqual(
      [
        ['gleam_json', '1.0.1', true, false, 6],
        ['gleeunit', '1.2.0', true, true, 11],
      ],
    );
    expect(skipped.map((s) => [s.reason, s.name, s.version, s.line])).toEqual([
      ['unpinned', 'gleam_stdlib', '>= 0.34.0 and < 2.0.0', 5],
      ['non-registry', 'my_git', '', 7],
      ['non-registry', undefined, undefined, 8],
    ]);
  });

  it('refuses a file that is not TOML', async () => {
    await expect(async () =>
      gleamTomlExtractor.extract({
        path: 'gleam.toml',
        content: 'this is not valid toml [[[',
        readRelated: async () => undefined,
      }),
    ).rejects.toThrow(/^gleam\.toml: not a valid gleam\.toml: /);
  });
});
