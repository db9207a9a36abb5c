import { describe, expect, it } from 'vitest';
import type { PackageRef } from '../../core/package.ts';
import { CLEAN_REFUSAL, refusal, thrownBy } from '../shared/hostile-inputs.ts';
import { memoryInput } from '../shared/memory-input.ts';
import { packageLockExtractor } from './package-lock.ts';

async function extract(files: Record<string, string>, path = 'package-lock.json') {
  return packageLockExtractor.extract(memoryInput(files, path));
}

function byKey(packages: readonly PackageRef[]): Map<string, PackageRef> {
  return new Map(packages.map((p) => [`${p.name}@${p.version}`, p]));
}

const v3 = `{
  "name": "app",
  "version": "1.0.0",
  "lockfileVersion": 3,
  "requires": true,
  "packages": {
    "": {
      "name": "app",
      "dependencies": { "express": "^4.0.0", "cjs": "npm:string-width@^4.2.0" },
      "devDependencies": { "jest": "^29.0.0" }
    },
    "node_modules/express": {
      "version": "4.19.2",
      "resolved": "https://registry.npmjs.org/express/-/express-4.19.2.tgz",
      "dependencies": { "debug": "2.6.9", "ms": "^2.0.0" }
    },
    "node_modules/express/node_modules/debug": {
      "version": "2.6.9",
      "dependencies": { "ms": "2.0.0" }
    },
    "node_modules/express/node_modules/ms": {
      "version": "2.0.0"
    },
    "node_modules/debug": {
      "version": "4.3.4",
      "dev": true,
      "dependencies": { "ms": "2.1.2" }
    },
    "node_modules/ms": {
      "version": "2.1.2",
      "dev": true
    },
    "node_modules/jest": {
      "version": "29.7.0",
      "dev": true,
      "dependencies": { "debug": "^4.0.0" }
    },
    "node_modules/cjs": {
      "name": "string-width",
      "version": "4.2.3"
    }
  }
}
`;

describe('package-lock.json v3', () => {
  it('reports every installed copy with its own version, line and source', async () => {
    const { packages, skipped } = await extract({ 'package-lock.json': v3 });
    expect(skipped).toEqual([]);
    expect(packages.map((p) => `${p.name}@${p.version}:${p.locations[0]?.line}`)).toEqual([
      'express@4.19.2:12',
      'debug@2.6.9:17',
      'ms@2.0.0:21',
      'debug@4.3.4:24',
      'ms@2.1.2:29',
      'jest@29.7.0:33',
      'string-width@4.2.3:38',
    ]);
    expect(packages[0]).toMatchObject({
      ecosystem: 'npm',
      purl: 'pkg:npm/express@4.19.2',
      extractor: 'npm/package-lock',
      locations: [{ path: 'package-lock.json', line: 12 }],
    });
  });

  it('resolves dependencies the way Node does: nested node_modules first, then upwards', async () => {
    const packages = byKey((await extract({ 'package-lock.json': v3 })).packages);
    expect(packages.get('express@4.19.2')?.dependsOn).toEqual(['debug@2.6.9', 'ms@2.0.0']);
    expect(packages.get('debug@2.6.9')?.dependsOn).toEqual(['ms@2.0.0']);
    expect(packages.get('jest@29.7.0')?.dependsOn).toEqual(['debug@4.3.4']);
  });

  it('takes direct from the root package and dev from the dev flags', async () => {
    const packages = byKey((await extract({ 'package-lock.json': v3 })).packages);
    const facts = (key: string) => {
      const p = packages.get(key);
      return { direct: p?.direct, dev: p?.dev, path: p?.dependencyPath };
    };
    expect(facts('express@4.19.2')).toEqual({ direct: true, dev: false, path: ['express@4.19.2'] });
    expect(facts('ms@2.0.0')).toEqual({
      direct: false,
      dev: false,
      path: ['express@4.19.2', 'ms@2.0.0'],
    });
    expect(facts('ms@2.1.2')).toEqual({
      direct: false,
      dev: true,
      path: ['jest@29.7.0', 'debug@4.3.4', 'ms@2.1.2'],
    });
    // An npm: alias is reported under the real package name, and is still direct.
    expect(facts('string-width@4.2.3')).toEqual({
      direct: true,
      dev: false,
      path: ['string-width@4.2.3'],
    });
  });

  it('counts devOptional as dev, as npm does for packages only dev builds install', async () => {
    const lock = `{"lockfileVersion": 3, "packages": {
      "": {"optionalDependencies": {"fsevents": "^2"}},
      "node_modules/fsevents": {"version": "2.3.3", "devOptional": true, "optional": true}
    }}`;
    const [fsevents] = (await extract({ 'package-lock.json': lock })).packages;
    expect(fsevents?.dev).toBe(true);
  });

  it('skips git and local sources, and reports workspace folders as local packages', async () => {
    const lock = `{"lockfileVersion": 3, "packages": {
      "": {"workspaces": ["packages/*"], "dependencies": {"raven-js": "github:getsentry/raven-js"}},
      "packages/lib": {"name": "@acme/lib", "version": "0.1.0", "dependencies": {"left-pad": "^1"}},
      "node_modules/@acme/lib": {"resolved": "packages/lib", "link": true},
      "node_modules/left-pad": {"version": "1.3.0"},
      "node_modules/raven-js": {"version": "3.27.2",
        "resolved": "git+ssh://git@github.com/getsentry/raven-js.git#c2b377e7a254264fd4a1fe328e4e3cfc9e245570"},
      "node_modules/tarball": {"version": "1.0.0", "resolved": "file:vendor/tarball-1.0.0.tgz"}
    }}`;
    const { packages, skipped } = await extract({ 'package-lock.json': lock });
    expect(packages.map((p) => [p.name, p.version, p.direct])).toEqual([
      ['left-pad', '1.3.0', true],
    ]);
    expect(skipped.map((s) => [s.name, s.version, s.reason, s.entry])).toEqual([
      ['@acme/lib', '0.1.0', 'non-registry', 'packages/lib'],
      [
        'raven-js',
        '3.27.2',
        'non-registry',
        'git+ssh://git@github.com/getsentry/raven-js.git#c2b377e7a254264fd4a1fe328e4e3cfc9e245570',
      ],
      ['tarball', '1.0.0', 'non-registry', 'file:vendor/tarball-1.0.0.tgz'],
    ]);
  });

  it('follows links from the root to the workspace package and its dependencies', async () => {
    const lock = `{"lockfileVersion": 3, "packages": {
      "": {"dependencies": {"@acme/lib": "*"}},
      "node_modules/@acme/lib": {"resolved": "packages/lib", "link": true},
      "packages/lib": {"name": "@acme/lib", "version": "0.1.0", "dependencies": {"a": "^1"}},
      "packages/lib/node_modules/a": {"version": "1.0.0", "dependencies": {"b": "^1"}},
      "node_modules/b": {"version": "1.0.0"}
    }}`;
    const packages = byKey((await extract({ 'package-lock.json': lock })).packages);
    expect(packages.get('a@1.0.0')).toMatchObject({ direct: true, dependencyPath: ['a@1.0.0'] });
    expect(packages.get('b@1.0.0')?.dependencyPath).toEqual(['a@1.0.0', 'b@1.0.0']);
  });

  it('keeps bundled dependencies, which ship inside their parent', async () => {
    const lock = `{"lockfileVersion": 3, "packages": {
      "": {"dependencies": {"npm": "^10"}},
      "node_modules/npm": {"version": "10.8.2", "bundleDependencies": ["semver"]},
      "node_modules/npm/node_modules/semver": {"version": "7.6.2", "inBundle": true}
    }}`;
    const { packages } = await extract({ 'package-lock.json': lock });
    expect(packages.map((p) => `${p.name}@${p.version}`)).toEqual(['npm@10.8.2', 'semver@7.6.2']);
  });

  it('keeps one package per name@version with every line it appears on', async () => {
    const lock = `{"lockfileVersion": 3, "packages": {
      "node_modules/a": {"version": "1.0.0"},
      "node_modules/b/node_modules/a": {"version": "1.0.0"}
    }}`;
    const [a] = (await extract({ 'package-lock.json': lock })).packages;
    expect(a?.locations).toEqual([
      { path: 'package-lock.json', line: 2 },
      { path: 'package-lock.json', line: 3 },
    ]);
  });

  it('survives a cyclic graph and gives each package its shortest path', async () => {
    const lock = `{"lockfileVersion": 3, "packages": {
      "": {"dependencies": {"a": "1"}},
      "node_modules/a": {"version": "1.0.0", "dependencies": {"b": "1"}},
      "node_modules/b": {"version": "1.0.0", "dependencies": {"c": "1"}},
      "node_modules/c": {"version": "1.0.0", "dependencies": {"a": "1", "b": "1"}}
    }}`;
    const packages = byKey((await extract({ 'package-lock.json': lock })).packages);
    expect(packages.get('c@1.0.0')?.dependencyPath).toEqual(['a@1.0.0', 'b@1.0.0', 'c@1.0.0']);
    expect(packages.get('c@1.0.0')?.dependsOn).toEqual(['a@1.0.0', 'b@1.0.0']);
    expect(packages.get('a@1.0.0')?.dependencyPath).toEqual(['a@1.0.0']);
  });

  it('decodes escaped keys and values', async () => {
    const lock =
      '{"lockfileVersion": 3, "packages": {"node_modules/\\u0061b": {"version": "1.0.0"}}}';
    const [ab] = (await extract({ 'package-lock.json': lock })).packages;
    expect([ab?.name, ab?.version]).toEqual(['ab', '1.0.0']);
  });
});

describe('package-lock.json v1', () => {
  const v1 = `{
  "name": "app",
  "lockfileVersion": 1,
  "requires": true,
  "dependencies": {
    "cjs": {
      "version": "npm:string-width@4.2.3",
      "requires": { "ms": "^2.0.0" }
    },
    "ms": {
      "version": "2.1.2"
    },
    "mocha": {
      "version": "10.0.0",
      "dev": true,
      "requires": { "ms": "2.0.0" },
      "dependencies": {
        "ms": {
          "version": "2.0.0",
          "dev": true
        }
      }
    },
    "local": {
      "version": "file:../local"
    }
  }
}
`;
  const manifest = JSON.stringify({
    dependencies: { cjs: 'npm:string-width@^4', local: 'file:../local' },
    devDependencies: { mocha: '^10' },
  });

  it('walks nested dependencies, with aliases under their real names and lines', async () => {
    const { packages, skipped } = await extract({ 'package-lock.json': v1 });
    expect(packages.map((p) => `${p.name}@${p.version}:${p.locations[0]?.line}`)).toEqual([
      'string-width@4.2.3:6',
      'ms@2.1.2:10',
      'mocha@10.0.0:13',
      'ms@2.0.0:18',
    ]);
    expect(skipped).toMatchObject([
      { name: 'local', reason: 'non-registry', entry: 'file:../local' },
    ]);
  });

  it('resolves requires through the nesting, and leaves direct unknown without package.json', async () => {
    const packages = byKey((await extract({ 'package-lock.json': v1 })).packages);
    expect(packages.get('mocha@10.0.0')?.dependsOn).toEqual(['ms@2.0.0']);
    expect(packages.get('string-width@4.2.3')?.dependsOn).toEqual(['ms@2.1.2']);
    expect(packages.get('mocha@10.0.0')?.direct).toBeUndefined();
    expect(packages.get('mocha@10.0.0')?.dev).toBe(true);
  });

  it('takes direct dependencies from the package.json beside it', async () => {
    const files = { 'package-lock.json': v1, 'package.json': manifest };
    const packages = byKey((await extract(files)).packages);
    expect(packages.get('mocha@10.0.0')).toMatchObject({ direct: true, dev: true });
    expect(packages.get('ms@2.1.2')).toMatchObject({
      direct: false,
      dependencyPath: ['string-width@4.2.3', 'ms@2.1.2'],
    });
  });
});

describe('npm-shrinkwrap.json', () => {
  const lock = '{"lockfileVersion": 3, "packages": {"node_modules/a": {"version": "1.0.0"}}}';

  it('is read like a package-lock.json', async () => {
    const { packages } = await extract({ 'npm-shrinkwrap.json': lock }, 'npm-shrinkwrap.json');
    expect(packages.map((p) => p.name)).toEqual(['a']);
  });

  it('takes precedence: a package-lock.json beside it yields nothing', async () => {
    const files = { 'package-lock.json': lock, 'npm-shrinkwrap.json': lock };
    expect(await extract(files)).toEqual({ packages: [], skipped: [] });
  });

  it('matches by file name, outside node_modules only', () => {
    expect(packageLockExtractor.matches('app/package-lock.json')).toBe(true);
    expect(packageLockExtractor.matches('app/npm-shrinkwrap.json')).toBe(true);
    expect(packageLockExtractor.matches('node_modules/x/package-lock.json')).toBe(false);
    expect(packageLockExtractor.matches('package.json')).toBe(false);
  });
});

describe('package-lock.json that cannot be read', () => {
  const failure = async (content: string) => {
    const error = await thrownBy(() => extract({ 'package-lock.json': content }));
    return { refusal: refusal(error, 'package-lock.json'), message: (error as Error).message };
  };

  it('refuses a truncated file with the line where it stops making sense', async () => {
    const { refusal: r, message } = await failure(v3.slice(0, 400));
    expect(r).toEqual(CLEAN_REFUSAL);
    expect(message).toMatch(/^package-lock\.json: not a valid package-lock\.json: line \d+: /);
  });

  it('refuses null, text and trailing garbage', async () => {
    expect((await failure('null')).message).toBe(
      'package-lock.json: not a valid package-lock.json: line 1: expected a JSON object at the top, found null',
    );
    expect((await failure('this is not json')).refusal).toEqual(CLEAN_REFUSAL);
    expect((await failure('{"packages": {}} x')).message).toContain('unexpected text after');
  });

  it('steps over 10^5 levels of nesting without recursing, skipping the broken entry', async () => {
    const arrays = `{"packages": {"node_modules/a": ${'['.repeat(100_000)}${']'.repeat(100_000)}}}`;
    expect((await extract({ 'package-lock.json': arrays })).skipped).toMatchObject([
      { name: 'a', reason: 'malformed', detail: 'package entry is not an object' },
    ]);
    const objects = `{"packages": {"node_modules/a": {"x": ${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}}}`;
    expect((await extract({ 'package-lock.json': objects })).skipped).toMatchObject([
      { name: 'a', reason: 'malformed', detail: 'no version recorded' },
    ]);
    const unclosed = `{"packages": {"node_modules/a": ${'['.repeat(100_000)}}}`;
    expect((await failure(unclosed)).refusal).toEqual(CLEAN_REFUSAL);
  });
});
