import { PackageURL } from 'packageurl-js';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import type { PackageRef, SkippedEntry } from '../../core/package.ts';
import { baseName, type InstalledExtractor, type InstalledResult } from '../installed-extractor.ts';
import { parseManifest, parseProperties } from './properties.ts';

const ARCHIVE = /\.(jar|war|ear|jpi|hpi|par|sar|kar)$/i;
const POM_PROPERTIES = /^META-INF\/maven\/[^/]+\/[^/]+\/pom\.properties$/;
const MAX_DEPTH = 3;
const MAX_ENTRIES = 200_000;
const MAX_SMALL_ENTRY = 1024 * 1024;
const MAX_NESTED_ARCHIVE = 64 * 1024 * 1024;

interface ArchiveLimits {
  /** Bytes of nested archives still allowed to be inflated, shared by the whole tree. */
  nestedBudget: number;
}

/** Reads an entry into memory, refusing more than `max` bytes whatever the header claims. */
async function readEntry(zip: ZipFile, entry: Entry, max: number): Promise<Buffer | undefined> {
  if (entry.uncompressedSize > max) return undefined;
  const stream = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > max) {
      stream.destroy();
      return undefined;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function mavenPackage(path: string, group: string, artifact: string, version: string): PackageRef {
  return {
    ecosystem: 'Maven',
    name: `${group}:${artifact}`,
    version,
    purl: new PackageURL('maven', group, artifact, version, undefined, undefined).toString(),
    locations: [{ path }],
    extractor: 'installed/java-archive',
  };
}

/** "commons-lang3-3.12.0.jar" → name and version, for the skipped entry when nothing else says. */
function fromFileName(file: string): { name?: string; version?: string } {
  const m = /^(.+?)-(\d[^-]*(?:-[A-Za-z0-9.]+)?)\.[a-z]+$/i.exec(file);
  return m ? { name: m[1] as string, version: m[2] as string } : {};
}

async function readArchive(
  buffer: Buffer,
  path: string,
  depth: number,
  limits: ArchiveLimits,
): Promise<InstalledResult> {
  const packages: PackageRef[] = [];
  const skipped: SkippedEntry[] = [];
  let zip: ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, validateEntrySizes: true });
  } catch (e) {
    return {
      packages,
      skipped: [
        { path, reason: 'malformed', detail: `not a zip archive: ${(e as Error).message}` },
      ],
    };
  }
  const poms: Map<string, string>[] = [];
  let manifest: Map<string, string> | undefined;
  let count = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      if (++count > MAX_ENTRIES) {
        skipped.push({ path, reason: 'unsupported', detail: `more than ${MAX_ENTRIES} entries` });
        break;
      }
      const name = entry.fileName;
      if (name.endsWith('/')) continue;
      if (POM_PROPERTIES.test(name)) {
        const text = await readEntry(zip, entry, MAX_SMALL_ENTRY);
        if (text) poms.push(parseProperties(text.toString('utf8')));
      } else if (name === 'META-INF/MANIFEST.MF') {
        const text = await readEntry(zip, entry, MAX_SMALL_ENTRY);
        if (text) manifest = parseManifest(text.toString('utf8'));
      } else if (ARCHIVE.test(name) && depth < MAX_DEPTH) {
        const nestedPath = `${path}!/${name}`;
        const allowed = Math.min(MAX_NESTED_ARCHIVE, limits.nestedBudget);
        const inner = await readEntry(zip, entry, allowed);
        if (inner === undefined) {
          skipped.push({
            path: nestedPath,
            reason: 'unsupported',
            detail: 'nested archive too large',
          });
          continue;
        }
        limits.nestedBudget -= inner.length;
        const result = await readArchive(inner, nestedPath, depth + 1, limits);
        packages.push(...result.packages);
        skipped.push(...result.skipped);
      }
    }
  } catch (e) {
    skipped.push({
      path,
      reason: 'malformed',
      detail: `damaged zip archive: ${(e as Error).message}`,
    });
  } finally {
    zip.close();
  }
  packages.push(...ownPackages(path, poms, manifest, skipped));
  return { packages, skipped };
}

/** The archive's own identity: every pom.properties it carries, else its manifest. */
function ownPackages(
  path: string,
  poms: readonly Map<string, string>[],
  manifest: Map<string, string> | undefined,
  skipped: SkippedEntry[],
): PackageRef[] {
  const seen = new Set<string>();
  const out: PackageRef[] = [];
  for (const pom of poms) {
    const group = pom.get('groupId');
    const artifact = pom.get('artifactId');
    const version = pom.get('version');
    if (!group || !artifact || !version) continue;
    const key = `${group}:${artifact}@${version}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(mavenPackage(path, group, artifact, version));
  }
  if (out.length > 0) return out;
  const group = manifest?.get('Implementation-Vendor-Id');
  const artifact = manifest?.get('Implementation-Title');
  const version = manifest?.get('Implementation-Version') ?? manifest?.get('Bundle-Version');
  if (group && artifact && version && !/\s/.test(artifact)) {
    return [mavenPackage(path, group, artifact, version)];
  }
  const guess = fromFileName(baseName(path));
  skipped.push({
    path,
    ...guess,
    reason: 'unsupported',
    detail: 'no pom.properties or manifest naming group, artifact and version',
  });
  return [];
}

/** Java archives (JAR, WAR, EAR, Jenkins plugins) and the archives nested inside them. */
export const javaArchiveExtractor: InstalledExtractor = {
  id: 'installed/java-archive',
  matches: (path) => ARCHIVE.test(path),
  maxBytes: 128 * 1024 * 1024,
  sniff: (head) => head.length >= 4 && head.readUInt32LE(0) === 0x04034b50,
  extract: ({ path, content }) =>
    readArchive(content, path, 0, { nestedBudget: 4 * MAX_NESTED_ARCHIVE }),
};
