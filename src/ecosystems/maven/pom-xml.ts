import { posix } from 'node:path';
import { SecflowError } from '../../core/errors.ts';
import type { PackageRef, SkippedEntry } from '../../core/package.ts';
import type { ExtractInput, Extractor } from '../extractor.ts';
import { skippedEntry } from '../shared/package-ref.ts';
import { clip, invalidInput } from '../shared/text-input.ts';
import { parseXml } from '../shared/xml-document.ts';
import { mavenPackage, readDeclaredVersion } from './package.ts';
import { type Pom, type PomDependency, readPom } from './pom.ts';

const ID = 'maven/pom-xml';
const FORMAT = 'Maven pom.xml';
/** Real parent chains are a handful deep; past this the chain is refused. */
const MAX_PARENTS = 16;
/** Bounds how many module POMs are opened looking for a local BOM. */
const MAX_BOM_CANDIDATES = 64;

/** A POM together with where it sits relative to the scanned pom.xml's folder. */
interface LoadedPom {
  readonly pom: Pom;
  /** Path for readRelated, relative to the scanned file's folder. */
  readonly relative: string;
}

/**
 * pom.xml: the dependencies a Maven project declares (all direct), after the steps Maven takes
 * that need no repository: local parent POMs merged (by `<relativePath>`, default
 * `../pom.xml`), `${…}` properties interpolated, versions taken from dependencyManagement, and
 * BOMs imported when they are modules of the same tree. Scope `test` marks dev dependencies.
 */
export const pomXmlExtractor: Extractor = {
  id: ID,
  matches: (path) => path === 'pom.xml' || path.endsWith('/pom.xml'),
  async extract(input) {
    const self: LoadedPom = {
      pom: readProject(input.path, input.content),
      relative: posix.basename(input.path),
    };
    const skipped: SkippedEntry[] = [];
    const chain = await loadParents(input, self, skipped);
    const interpolate = interpolator(chain.map((l) => l.pom));
    const managed = [...chain.flatMap((l) => l.pom.managed)];
    managed.push(...(await localBomEntries(input, chain, managed, interpolate)));
    const packages = declaredPackages(chain, managed, interpolate, skipped);
    return { packages, skipped };
  },
};

function readProject(path: string, content: string): Pom {
  const root = parseXml(path, content, FORMAT);
  if (root.name !== 'project')
    throw invalidInput(path, FORMAT, `root element is <${root.name}>, not <project>`);
  return readPom(root, path);
}

/** The POM where `relativePath` points: a file, or a folder holding pom.xml. */
function parentLocation(from: string, relativePath: string): string {
  const target = relativePath.endsWith('.xml') ? relativePath : posix.join(relativePath, 'pom.xml');
  return posix.normalize(posix.join(posix.dirname(from), target));
}

/** The scanned POM and its local parents, child first. */
async function loadParents(
  input: ExtractInput,
  self: LoadedPom,
  skipped: SkippedEntry[],
): Promise<LoadedPom[]> {
  const chain = [self];
  const seen = new Set([self.relative]);
  for (let current = self; current.pom.parent !== undefined; ) {
    const declared = current.pom.parent;
    const relative = parentLocation(current.relative, declared.relativePath);
    const text = await input.readRelated(relative);
    // Not in the tree: Maven would fetch it from a repository, which a scan does not do.
    if (text === undefined) break;
    let parent: Pom;
    try {
      parent = readProject(displayPath(input.path, relative), text);
    } catch (cause) {
      const why = cause instanceof Error ? cause.message : String(cause);
      skipped.push(
        skippedEntry({
          path: current.pom.path,
          entry: clip(`parent ${declared.groupId}:${declared.artifactId}:${declared.version}`),
          reason: 'malformed',
          detail: `parent POM not merged: ${why}`,
        }),
      );
      break;
    }
    const groupId = parent.groupId ?? parent.parent?.groupId;
    // Maven only uses a local parent whose coordinates match the declaration.
    if (groupId !== declared.groupId || parent.artifactId !== declared.artifactId) break;
    if (seen.has(relative)) {
      const loop = [...chain.map((l) => l.pom.path), displayPath(input.path, relative)].join(' → ');
      throw new SecflowError('input', `${input.path}: parent POMs form a cycle: ${loop}`, {
        hint: 'Fix the <parent> and <relativePath> elements so that no POM is its own ancestor.',
      });
    }
    if (chain.length > MAX_PARENTS) {
      throw new SecflowError('input', `${input.path}: more than ${MAX_PARENTS} parent POMs`, {
        hint: 'Check the <parent> elements for a chain that never ends.',
      });
    }
    seen.add(relative);
    current = { pom: parent, relative };
    chain.push(current);
  }
  return chain;
}

function displayPath(scanned: string, relative: string): string {
  return posix.normalize(posix.join(posix.dirname(scanned), relative));
}

/**
 * `${…}` resolution over the merged model: child properties win over parents', and the
 * `project.*` values are the scanned project's, as in Maven's effective POM.
 */
function interpolator(chain: readonly Pom[]): (text: string) => string {
  const values = new Map<string, string>();
  for (const pom of [...chain].reverse()) for (const [k, v] of pom.properties) values.set(k, v);
  const self = chain[0];
  const groupId = chain.map((p) => p.groupId ?? p.parent?.groupId).find((g) => g !== undefined);
  const version = chain.map((p) => p.version ?? p.parent?.version).find((v) => v !== undefined);
  const builtIn: Record<string, string | undefined> = {
    groupId,
    artifactId: self?.artifactId,
    version,
    'parent.groupId': self?.parent?.groupId,
    'parent.artifactId': self?.parent?.artifactId,
    'parent.version': self?.parent?.version,
  };
  for (const [key, value] of Object.entries(builtIn)) {
    if (value === undefined) continue;
    for (const prefix of ['project.', 'pom.']) values.set(`${prefix}${key}`, value);
    if (!key.includes('.') && !values.has(key)) values.set(key, value);
  }
  return (text) => {
    let result = text;
    // Properties may refer to properties; the caps stop self-references and doubling chains.
    for (let pass = 0; pass < 10 && result.includes('${') && result.length < 4096; pass++) {
      const next = result.replace(
        /\$\{([^}]+)\}/g,
        (whole, name: string) => values.get(name.trim()) ?? whole,
      );
      if (next === result) break;
      result = next;
    }
    return result.trim();
  };
}

const managementKey = (groupId: string, artifactId: string, type: string, classifier: string) =>
  `${groupId}:${artifactId}:${type || 'jar'}:${classifier}`;

function isBomImport(d: PomDependency, interpolate: (text: string) => string): boolean {
  return interpolate(d.scope) === 'import' && interpolate(d.type) === 'pom';
}

/**
 * dependencyManagement of imported BOMs that are modules of this tree. Candidates are the
 * `<modules>` of every POM in the chain; each is opened at most once.
 */
async function localBomEntries(
  input: ExtractInput,
  chain: readonly LoadedPom[],
  managed: readonly PomDependency[],
  interpolate: (text: string) => string,
): Promise<PomDependency[]> {
  const wanted = new Set(
    managed
      .filter((d) => isBomImport(d, interpolate))
      .map(
        (d) => `${interpolate(d.groupId)}:${interpolate(d.artifactId)}:${interpolate(d.version)}`,
      ),
  );
  if (wanted.size === 0) return [];
  const candidates = [
    ...new Set(
      chain.flatMap((l) =>
        l.pom.modules.map((m) =>
          posix.normalize(posix.join(posix.dirname(l.relative), m, 'pom.xml')),
        ),
      ),
    ),
  ].slice(0, MAX_BOM_CANDIDATES);
  const entries: PomDependency[] = [];
  for (const relative of candidates) {
    const text = await input.readRelated(relative);
    if (text === undefined) continue;
    let bom: Pom;
    try {
      bom = readProject(displayPath(input.path, relative), text);
    } catch {
      continue;
    }
    const own = interpolator([bom]);
    const groupId = own(bom.groupId ?? bom.parent?.groupId ?? '');
    const version = own(bom.version ?? bom.parent?.version ?? '');
    if (!wanted.has(`${groupId}:${own(bom.artifactId ?? '')}:${version}`)) continue;
    for (const d of bom.managed) {
      entries.push({
        ...d,
        groupId: own(d.groupId),
        artifactId: own(d.artifactId),
        version: own(d.version),
      });
    }
  }
  return entries;
}

/** The declared dependencies of the merged model, as packages or skipped entries. */
function declaredPackages(
  chain: readonly LoadedPom[],
  managed: readonly PomDependency[],
  interpolate: (text: string) => string,
  skipped: SkippedEntry[],
): PackageRef[] {
  const management = new Map<string, PomDependency>();
  for (const d of managed) {
    if (isBomImport(d, interpolate)) continue;
    const key = managementKey(
      interpolate(d.groupId),
      interpolate(d.artifactId),
      interpolate(d.type),
      interpolate(d.classifier),
    );
    if (!management.has(key)) management.set(key, d);
  }
  const declaredAt = new Map<string, number>();
  const packages: PackageRef[] = [];
  for (const d of chain.flatMap((l) => l.pom.dependencies)) {
    const result = readDependency(d, management, declaredAt, interpolate);
    if ('ecosystem' in result) packages.push(result);
    else skipped.push(result);
  }
  return packages;
}

/**
 * One declared dependency as a package, or as a skipped entry saying why it is not one.
 * `declaredAt` remembers the keys already seen, so a repeated declaration is caught.
 */
function readDependency(
  d: PomDependency,
  management: ReadonlyMap<string, PomDependency>,
  declaredAt: Map<string, number>,
  interpolate: (text: string) => string,
): PackageRef | SkippedEntry {
  const groupId = interpolate(d.groupId);
  const artifactId = interpolate(d.artifactId);
  const line = d.line;
  const entry = clip(`${groupId}:${artifactId}:${d.version}`);
  if (groupId === '' || artifactId === '' || `${groupId}${artifactId}`.includes('${')) {
    const detail = 'no resolvable groupId or artifactId';
    return skippedEntry({ path: d.path, line, entry, reason: 'malformed', detail });
  }
  const type = interpolate(d.type) || 'jar';
  const classifier = interpolate(d.classifier);
  const key = managementKey(groupId, artifactId, type, classifier);
  const first = declaredAt.get(key);
  if (first !== undefined) {
    // Maven warns about such duplicates; like osv-scalibr, the first declaration is used.
    const detail = `declared again; the declaration on line ${first} is used`;
    return skippedEntry({ path: d.path, line, entry, reason: 'malformed', detail });
  }
  declaredAt.set(key, line);
  const fromManagement = management.get(key);
  const written = interpolate(d.version || fromManagement?.version || '');
  const name = `${groupId}:${artifactId}`;
  if (written === '') {
    const detail = 'no version here, in a local parent POM or in dependencyManagement';
    return skippedEntry({
      path: d.path,
      line,
      name,
      version: '',
      entry,
      reason: 'unpinned',
      detail,
    });
  }
  const declared = readDeclaredVersion(written);
  if (!declared.pinned) {
    const range = clip(`${name}:${written}`);
    return skippedEntry({
      path: d.path,
      line,
      name,
      version: declared.version,
      entry: range,
      reason: 'unpinned',
    });
  }
  const scope = interpolate(d.scope || fromManagement?.scope || '');
  return mavenPackage(
    ID,
    { groupId, artifactId, version: declared.version, type, classifier },
    { path: d.path, line, direct: true, dev: scope === 'test' },
  );
}
