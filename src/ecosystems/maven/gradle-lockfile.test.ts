import { describe, expect, it } from 'vitest';
import { gradleLockfileExtractor } from './gradle-lockfile.ts';

describe('gradle.lockfile', () => {
  it('reads locked modules, marks test-only ones dev and keeps bad lines as skipped', async () => {
    const { packages, skipped } = await gradleLockfileExtractor.extract({
      path: 'app/gradle.lockfile',
      content: `# This is a Gradle generated file for dependency locking.
com.google.guava:guava:32.1.3-jre=compileClasspath,runtimeClasspath
junit:junit:4.13.2=testCompileClasspath,testRuntimeClasspath
broken-line
empty=annotationProcessor
`,
      readRelated: async () => undefined,
    });
    expect(packages.map((p) => [p.name, p.version, p.dev, p.locations[0]?.line, p.purl])).toEqual([
      [
        'com.google.guava:guava',
        '32.1.3-jre',
        false,
        2,
        'pkg:maven/com.google.guava/guava@32.1.3-jre',
      ],
      ['junit:junit', '4.13.2', true, 3, 'pkg:maven/junit/junit@4.13.2'],
    ]);
    expect(skipped).toEqual([
      {
        path: 'app/gradle.lockfile',
        line: 4,
        entry: 'broken-line',
        reason: 'malformed',
        detail: 'not a group:artifact:version line',
      },
    ]);
  });

  it('matches lockfiles by name', () => {
    expect(gradleLockfileExtractor.matches('gradle.lockfile')).toBe(true);
    expect(gradleLockfileExtractor.matches('app/buildscript-gradle.lockfile')).toBe(true);
    expect(
      gradleLockfileExtractor.matches('gradle/dependency-locks/testRuntimeClasspath.lockfile'),
    ).toBe(true);
    expect(gradleLockfileExtractor.matches('app/other.lockfile')).toBe(false);
  });

  it('reads per-configuration lockfiles of Gradle before 6.8', async () => {
    const { packages } = await gradleLockfileExtractor.extract({
      path: 'gradle/dependency-locks/testRuntimeClasspath.lockfile',
      content: '# comment\njunit:junit:4.13.2\n',
      readRelated: async () => undefined,
    });
    expect(packages.map((p) => [p.name, p.version, p.dev])).toEqual([
      ['junit:junit', '4.13.2', true],
    ]);
  });
});
