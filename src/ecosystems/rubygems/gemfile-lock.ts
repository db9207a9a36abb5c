import { posix } from 'node:path';
import type { PackageRef, SkippedEntry } from '../../core/package.ts';
import type { Extractor } from '../extractor.ts';
import { analyzeGraph } from '../shared/dependency-paths.ts';
import { groupBy } from '../shared/group-by.ts';
import { packageRef, skippedEntry } from '../shared/package-ref.ts';
import { assertText, invalidInput, splitLines } from '../shared/text-input.ts';

const ID = 'rubygems/gemfile-lock';
/** Sections whose `specs:` list locked gems, and whether they come from a gem server. */
const SOURCE_SECTIONS = new Map([
  ['GEM', true],
  ['GIT', false],
  ['PATH', false],
  ['PLUGIN SOURCE', false],
]);
const OTHER_SECTIONS = new Set([
  'PLATFORMS',
  'DEPENDENCIES',
  'RUBY VERSION',
  'BUNDLED WITH',
  'CHECKSUMS',
]);
/** `name (version[-platform])`: gem versions never contain "-", so the first one starts the platform. */
const SPEC = /^([^\s(]+) \(([^-\s)]+)(?:-([^\s)]+))?\)$/;

interface LockedGem {
  readonly id: string;
  readonly name: string;
  readonly version: string;
  readonly platform: string | undefined;
  readonly line: number;
  readonly section: string;
  readonly remote: string | undefined;
  readonly dependencies: string[];
}

/**
 * Gemfile.lock and gems.locked (Bundler). Gems from GEM sections are packages; GIT, PATH and
 * plugin sources are skipped as non-registry. DEPENDENCIES lists what the Gemfile asks for,
 * which makes those gems direct; the specs' nested lines give the graph. A platform suffix
 * (`1.13.3-x86_64-linux`) is split off the version into the purl's platform qualifier.
 */
export const gemfileLock: Extractor = {
  id: ID,
  matches: (path) => ['Gemfile.lock', 'gems.locked'].includes(posix.basename(path)),
  extract(input) {
    assertText(input.path, input.content, 'Gemfile.lock');
    const parsed = parseLockfile(input.path, input.content);
    if (!parsed.sawSection && input.content.trim() !== '') {
      const what = 'no GEM, PLATFORMS or DEPENDENCIES section';
      throw invalidInput(input.path, 'Gemfile.lock', what, {
        hint: 'Regenerate it with `bundle lock`.',
      });
    }
    return report(input.path, parsed.gems, parsed.declared, parsed.skipped);
  },
};

interface ParsedLockfile {
  readonly gems: LockedGem[];
  readonly declared: string[];
  readonly skipped: SkippedEntry[];
  sawSection: boolean;
}

/**
 * One pass over the lines: unindented lines open sections, two-space lines hold `remote:` and
 * `specs:` (or DEPENDENCIES names), four-space lines are specs, six-space lines their needs.
 */
function parseLockfile(path: string, content: string): ParsedLockfile {
  const parsed: ParsedLockfile = { gems: [], declared: [], skipped: [], sawSection: false };
  let section: string | undefined;
  let remote: string | undefined;
  let inSpecs = false;
  let current: LockedGem | undefined;
  splitLines(content).forEach((raw, i) => {
    if (raw.trim() === '') return;
    const indent = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (indent === 0) {
      section = text;
      parsed.sawSection ||= SOURCE_SECTIONS.has(text) || OTHER_SECTIONS.has(text);
      remote = undefined;
      inSpecs = false;
      current = undefined;
    } else if (section === 'DEPENDENCIES') {
      const name = /^([^\s!(]+)/.exec(text)?.[1];
      if (indent === 2 && name !== undefined) parsed.declared.push(name);
    } else if (section === undefined || !SOURCE_SECTIONS.has(section)) {
      // PLATFORMS, RUBY VERSION, BUNDLED WITH, CHECKSUMS: nothing to check.
    } else if (indent === 2) {
      inSpecs = text === 'specs:';
      if (text.startsWith('remote:')) remote = text.slice('remote:'.length).trim();
    } else if (inSpecs && indent === 4) {
      current = readSpec(path, text, i + 1, section, remote, parsed);
    } else if (inSpecs && indent === 6 && current !== undefined) {
      const dep = /^([^\s(]+)/.exec(text)?.[1];
      if (dep !== undefined) current.dependencies.push(dep);
    }
  });
  return parsed;
}

/** A `name (version[-platform])` spec line; malformed ones become skipped entries. */
function readSpec(
  path: string,
  text: string,
  line: number,
  section: string,
  remote: string | undefined,
  parsed: ParsedLockfile,
): LockedGem | undefined {
  const m = SPEC.exec(text);
  if (m === null) {
    const detail = 'expected "name (version)"';
    parsed.skipped.push(skippedEntry({ path, line, reason: 'malformed', entry: text, detail }));
    return undefined;
  }
  const gem: LockedGem = {
    id: `${parsed.gems.length}`,
    name: m[1] as string,
    version: m[2] as string,
    platform: m[3],
    line,
    section,
    remote,
    dependencies: [],
  };
  parsed.gems.push(gem);
  return gem;
}

function report(
  path: string,
  gems: readonly LockedGem[],
  declared: readonly string[],
  skipped: SkippedEntry[],
) {
  const byName = groupBy(
    gems,
    (g) => g.name,
    (g) => g.id,
  );
  const resolve = (name: string) => byName.get(name) ?? [];
  const facts = analyzeGraph({
    labels: new Map(gems.map((g) => [g.id, `${g.name}@${g.version}`])),
    edges: new Map(gems.map((g) => [g.id, g.dependencies.flatMap(resolve)])),
    // Gemfile groups (development, test) are not in the lockfile: dev stays unknown.
    ...(declared.length === 0 ? {} : { roots: { prod: declared.flatMap(resolve) } }),
  });

  const packages: PackageRef[] = [];
  const seen = new Set<string>();
  for (const g of gems) {
    if (SOURCE_SECTIONS.get(g.section) !== true) {
      skipped.push(
        skippedEntry({
          path,
          line: g.line,
          reason: 'non-registry',
          name: g.name,
          version: g.version,
          entry: `${g.name} (${g.version})`,
          detail: `${g.section} ${g.remote ?? ''}`.trim(),
        }),
      );
      continue;
    }
    // One gem locked for several platforms is one version to check.
    if (seen.has(`${g.name}@${g.version}`)) continue;
    seen.add(`${g.name}@${g.version}`);
    packages.push(
      packageRef({
        ecosystem: 'RubyGems',
        purlType: 'gem',
        extractor: ID,
        name: g.name,
        version: g.version,
        path,
        line: g.line,
        graph: facts.get(g.id),
        qualifiers: g.platform === undefined ? undefined : { platform: g.platform },
      }),
    );
  }
  return { packages, skipped };
}
