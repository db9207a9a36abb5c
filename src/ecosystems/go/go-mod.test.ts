import { describe, expect, it } from 'vitest';
import { memoryInput } from '../shared/memory-input.ts';
import { goMod } from './go-mod.ts';

const GO_MOD = `module example.com/app

go 1.22.1

toolchain go1.22.4

require (
	github.com/BurntSushi/toml v1.3.2
	golang.org/x/net v0.20.0
	golang.org/x/sys v0.16.0 // indirect
	example.com/local v1.0.0
	example.com/old v1.1.0
)

require github.com/pkg/errors v0.9.1 // indirect; keep

exclude example.com/old v1.1.0

replace golang.org/x/net => example.com/fork/net v0.21.0-fork.1
replace example.com/local v1.0.0 => ../local
retract v1.0.1
`;

const run = async (files: Record<string, string>, path = 'go.mod') =>
  await goMod.extract(memoryInput(files, path));

describe('go.mod', () => {
  it('reads requires, indirect markers, replaces, excludes and the Go release', async () => {
    const { packages, skipped } = await run({ 'go.mod': GO_MOD });
    expect(
      packages.map((p) => [p.name, p.version, p.direct, p.locations[0]?.line, p.purl]),
    ).toEqual([
      [
        'github.com/BurntSushi/toml',
        '1.3.2',
        true,
        8,
        'pkg:golang/github.com/BurntSushi/toml@1.3.2',
      ],
      [
        'example.com/fork/net',
        '0.21.0-fork.1',
        true,
        19,
        'pkg:golang/example.com/fork/net@0.21.0-fork.1',
      ],
      ['golang.org/x/sys', '0.16.0', false, 10, 'pkg:golang/golang.org/x/sys@0.16.0'],
      ['github.com/pkg/errors', '0.9.1', false, 15, 'pkg:golang/github.com/pkg/errors@0.9.1'],
      ['stdlib', '1.22.4', undefined, 5, 'pkg:golang/stdlib@1.22.4'],
    ]);
    expect(skipped.map((s) => [s.reason, s.name, s.version, s.line])).toEqual([
      ['non-registry', '../local', '', 11],
      ['unpinned', 'example.com/old', '1.1.0', 12],
    ]);
  });

  it('reads go.sum for modules declaring go before 1.17', async () => {
    const files = {
      'svc/go.mod': 'module svc\n\ngo 1.16\n\nrequire github.com/a/b v1.2.0\n',
      'svc/go.sum': [
        'github.com/a/b v1.2.0 h1:aaa=',
        'github.com/a/b v1.2.0/go.mod h1:bbb=',
        'github.com/c/d v1.0.0 h1:ccc=',
        'github.com/c/d v1.1.0 h1:ddd=',
        'github.com/e/f v2.0.0/go.mod h1:eee=',
        'garbage',
      ].join('\n'),
    };
    const { packages, skipped } = await run(files, 'svc/go.mod');
    expect(packages.map((p) => [p.name, p.version, p.direct, p.locations[0]])).toEqual([
      ['github.com/a/b', '1.2.0', true, { path: 'svc/go.mod', line: 5 }],
      ['stdlib', '1.16', undefined, { path: 'svc/go.mod', line: 3 }],
      ['github.com/c/d', '1.1.0', false, { path: 'svc/go.sum', line: 4 }],
    ]);
    expect(skipped).toEqual([
      expect.objectContaining({ path: 'svc/go.sum', line: 6, reason: 'malformed' }),
    ]);
  });

  it('reads an empty file as no packages', async () => {
    expect(await run({ 'go.mod': '' })).toEqual({ packages: [], skipped: [] });
  });

  it('refuses unknown directives and unclosed blocks with one error naming the file', async () => {
    await expect(run({ 'go.mod': 'this is not a go.mod file!' })).rejects.toMatchObject({
      code: 'input',
      message: 'go.mod: not a valid go.mod: unknown directive "this" (line 1)',
    });
    await expect(run({ 'go.mod': 'module x\nrequire (\n  a.b/c v1.0.0\n' })).rejects.toMatchObject({
      message: 'go.mod: not a valid go.mod: "require (" block is never closed (line 2)',
    });
  });
});
