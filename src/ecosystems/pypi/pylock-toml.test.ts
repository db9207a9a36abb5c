import { describe, expect, it } from 'vitest';
import { memoryInput } from '../shared/memory-input.ts';
import { pylockToml } from './pylock-toml.ts';

const LOCK = `lock-version = "1.0"
created-by = "uv"

[[packages]]
name = "cattrs"
version = "24.1.2"
index = "https://pypi.org/simple"
dependencies = [{ name = "attrs" }]

[[packages.wheels]]
name = "cattrs-24.1.2-py3-none-any.whl"

[[packages]]
name = "attrs"
version = "25.1.0"

[[packages]]
name = "mleroc"
version = "0.1.0"
vcs = { type = "git", url = "https://github.com/Veggente/mleroc.git", commit-id = "735093f" }

[[packages]]
name = "myproject"
directory = { path = ".", editable = true }
`;

describe('pylock.toml', () => {
  it('reads packages with lines and dependsOn, skips VCS, leaves out the project itself', async () => {
    expect(pylockToml.matches('pylock.dev.toml')).toBe(true);
    const { packages, skipped } = await pylockToml.extract(
      memoryInput({ 'pylock.toml': LOCK }, 'pylock.toml'),
    );
    expect(packages.map((p) => [p.name, p.version, p.locations[0]?.line, p.dependsOn])).toEqual([
      ['cattrs', '24.1.2', 4, ['attrs@25.1.0']],
      ['attrs', '25.1.0', 13, undefined],
    ]);
    expect(skipped).toEqual([
      expect.objectContaining({
        reason: 'non-registry',
        name: 'mleroc',
        version: '0.1.0',
        line: 17,
      }),
    ]);
  });
});
