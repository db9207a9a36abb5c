import { describe, expect, it } from 'vitest';
import { isSecflowError } from '../../core/errors.ts';
import type { Extractor } from '../extractor.ts';
import { binaryJunk, CLEAN_REFUSAL, extractOutcome, refusal } from '../shared/hostile-inputs.ts';
import { gradleLockfileExtractor } from './gradle-lockfile.ts';
import { gradleVerificationMetadataExtractor } from './gradle-verification-metadata.ts';
import { gradleVersionCatalogExtractor } from './gradle-version-catalog.ts';
import { pomXmlExtractor } from './pom-xml.ts';

const junk = binaryJunk();
const deep = 100_000;

const xmlInputs = {
  'billion laughs': `<?xml version="1.0"?>
<!DOCTYPE project [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<project><properties><v>&lol3;</v></properties></project>`,
  'external entity': `<?xml version="1.0"?>
<!DOCTYPE project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<project><dependencies><dependency><groupId>&xxe;</groupId></dependency></dependencies></project>`,
  '10^5 nested elements': `${'<project>'.repeat(deep)}${'</project>'.repeat(deep)}`,
  truncated: '<project><dependencies><dependency><groupId>a</groupId>',
};

const tomlInputs = {
  '10^5 nested arrays': `a = ${'['.repeat(deep)}${']'.repeat(deep)}`,
  '10^5 nested inline tables': `a = ${'{b='.repeat(deep)}1${'}'.repeat(deep)}`,
  truncated: '[libraries]\nguava = "com.google.guava:guava:3',
};

const cases: [Extractor, string, Record<string, string>][] = [
  [pomXmlExtractor, 'pom.xml', xmlInputs],
  [gradleVerificationMetadataExtractor, 'gradle/verification-metadata.xml', xmlInputs],
  [gradleVersionCatalogExtractor, 'gradle/libs.versions.toml', tomlInputs],
];

describe('hostile Maven and Gradle inputs', () => {
  for (const [extractor, path, inputs] of cases) {
    for (const [label, content] of Object.entries({ 'binary junk': junk, ...inputs })) {
      it(`${path}: ${label} is refused with one input error naming the file`, async () => {
        const { error, read } = await extractOutcome(extractor, path, content);
        expect(refusal(error, path)).toEqual(CLEAN_REFUSAL);
        expect(read.filter((p) => p.includes('passwd'))).toEqual([]);
      });
    }
  }

  it('gradle.lockfile: binary junk is refused, odd lines become skipped entries', async () => {
    expect(
      isSecflowError(
        (await extractOutcome(gradleLockfileExtractor, 'gradle.lockfile', junk)).error,
      ),
    ).toBe(true);
    const odd = await extractOutcome(
      gradleLockfileExtractor,
      'gradle.lockfile',
      `${'['.repeat(deep)}\n${'a:'.repeat(50_000)}`,
    );
    expect(odd.result?.packages).toEqual([]);
    expect(odd.result?.skipped).toHaveLength(2);
  });

  it('a self-referencing property chain stays bounded', async () => {
    const { result } = await extractOutcome(
      pomXmlExtractor,
      'pom.xml',
      `<project><properties><a>\${a}\${a}</a></properties>
  <dependencies><dependency><groupId>g</groupId><artifactId>x</artifactId><version>\${a}</version></dependency></dependencies>
</project>`,
    );
    expect(result?.skipped[0]?.reason).toBe('unpinned');
    expect((result?.skipped[0]?.version ?? '').length).toBeLessThan(10_000);
  });

  it('a parent chain longer than any real one is refused', async () => {
    const pom = (n: number) =>
      `<project><groupId>g</groupId><artifactId>p${n}</artifactId><version>1</version>
  <parent><groupId>g</groupId><artifactId>p${n + 1}</artifactId><version>1</version><relativePath>p${n + 1}.xml</relativePath></parent></project>`;
    const readRelated = async (p: string) => pom(Number(p.slice(1, -4)));
    const error = await Promise.resolve()
      .then(() => pomXmlExtractor.extract({ path: 'pom.xml', content: pom(0), readRelated }))
      .catch((e: unknown) => e);
    expect((error as Error).message).toBe('pom.xml: more than 16 parent POMs');
  });
});
