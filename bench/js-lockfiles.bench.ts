import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as jsYaml from 'js-yaml';
import {
  buildDepTree,
  LockfileType,
  parseNpmLockV2Project,
  parsePnpmProject,
  parseYarnLockV1Project,
  parseYarnLockV2Project,
} from 'snyk-nodejs-lockfile-parser';
import YAML from 'yaml';
import type { ExtractResult } from '../src/ecosystems/extractor.ts';
import { extractors } from '../src/ecosystems/npm/extractors.ts';
import { stripJsonc } from '../src/ecosystems/npm/jsonc.ts';

/**
 * secflow's npm-ecosystem lockfile extractors against snyk-nodejs-lockfile-parser (the parser
 * behind `snyk test` for Node projects) and against a bare parse of the same text (JSON.parse,
 * js-yaml, and the `yaml` package where it finishes in reasonable time), on real lockfiles
 * resolved from the npm registry (bench/fixtures-js/SOURCE.md) and a generated 60 MB one.
 * Prints one markdown section on stdout, progress on stderr.
 */

const here = import.meta.dirname;
const fixtures = join(here, 'fixtures-js');
const work = join(here, '.work');

type Run = () => unknown;

interface Contender {
  readonly label: string;
  readonly run: Run;
  /** Rounds to run; the slowest baselines get fewer. */
  readonly rounds?: number;
}

interface Case {
  readonly title: string;
  readonly file: string;
  readonly ours: Run;
  readonly count: () => Promise<number>;
  readonly snyk?: Contender & { readonly count: () => Promise<number> };
  readonly floors: readonly Contender[];
}

const snykOptions = {
  includeDevDeps: true,
  includeOptionalDeps: true,
  includePeerDeps: false,
  strictOutOfSync: false,
  pruneCycles: true,
  pruneWithinTopLevelDeps: true,
  pruneLevel: 'cycles' as const,
};

/** CPU milliseconds of this process (all threads, so GC helpers count too). */
function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

async function measure(run: Run, rounds: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = cpuMs();
    await run();
    samples.push(cpuMs() - start);
  }
  return samples;
}

function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function fixture(dir: string, name: string): { path: string; text: string; manifest: string } {
  const path = join(fixtures, dir, name);
  return {
    path,
    text: readFileSync(path, 'utf8'),
    manifest: readFileSync(join(fixtures, dir, 'package.json'), 'utf8'),
  };
}

function oursFor(
  dir: string,
  name: string,
  text: string,
): { run: Run; count: () => Promise<number> } {
  const extractor = extractors.find((e) => e.matches(name));
  if (extractor === undefined) throw new Error(`no npm extractor for ${name}`);
  const folder = join(fixtures, dir);
  const input = {
    path: name,
    content: text,
    readRelated: async (relative: string) => {
      const target = join(folder, relative);
      return existsSync(target) ? readFileSync(target, 'utf8') : undefined;
    },
  };
  const run = () => extractor.extract(input);
  const count = async () => {
    const result: ExtractResult = await run();
    return result.packages.length;
  };
  return { run, count };
}

/** A package-lock v3 of `count` synthetic packages with nested copies, like a large monorepo. */
function syntheticLock(count: number): string {
  const packages: Record<string, unknown> = {
    '': { name: 'synthetic', version: '1.0.0', dependencies: { 'pkg-0': '^1.0.0' } },
  };
  const name = (i: number) => (i % 7 === 0 ? `@scope-${i % 97}/pkg-${i}` : `pkg-${i}`);
  for (let i = 0; i < count; i++) {
    const deps: Record<string, string> = {};
    for (let k = 1; k <= 4; k++) deps[name((i * 31 + k * 17) % count)] = '^1.0.0';
    const version = `1.${i % 13}.${i % 5}`;
    const entry = {
      version,
      resolved: `https://registry.npmjs.org/${name(i)}/-/pkg-${i}-${version}.tgz`,
      integrity: `sha512-${Buffer.from(`${i}`.repeat(48)).toString('base64').slice(0, 86)}==`,
      ...(i % 3 === 0 ? { dev: true } : {}),
      license: 'MIT',
      dependencies: deps,
      engines: { node: '>=18' },
    };
    const at =
      i % 10 === 0 && i > 0
        ? `node_modules/${name(i - 1)}/node_modules/${name(i)}`
        : `node_modules/${name(i)}`;
    packages[at] = entry;
  }
  return JSON.stringify(
    { name: 'synthetic', version: '1.0.0', lockfileVersion: 3, requires: true, packages },
    null,
    2,
  );
}

function snykCount(graph: { getPkgs(): unknown[] }): number {
  return graph.getPkgs().length - 1;
}

function treeCount(tree: { dependencies?: Record<string, unknown> }): number {
  const seen = new Set<string>();
  const stack: unknown[] = [tree];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    const deps =
      (node as { dependencies?: Record<string, { name?: string; version?: string }> })
        .dependencies ?? {};
    for (const dep of Object.values(deps)) {
      const key = `${dep.name}@${dep.version}`;
      if (!seen.has(key)) {
        seen.add(key);
        stack.push(dep);
      }
    }
  }
  return seen.size;
}

function cases(): Case[] {
  const list: Case[] = [];
  {
    const { text, manifest } = fixture('npm', 'package-lock.json');
    const ours = oursFor('npm', 'package-lock.json', text);
    const snyk = () => parseNpmLockV2Project(manifest, text, snykOptions);
    list.push({
      title: 'package-lock.json v3 (npm 10)',
      file: 'npm/package-lock.json',
      ours: ours.run,
      count: ours.count,
      snyk: {
        label: 'snyk parseNpmLockV2Project',
        run: snyk,
        count: async () => snykCount(await snyk()),
      },
      floors: [{ label: 'JSON.parse', run: () => JSON.parse(text) }],
    });
  }
  {
    const { text, manifest } = fixture('npm6', 'package-lock.json');
    const ours = oursFor('npm6', 'package-lock.json', text);
    const snyk = () => buildDepTree(manifest, text, true, LockfileType.npm, false);
    list.push({
      title: 'package-lock.json v1 (npm 6)',
      file: 'npm6/package-lock.json',
      ours: ours.run,
      count: ours.count,
      snyk: { label: 'snyk buildDepTree', run: snyk, count: async () => treeCount(await snyk()) },
      floors: [{ label: 'JSON.parse', run: () => JSON.parse(text) }],
    });
  }
  {
    const { text, manifest } = fixture('pnpm', 'pnpm-lock.yaml');
    const ours = oursFor('pnpm', 'pnpm-lock.yaml', text);
    const snyk = () => parsePnpmProject(manifest, text, snykOptions);
    list.push({
      title: 'pnpm-lock.yaml v9 (pnpm 9)',
      file: 'pnpm/pnpm-lock.yaml',
      ours: ours.run,
      count: ours.count,
      snyk: {
        label: 'snyk parsePnpmProject',
        run: snyk,
        count: async () => snykCount(await snyk()),
      },
      floors: [
        { label: 'js-yaml load', run: () => jsYaml.load(text) },
        { label: 'yaml parse', run: () => YAML.parse(text), rounds: 3 },
      ],
    });
  }
  {
    const { text, manifest } = fixture('berry', 'yarn.lock');
    const ours = oursFor('berry', 'yarn.lock', text);
    const snyk = () => parseYarnLockV2Project(manifest, text, snykOptions);
    list.push({
      title: 'yarn.lock berry v8 (yarn 4)',
      file: 'berry/yarn.lock',
      ours: ours.run,
      count: ours.count,
      snyk: {
        label: 'snyk parseYarnLockV2Project',
        run: snyk,
        count: async () => snykCount(await snyk()),
      },
      floors: [
        { label: 'js-yaml load', run: () => jsYaml.load(text) },
        { label: 'yaml parse', run: () => YAML.parse(text), rounds: 3 },
      ],
    });
  }
  if (existsSync(join(fixtures, 'yarn1', 'yarn.lock'))) {
    const { text, manifest } = fixture('yarn1', 'yarn.lock');
    const ours = oursFor('yarn1', 'yarn.lock', text);
    const snyk = () =>
      parseYarnLockV1Project(manifest, text, { ...snykOptions, pruneLevel: 'cycles' });
    list.push({
      title: 'yarn.lock v1 (yarn 1)',
      file: 'yarn1/yarn.lock',
      ours: ours.run,
      count: ours.count,
      snyk: {
        label: 'snyk parseYarnLockV1Project',
        run: snyk,
        // Over ten seconds a run: five rounds are plenty to place it.
        rounds: 5,
        count: async () => snykCount(await snyk()),
      },
      floors: [],
    });
  }
  {
    const { text } = fixture('bun', 'bun.lock');
    const ours = oursFor('bun', 'bun.lock', text);
    const json = stripJsonc(text);
    list.push({
      title: 'bun.lock v1 (bun 1.2)',
      file: 'bun/bun.lock',
      ours: ours.run,
      count: ours.count,
      floors: [
        // The file is not JSON: the least a JSON.parse of it costs includes making it JSON.
        { label: 'JSONC strip + JSON.parse', run: () => JSON.parse(stripJsonc(text)) },
        { label: 'JSON.parse of the pre-stripped text', run: () => JSON.parse(json) },
      ],
    });
  }
  {
    mkdirSync(work, { recursive: true });
    const path = join(work, 'synthetic-package-lock.json');
    if (!existsSync(path)) writeFileSync(path, syntheticLock(150_000));
    const text = readFileSync(path, 'utf8');
    const extractor = extractors.find((e) => e.matches('package-lock.json'));
    if (extractor === undefined) throw new Error('no package-lock extractor');
    const input = { path: 'package-lock.json', content: text, readRelated: async () => undefined };
    const run = () => extractor.extract(input);
    list.push({
      title: 'package-lock.json v3, generated (150,000 packages)',
      file: '.work/synthetic-package-lock.json',
      ours: run,
      count: async () => (await run()).packages.length,
      floors: [{ label: 'JSON.parse', run: () => JSON.parse(text), rounds: 5 }],
    });
  }
  return list;
}

const ROUNDS = 15;

function ms(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

async function main(): Promise<void> {
  const rows: string[] = [];
  for (const c of cases()) {
    process.stderr.write(`${c.title}\n`);
    const size = readFileSync(
      c.file.startsWith('.work') ? join(here, c.file) : join(fixtures, c.file),
    ).length;
    const oursCount = await c.count();
    const snykPackages = c.snyk === undefined ? undefined : await c.snyk.count();
    const rounds = c.title.includes('generated') ? 5 : ROUNDS;
    // Warm up every contender, then interleave rounds so machine noise hits all alike.
    await c.ours();
    await c.snyk?.run();
    for (const floor of c.floors) await floor.run();
    const samples = {
      ours: [] as number[],
      snyk: [] as number[],
      floors: c.floors.map(() => [] as number[]),
    };
    for (let round = 0; round < rounds; round++) {
      samples.ours.push(...(await measure(c.ours, 1)));
      if (c.snyk !== undefined && round < (c.snyk.rounds ?? rounds)) {
        samples.snyk.push(...(await measure(c.snyk.run, 1)));
      }
      for (const [i, floor] of c.floors.entries()) {
        if (round < (floor.rounds ?? rounds))
          samples.floors[i]?.push(...(await measure(floor.run, 1)));
      }
    }
    const ours = median(samples.ours);
    const snyk = c.snyk === undefined ? undefined : median(samples.snyk);
    const floors = c.floors.map((floor, i) => ({
      label: floor.label,
      value: median(samples.floors[i] ?? []),
    }));
    rows.push(
      [
        c.title,
        mb(size),
        snykPackages === undefined ? `${oursCount}` : `${oursCount} / ${snykPackages}`,
        `${ms(ours)}`,
        snyk === undefined ? 'n/a' : `${ms(snyk)}`,
        floors.length === 0 ? 'n/a' : floors.map((f) => `${ms(f.value)} (${f.label})`).join('<br>'),
        snyk === undefined ? 'n/a' : `**${(snyk / ours).toFixed(1)}×** faster`,
        floors.length === 0
          ? 'n/a'
          : floors.map((f) => `**${(ours / f.value).toFixed(2)}×** ${f.label}`).join('<br>'),
      ].join(' | '),
    );
  }
  process.stdout.write(`## JavaScript lockfile parsing

secflow's npm-ecosystem extractors (\`src/ecosystems/npm\`) against
[snyk-nodejs-lockfile-parser](https://www.npmjs.com/package/snyk-nodejs-lockfile-parser) 2.10.4, and
against the bare parse of the same text (the floor). secflow's time is the whole extraction:
packages, skipped entries, line numbers, purls, direct/dev, dependency paths and dependsOn. snyk's
is its dep-graph (or dep-tree) build for the same lockfile and package.json, dev and optional
dependencies included. The lockfiles were resolved from the npm registry by npm 10, npm 6, pnpm 9,
yarn 4, yarn 1 and bun 1.2 for one package.json of 53 large frameworks and tools (about 5,000
packages; bench/fixtures-js/SOURCE.md). Times are median CPU
milliseconds (user + system, all threads) of ${ROUNDS} interleaved rounds after a warm-up (5 for
the generated file, 3 for the \`yaml\` package, which takes seconds); the machine is shared, so
compare ratios, not absolute times. "Packages" counts distinct registry name@version (secflow) and
the packages in snyk's graph.

| Lockfile | Size | Packages (secflow / snyk) | secflow ms | snyk ms | floor ms | vs snyk | vs floor |
| --- | --- | --- | --- | --- | --- | --- | --- |
${rows.map((r) => `| ${r} |`).join('\n')}

Targets: at least 3× faster than snyk, at most 2× the floor. Each floor is listed with its own
ratio. For YAML the \`yaml\` package is the floor the task named, js-yaml the stricter one
(and what secflow's pnpm extractor uses; src/ecosystems/npm/README.md says why). yarn berry is
read by a dedicated line parser, so it can beat a YAML parse. bun.lock is not JSON (trailing
commas), so a JSON.parse of it includes making it JSON; the pre-stripped parse is the stricter
floor. yarn v1 is neither JSON nor YAML and has no generic floor. secflow's extra time over
JSON.parse is per-package work JSON.parse does not do (a node per entry, Node's module lookup
for every edge, two breadth-first searches, a PackageRef with purl, lines, dependsOn and path
each), so the ratio is highest for compact files with many packages per megabyte and falls as
files grow, where a whole-file JSON.parse pays for its tree in GC.
`);
}

await main();
