import type { PackageRef, SkippedEntry } from '../../core/package.ts';
import type { Extractor } from '../extractor.ts';
import { skippedEntry } from '../shared/package-ref.ts';
import { assertText, clip, splitLines } from '../shared/text-input.ts';
import { mavenPackage } from './package.ts';

const ID = 'maven/gradle-lockfile';
const FORMAT = 'gradle.lockfile';

/** gradle.lockfile, and buildscript-gradle.lockfile for the build script's own classpath. */
const LOCKFILE = /(?:^|\/)(?:buildscript-)?gradle\.lockfile$/;
/** Gradle before 6.8 wrote one lockfile per configuration, named after it. */
const LEGACY_LOCKFILE = /(?:^|\/)gradle\/dependency-locks\/([^/]+)\.lockfile$/;

/** Configurations only tests use: testCompileClasspath, androidTestRuntimeClasspath… */
const TEST_CONFIGURATION = /(?:^test|Test)(?=[A-Z]|$)/;

/**
 * gradle.lockfile (Gradle dependency locking): one `group:artifact:version=conf1,conf2` line per
 * resolved module. A module that only test configurations use is a dev dependency. The
 * `empty=` line lists configurations without dependencies.
 */
export const gradleLockfileExtractor: Extractor = {
  id: ID,
  matches: (path) => LOCKFILE.test(path) || LEGACY_LOCKFILE.test(path),
  extract({ path, content }) {
    assertText(path, content, FORMAT);
    const packages: PackageRef[] = [];
    const skipped: SkippedEntry[] = [];
    const legacyConfiguration = LEGACY_LOCKFILE.exec(path)?.[1] ?? '';
    splitLines(content).forEach((raw, index) => {
      const text = raw.trim();
      if (text === '' || text.startsWith('#') || text.startsWith('empty=')) return;
      const line = index + 1;
      const [coordinates = '', configurations = ''] = text.split('=', 2);
      const parts = coordinates.split(':');
      const [groupId = '', artifactId = '', version = ''] = parts;
      if (parts.length !== 3 || groupId === '' || artifactId === '' || version === '') {
        skipped.push(
          skippedEntry({
            path,
            line,
            entry: clip(text),
            reason: 'malformed',
            detail: 'not a group:artifact:version line',
          }),
        );
        return;
      }
      const used = configurations.split(',').filter((c) => c !== '');
      if (used.length === 0) used.push(legacyConfiguration);
      const dev = used.length > 0 && used.every((c) => TEST_CONFIGURATION.test(c));
      packages.push(mavenPackage(ID, { groupId, artifactId, version }, { path, line, dev }));
    });
    return { packages, skipped };
  },
};
