import { describe, expect, it } from 'vitest';
import type { PackageRef } from '../../core/package.ts';
import { CLEAN_REFUSAL, refusal, thrownBy } from '../shared/hostile-inputs.ts';
import { memoryInput } from '../shared/memory-input.ts';
import { bunLockExtractor } from './bun-lock.ts';

async function extract(content: string) {
  return bunLockExtractor.extract(memoryInput({ 'bun.lock': content }, 'bun.lock'));
}

function byKey(packages: readonly PackageRef[]): Map<string, PackageRef> {
  return new Map(packages.map((p) => [`${p.name}@${p.version}`, p]));
}

const lock = `{
  "lockfileVersion": 1,
  "workspaces": {
    "": {
      "name": "app",
      "dependencies": {
        "chalk": "^4.0.0",
        "old-color": "npm:supports-color@^5.0.0",
      },
      "devDependencies": {
        "lib": "github:acme/lib",
      },
    },
    "packages/web": {
      "name": "web",
      "dependencies": {
        "has-flag": "^3.0.0",
      },
    },
  },
  "packages": {
    "chalk": ["chalk@4.1.2", "", { "dependencies": { "supports-color": "^7.1.0" } }, "sha512-a"],

    "has-flag": ["has-flag@4.0.0", "", {}, "sha512-b"],

    "lib": ["lib@github:acme/lib#6609a88", { "dependencies": { "has-flag": "^4" } }, "acme-lib-6609a88"],

    "old-color": ["supports-color@5.5.0", "", { "dependencies": { "has-flag": "^3.0.0" } }, "sha512-c"],

    "supports-color": ["supports-color@7.2.0", "", { "dependencies": { "has-flag": "^4.0.0" } }, "sha512-d"],

    "web": ["web@workspace:packages/web"],

    "old-color/has-flag": ["has-flag@3.0.0", "", {}, "sha512-e"],

    "web/has-flag": ["has-flag@3.0.0", "", {}, "sha512-e"],
  }
}
`;

describe('bun.lock', () => {
  it('reads tuples by install path, aliases under their real name, with lines', async () => {
    const { packages, skipped } = await extract(lock);
    expect(
      packages.map((p) => `${p.name}@${p.version}:${p.locations.map((l) => l.line).join(',')}`),
    ).toEqual([
      'chalk@4.1.2:22',
      'has-flag@4.0.0:24',
      'supports-color@5.5.0:28',
      'supports-color@7.2.0:30',
      'has-flag@3.0.0:34,36',
    ]);
    expect(skipped.map((s) => [s.name, s.version, s.reason, s.entry])).toEqual([
      ['lib', undefined, 'non-registry', 'lib@github:acme/lib#6609a88'],
      ['web', undefined, 'non-registry', 'web@workspace:packages/web'],
    ]);
  });

  it('resolves nested copies before hoisted ones', async () => {
    const packages = byKey((await extract(lock)).packages);
    expect(packages.get('supports-color@5.5.0')?.dependsOn).toEqual(['has-flag@3.0.0']);
    expect(packages.get('supports-color@7.2.0')?.dependsOn).toEqual(['has-flag@4.0.0']);
  });

  it('derives direct and dev from the workspaces, each resolving its own copies first', async () => {
    const packages = byKey((await extract(lock)).packages);
    expect(packages.get('chalk@4.1.2')).toMatchObject({ direct: true, dev: false });
    expect(packages.get('supports-color@5.5.0')).toMatchObject({ direct: true, dev: false });
    expect(packages.get('has-flag@3.0.0')).toMatchObject({ direct: true, dev: false });
    // Reached through the dev dependency "lib" (a git package, shortest) and through chalk:
    // prod, since production needs it; the path runs through the skipped git package.
    expect(packages.get('has-flag@4.0.0')).toMatchObject({
      direct: false,
      dev: false,
      dependencyPath: ['lib', 'has-flag@4.0.0'],
    });
  });

  it('accepts comments and same-line trailing commas (JSONC)', async () => {
    const jsonc = '{ // bun\n "packages": { "a": ["a@1.0.0", "", {}, "sha",], /* x */ }, }';
    const { packages } = await extract(jsonc);
    expect(packages.map((p) => `${p.name}@${p.version}`)).toEqual(['a@1.0.0']);
  });

  it('refuses text that is not JSON, and tuples without a name@version', async () => {
    const notJson = await thrownBy(() => extract('this is not json'));
    expect(refusal(notJson, 'bun.lock')).toEqual(CLEAN_REFUSAL);
    const badTuple = await thrownBy(() => extract('{"packages": {"x": [123, "", {}]}}'));
    expect((badTuple as Error).message).toBe(
      'bun.lock: not a valid bun.lock: package "x" is not a ["name@version", …] entry',
    );
  });

  it('reads an empty lockfile as no packages', async () => {
    expect(await extract('{}')).toEqual({ packages: [], skipped: [] });
  });
});
