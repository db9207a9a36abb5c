import { describe, expect, it } from 'vitest';
import { memoryInput } from '../shared/memory-input.ts';
import { pyprojectToml } from './pyproject-toml.ts';

const PYPROJECT = `[project]
name = "demo"
dependencies = [
    "requests==2.31.0",
    "flask>=3.0",
    "numpy",
    "mylib @ git+https://github.com/me/mylib",
]

[project.optional-dependencies]
test = ["pytest==8.0.0"]

[dependency-groups]
lint = ["ruff==0.3.0", { include-group = "test" }]

[tool.poetry.dependencies]
python = "^3.10"
django = "4.2.1"
celery = { version = "^5.3", extras = ["redis"] }
`;

describe('pyproject.toml', () => {
  it('reports exact pins as packages and constraints as skipped, with lines and dev', async () => {
    const { packages, skipped } = await pyprojectToml.extract(
      memoryInput({ 'pyproject.toml': PYPROJECT }, 'pyproject.toml'),
    );
    expect(packages.map((p) => [p.name, p.version, p.dev, p.locations[0]?.line])).toEqual([
      ['requests', '2.31.0', false, 4],
      ['pytest', '8.0.0', true, 11],
      ['ruff', '0.3.0', true, 14],
      ['django', '4.2.1', false, 18],
    ]);
    expect(skipped.map((s) => [s.reason, s.name, s.version, s.line])).toEqual([
      ['unpinned', 'flask', '3.0', 5],
      ['unpinned', 'numpy', '', 6],
      ['non-registry', 'mylib', '', 7],
      ['unpinned', 'celery', '5.3', 19],
    ]);
  });

  it('fails a file that is not TOML with one error naming it', async () => {
    const run = async () =>
      pyprojectToml.extract(memoryInput({ 'a/pyproject.toml': '[project\n' }, 'a/pyproject.toml'));
    await expect(run()).rejects.toMatchObject({
      code: 'input',
      message: expect.stringMatching(/^a\/pyproject\.toml: not a valid pyproject\.toml: /),
    });
  });
});
