import { describe, expect, it } from 'vitest';
import type { PackageRef } from '../../core/package.ts';
import { CLEAN_REFUSAL, refusal, thrownBy } from '../shared/hostile-inputs.ts';
import { memoryInput } from '../shared/memory-input.ts';
import { pnpmLockExtractor } from './pnpm-lock.ts';

async function extract(content: string) {
  return pnpmLockExtractor.extract(memoryInput({ 'pnpm-lock.yaml': content }, 'pnpm-lock.yaml'));
}

function byKey(packages: readonly PackageRef[]): Map<string, PackageRef> {
  return new Map(packages.map((p) => [`${p.name}@${p.version}`, p]));
}

function facts(p: PackageRef | undefined) {
  return { line: p?.locations[0]?.line, direct: p?.direct, dev: p?.dev, path: p?.dependencyPath };
}

const v9 = `lockfileVersion: '9.0'

settings:
  autoInstallPeers: true

importers:

  .:
    dependencies:
      react-dom:
        specifier: ^18.2.0
        version: 18.2.0(react@18.2.0)
      cjs:
        specifier: npm:string-width@^4
        version: string-width@4.2.3
    devDependencies:
      vitest:
        specifier: ^1.0.0
        version: 1.6.0

  packages/lib:
    dependencies:
      app:
        specifier: workspace:*
        version: link:../..
      react:
        specifier: ^18.2.0
        version: 18.2.0

packages:

  loose-envify@1.4.0:
    resolution: {integrity: sha512-lyuxPGr}

  react-dom@18.2.0:
    resolution: {integrity: sha512-6IMTri}
    peerDependencies:
      react: ^18.2.0

  react@18.2.0:
    resolution: {integrity: sha512-/3IjMd}

  string-width@4.2.3:
    resolution: {integrity: sha512-wKyQRQ}

  vitest@1.6.0:
    resolution: {integrity: sha512-H5r/dN}

  mine@https://codeload.github.com/acme/mine/tar.gz/0a2d2506c1fe299691fc5db53a2097db3bd615bc:
    resolution: {tarball: https://codeload.github.com/acme/mine/tar.gz/0a2d2506c1fe299691fc5db53a2097db3bd615bc}
    version: 1.0.0

snapshots:

  loose-envify@1.4.0: {}

  react-dom@18.2.0(react@18.2.0):
    dependencies:
      loose-envify: 1.4.0
      react: 18.2.0

  react@18.2.0:
    dependencies:
      loose-envify: 1.4.0

  string-width@4.2.3: {}

  vitest@1.6.0:
    dependencies:
      loose-envify: 1.4.0
      mine: https://codeload.github.com/acme/mine/tar.gz/0a2d2506c1fe299691fc5db53a2097db3bd615bc

  mine@https://codeload.github.com/acme/mine/tar.gz/0a2d2506c1fe299691fc5db53a2097db3bd615bc: {}
`;

describe('pnpm-lock.yaml v9', () => {
  it('reads snapshots as packages, peer suffixes folded, lines from the snapshot key', async () => {
    const { packages, skipped } = await extract(v9);
    expect(packages.map((p) => `${p.name}@${p.version}:${p.locations[0]?.line}`)).toEqual([
      'loose-envify@1.4.0:55',
      'react-dom@18.2.0:57',
      'react@18.2.0:62',
      'string-width@4.2.3:66',
      'vitest@1.6.0:68',
    ]);
    expect(skipped).toMatchObject([
      {
        name: 'mine',
        version: '1.0.0',
        reason: 'non-registry',
        entry:
          'https://codeload.github.com/acme/mine/tar.gz/0a2d2506c1fe299691fc5db53a2097db3bd615bc',
      },
    ]);
  });

  it('derives direct and dev from every importer and the snapshot graph', async () => {
    const packages = byKey((await extract(v9)).packages);
    expect(facts(packages.get('react-dom@18.2.0'))).toMatchObject({ direct: true, dev: false });
    expect(facts(packages.get('react@18.2.0'))).toMatchObject({ direct: true, dev: false });
    expect(facts(packages.get('vitest@1.6.0'))).toMatchObject({ direct: true, dev: true });
    // loose-envify is needed by react (prod) and vitest (dev): prod wins.
    expect(facts(packages.get('loose-envify@1.4.0'))).toMatchObject({
      direct: false,
      dev: false,
      path: ['react-dom@18.2.0', 'loose-envify@1.4.0'],
    });
    expect(packages.get('string-width@4.2.3')?.direct).toBe(true);
    expect(packages.get('vitest@1.6.0')?.dependsOn).toEqual(['loose-envify@1.4.0', 'mine@1.0.0']);
  });

  it('reads every document of a pnpm 11+ file, the env document included', async () => {
    const env = `---\nlockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    packageManagerDependencies:\n      pnpm:\n        specifier: 11.0.0\n        version: 11.0.0\n\npackages:\n\n  pnpm@11.0.0:\n    resolution: {integrity: sha512-x}\n\nsnapshots:\n\n  pnpm@11.0.0: {}\n\n---\n`;
    const packages = byKey((await extract(env + v9)).packages);
    expect(facts(packages.get('pnpm@11.0.0'))).toEqual({
      line: 19,
      direct: true,
      dev: undefined,
      path: ['pnpm@11.0.0'],
    });
    expect(facts(packages.get('vitest@1.6.0'))).toMatchObject({
      line: 89,
      direct: true,
      dev: true,
    });
  });
});

describe('pnpm-lock.yaml v6', () => {
  const v6 = `lockfileVersion: '6.0'

dependencies:
  '@babel/core':
    specifier: ^7.0.0
    version: 7.24.0(supports-color@8.1.1)

devDependencies:
  alias:
    specifier: npm:ms@^2
    version: /ms@2.1.3

packages:

  /@babel/core@7.24.0(supports-color@8.1.1):
    resolution: {integrity: sha512-fQfkg}
    dependencies:
      debug: 4.3.4(supports-color@8.1.1)
    dev: false

  /debug@4.3.4(supports-color@8.1.1):
    resolution: {integrity: sha512-PRWFH}
    dependencies:
      ms: 2.1.2
    dev: false

  /ms@2.1.2:
    resolution: {integrity: sha512-sGkPx}
    dev: false

  /ms@2.1.3:
    resolution: {integrity: sha512-6FlzubTLZG3J2a}
    dev: true
`;

  it('reads scoped keys with peer suffixes, aliases and the dev flags', async () => {
    const packages = byKey((await extract(v6)).packages);
    expect([...packages.keys()]).toEqual([
      '@babel/core@7.24.0',
      'debug@4.3.4',
      'ms@2.1.2',
      'ms@2.1.3',
    ]);
    expect(facts(packages.get('@babel/core@7.24.0'))).toEqual({
      line: 15,
      direct: true,
      dev: false,
      path: ['@babel/core@7.24.0'],
    });
    expect(facts(packages.get('ms@2.1.2'))).toMatchObject({
      direct: false,
      path: ['@babel/core@7.24.0', 'debug@4.3.4', 'ms@2.1.2'],
    });
    expect(facts(packages.get('ms@2.1.3'))).toMatchObject({ direct: true, dev: true });
  });
});

describe('pnpm-lock.yaml v5', () => {
  const v5 = `lockfileVersion: 5.4

importers:

  .:
    specifiers:
      '@typescript-eslint/parser': ^5.0.0
    dependencies:
      '@typescript-eslint/parser': 5.13.0_eslint@8.10.0

  packages/a:
    specifiers:
      a-dep: ^1.0.0
    devDependencies:
      a-dep: registry.example.com/a-dep/1.0.0

packages:

  /@typescript-eslint/parser/5.13.0_eslint@8.10.0:
    resolution: {integrity: sha512-xyz}
    dependencies:
      debug: 4.3.3
    dev: false

  /debug/4.3.3:
    resolution: {integrity: sha512-abc}

  registry.example.com/a-dep/1.0.0:
    resolution: {integrity: sha512-def, tarball: https://registry.example.com/a-dep/-/a-dep-1.0.0.tgz}
    dev: true

  file:../local:
    resolution: {directory: ../local, type: directory}
    name: local
    version: 0.1.0
    dev: false
`;

  it('reads "/name/version_peers" keys, registry hosts and local folders', async () => {
    const { packages, skipped } = await extract(v5);
    expect(packages.map((p) => `${p.name}@${p.version}`)).toEqual([
      '@typescript-eslint/parser@5.13.0',
      'debug@4.3.3',
      'a-dep@1.0.0',
    ]);
    expect(skipped).toMatchObject([
      { name: 'local', version: '0.1.0', reason: 'non-registry', entry: 'file:../local' },
    ]);
  });

  it('takes dev from the packages (absent means not dev only) and direct from importers', async () => {
    const packages = byKey((await extract(v5)).packages);
    expect(facts(packages.get('debug@4.3.3'))).toMatchObject({ direct: false, dev: false });
    expect(facts(packages.get('a-dep@1.0.0'))).toMatchObject({ direct: true, dev: true });
  });

  it('refuses a dependency path it cannot read, as pnpm itself would', async () => {
    const error = await thrownBy(() =>
      extract('lockfileVersion: 5.3\npackages:\n  invalidpath:\n    dev: false\n'),
    );
    expect(refusal(error, 'pnpm-lock.yaml')).toEqual(CLEAN_REFUSAL);
    expect((error as Error).message).toBe(
      'pnpm-lock.yaml: not a valid pnpm-lock.yaml: invalid dependency path "invalidpath"',
    );
  });
});

describe('pnpm-lock.yaml that cannot be read', () => {
  const failure = async (content: string) => {
    const error = await thrownBy(() => extract(content));
    return { refusal: refusal(error, 'pnpm-lock.yaml'), message: (error as Error).message };
  };

  it('refuses text that is not a mapping, and broken YAML', async () => {
    expect(await failure('this is not a lockfile')).toEqual({
      refusal: CLEAN_REFUSAL,
      message:
        'pnpm-lock.yaml: not a valid pnpm-lock.yaml: expected a mapping with lockfileVersion',
    });
    expect((await failure("lockfileVersion: '9.0'\npackages:\n  a@1: {\n")).refusal).toEqual(
      CLEAN_REFUSAL,
    );
  });

  it('refuses 10^5 levels of flow nesting without crashing', async () => {
    const { refusal: r } = await failure(
      `lockfileVersion: '9.0'\npackages: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`,
    );
    expect(r).toEqual(CLEAN_REFUSAL);
  });

  it('stops alias amplification: a map reused through aliases in every snapshot', async () => {
    const names = Array.from({ length: 2000 }, (_, i) => `d${i}: 1.0.0`).join(', ');
    const snapshots = Array.from(
      { length: 2000 },
      (_, i) => `  s${i}@1.0.0:\n    dependencies: *deps`,
    ).join('\n');
    const lock = `lockfileVersion: '9.0'\nshared: &deps {${names}}\nsnapshots:\n${snapshots}\n`;
    const { refusal: r, message } = await failure(lock);
    expect(r).toEqual(CLEAN_REFUSAL);
    expect(message).toContain('YAML aliases?');
  });

  it('reads an empty or comment-only file as no packages', async () => {
    expect(await extract('# nothing here\n')).toEqual({ packages: [], skipped: [] });
    expect(await extract("lockfileVersion: '6.0'\n")).toEqual({ packages: [], skipped: [] });
  });
});
