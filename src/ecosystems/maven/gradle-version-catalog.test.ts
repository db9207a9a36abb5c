import { describe, expect, it } from 'vitest';
import { gradleVersionCatalogExtractor } from './gradle-version-catalog.ts';

describe('gradle/libs.versions.toml', () => {
  it('reads every library notation with its line', async () => {
    const { packages, skipped } = await gradleVersionCatalogExtractor.extract({
      path: 'gradle/libs.versions.toml',
      content: `[versions]
groovy = "3.0.5"
rich = { strictly = "2.0" }

[libraries]
guava = "com.google.guava:guava:32.1.3-jre"
groovy-core = { module = "org.codehaus.groovy:groovy", version.ref = "groovy" }
lang = { group = "org.apache.commons", name = "commons-lang3", version = "3.12.0" }
strict = { module = "org.example:strict", version.ref = "rich" }
dynamic = { module = "org.example:dyn", version = "1.+" }
ranged = { module = "org.example:range", version = { strictly = "[1.0, 2.0)" } }
bare = { module = "org.example:bare" }
broken = { version = "1.0" }

[plugins]
versions = { id = "com.github.ben-manes.versions", version = "0.45.0" }
`,
      readRelated: async () => undefined,
    });
    expect(packages.map((p) => [p.name, p.version, p.locations[0]?.line])).toEqual([
      ['com.google.guava:guava', '32.1.3-jre', 6],
      ['org.codehaus.groovy:groovy', '3.0.5', 7],
      ['org.apache.commons:commons-lang3', '3.12.0', 8],
      ['org.example:strict', '2.0', 9],
    ]);
    expect(skipped.map((s) => [s.reason, s.name, s.version, s.line])).toEqual([
      ['unpinned', 'org.example:dyn', '1.+', 10],
      ['unpinned', 'org.example:range', '1.0', 11],
      ['unpinned', 'org.example:bare', '', 12],
      ['malformed', undefined, undefined, 13],
    ]);
  });

  it('refuses a file that is not TOML', async () => {
    await expect(async () =>
      gradleVersionCatalogExtractor.extract({
        path: 'gradle/libs.versions.toml',
        content: '[libraries\nx = "',
        readRelated: async () => undefined,
      }),
    ).rejects.toThrow(
      /^gradle\/libs\.versions\.toml: not a valid Gradle version catalog: .*\(line 1, column \d+\)$/,
    );
  });
});
