import { describe, expect, it } from 'vitest';
import { gradleVerificationMetadataExtractor } from './gradle-verification-metadata.ts';

describe('gradle/verification-metadata.xml', () => {
  it('matches the file only inside a gradle folder', () => {
    expect(gradleVerificationMetadataExtractor.matches('gradle/verification-metadata.xml')).toBe(
      true,
    );
    expect(
      gradleVerificationMetadataExtractor.matches('app/gradle/verification-metadata.xml'),
    ).toBe(true);
    expect(gradleVerificationMetadataExtractor.matches('verification-metadata.xml')).toBe(false);
  });

  it('reads components with their start lines and reports incomplete ones', async () => {
    const { packages, skipped } = await gradleVerificationMetadataExtractor.extract({
      path: 'gradle/verification-metadata.xml',
      content: `<?xml version="1.0" encoding="UTF-8"?>
<verification-metadata xmlns="https://schema.gradle.org/dependency-verification">
  <components>
    <component
        group="org.apache.pdfbox" name="pdfbox" version="2.0.17">
      <artifact name="pdfbox-2.0.17.jar"><sha256 value="ab"/></artifact>
    </component>
    <component group='org.apache.pdfbox' name='pdfbox' version='2.0.17'/>
    <component group="org.apache.pdfbox" name="fontbox"/>
  </components>
</verification-metadata>`,
      readRelated: async () => undefined,
    });
    expect(packages.map((p) => [p.name, p.version, p.locations[0]?.line])).toEqual([
      ['org.apache.pdfbox:pdfbox', '2.0.17', 4],
    ]);
    expect(skipped.map((s) => [s.reason, s.name, s.version, s.line])).toEqual([
      ['unpinned', 'org.apache.pdfbox:fontbox', '', 9],
    ]);
  });
});
