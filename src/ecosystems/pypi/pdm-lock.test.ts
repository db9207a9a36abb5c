import { describe, expect, it } from 'vitest';
import { memoryInput } from '../shared/memory-input.ts';
import { pdmLock } from './pdm-lock.ts';

const LOCK = `[metadata]
groups = ["default", "lint", "extra"]
lock_version = "4.4.1"

[[package]]
name = "requests"
version = "2.31.0"
groups = ["default"]
dependencies = ["idna<4,>=2.5", "urllib3[socks]<3,>=1.21.1"]

[[package]]
name = "idna"
version = "3.6"
groups = ["default", "lint"]

[[package]]
name = "urllib3"
version = "2.2.1"
groups = ["default"]

[[package]]
name = "ruff"
version = "0.3.0"
groups = ["lint"]

[[package]]
name = "rich"
version = "13.7.0"
groups = ["extra"]

[[package]]
name = "toml"
version = "0.10.2"
git = "https://github.com/uiri/toml.git"
revision = "65bab75"
groups = ["default"]
`;

const PYPROJECT = `[project]
dependencies = ["requests>=2"]
[project.optional-dependencies]
extra = ["rich"]
[tool.pdm.dev-dependencies]
lint = ["ruff"]
`;

describe('pdm.lock', () => {
  it('reads groups: dev when every group is a development group of pyproject.toml', async () => {
    const files = { 'pdm.lock': LOCK, 'pyproject.toml': PYPROJECT };
    const { packages, skipped } = await pdmLock.extract(memoryInput(files, 'pdm.lock'));
    expect(
      packages.map((p) => [
        p.name,
        p.dev,
        p.direct,
        p.dependencyPath?.length,
        p.locations[0]?.line,
      ]),
    ).toEqual([
      ['requests', false, true, 1, 5],
      ['idna', false, false, 2, 11],
      ['urllib3', false, false, 2, 16],
      ['ruff', true, true, 1, 21],
      ['rich', false, true, 1, 26],
    ]);
    expect(skipped).toEqual([
      expect.objectContaining({ reason: 'non-registry', name: 'toml', version: '0.10.2' }),
    ]);
  });

  it('without pyproject.toml, treats conventionally named groups as dev', async () => {
    const { packages } = await pdmLock.extract(memoryInput({ 'pdm.lock': LOCK }, 'pdm.lock'));
    expect(packages.map((p) => [p.name, p.dev, p.direct])).toEqual([
      ['requests', false, undefined],
      ['idna', false, undefined],
      ['urllib3', false, undefined],
      ['ruff', true, undefined],
      ['rich', false, undefined],
    ]);
  });
});
