import { describe, expect, it } from 'vitest';
import { memoryInput } from '../shared/memory-input.ts';
import { uvLock } from './uv-lock.ts';

const LOCK = `version = 1
requires-python = ">=3.10"

[[package]]
name = "app"
version = "0.1.0"
source = { editable = "." }
dependencies = [
    { name = "httpx", extra = ["http2"] },
]

[package.optional-dependencies]
cli = [{ name = "click" }]

[package.dev-dependencies]
dev = [{ name = "pytest" }]

[[package]]
name = "httpx"
version = "0.27.0"
source = { registry = "https://pypi.org/simple" }
dependencies = [{ name = "idna" }]

[package.optional-dependencies]
http2 = [{ name = "h2" }]

[[package]]
name = "h2"
version = "4.1.0"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "idna"
version = "3.6"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "click"
version = "8.1.7"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "pytest"
version = "8.0.0"
source = { registry = "https://pypi.org/simple" }
dependencies = [{ name = "idna" }, { name = "ruff" }]

[[package]]
name = "ruff"
version = "0.8.1"
source = { git = "https://github.com/astral-sh/ruff#84748be" }
`;

describe('uv.lock', () => {
  it('uses the workspace member as the root: direct, dev, extras and paths', async () => {
    const { packages, skipped } = await uvLock.extract(memoryInput({ 'uv.lock': LOCK }, 'uv.lock'));
    const rows = packages.map((p) => [
      p.name,
      p.direct,
      p.dev,
      p.dependencyPath?.join(' > '),
      p.locations[0]?.line,
    ]);
    expect(rows).toEqual([
      ['httpx', true, false, 'httpx@0.27.0', 18],
      ['h2', false, false, 'httpx@0.27.0 > h2@4.1.0', 27],
      ['idna', false, false, 'httpx@0.27.0 > idna@3.6', 32],
      ['click', true, false, 'click@8.1.7', 37],
      ['pytest', true, true, 'pytest@8.0.0', 42],
    ]);
    expect(skipped).toEqual([
      expect.objectContaining({ reason: 'non-registry', name: 'ruff', version: '0.8.1', line: 48 }),
    ]);
  });

  it('without a workspace member, knows no roots', async () => {
    const lock =
      '[[package]]\nname = "a"\nversion = "1.0"\nsource = { registry = "https://pypi.org/simple" }\n';
    const { packages } = await uvLock.extract(memoryInput({ 'uv.lock': lock }, 'uv.lock'));
    expect(packages[0]).not.toHaveProperty('direct');
    expect(packages[0]).not.toHaveProperty('dependencyPath');
  });
});
