import { describe, expect, it } from 'vitest';
import { binaryJunk, CLEAN_REFUSAL, refusal, thrownBy } from '../shared/hostile-inputs.ts';
import { podfileLockExtractor } from './podfile-lock.ts';

const extract = (content: string) =>
  podfileLockExtractor.extract({
    path: 'ios/Podfile.lock',
    content,
    readRelated: async () => undefined,
  });

describe('Podfile.lock', () => {
  it('reads pods once per subspec family, with direct flags, dependencies and external sources', async () => {
    const { packages, skipped } = await extract(`PODS:
  - Alamofire (5.4.4)
  - Texture/Core (3.1.0):
    - PINCache (~> 3.0)
  - Texture/PINRemoteImage (3.1.0):
    - Texture/Core
  - PINCache (3.0.3)
  - MyKit (0.1.0)
  - "broken entry"

DEPENDENCIES:
  - Alamofire (~> 5.4)
  - Texture/PINRemoteImage
  - MyKit (from \`../MyKit\`)

EXTERNAL SOURCES:
  MyKit:
    :path: "../MyKit"

COCOAPODS: 1.12.1
`);
    expect(
      packages.map((p) => [
        p.name,
        p.version,
        p.direct,
        p.locations[0]?.line,
        p.dependsOn,
        p.dependencyPath,
      ]),
    ).toEqual([
      ['Alamofire', '5.4.4', true, 2, undefined, undefined],
      ['Texture', '3.1.0', true, 3, ['PINCache@3.0.3'], undefined],
      ['PINCache', '3.0.3', false, 7, undefined, ['Texture@3.1.0', 'PINCache@3.0.3']],
    ]);
    expect(skipped.map((s) => [s.reason, s.name, s.version, s.line, s.detail])).toEqual([
      ['malformed', undefined, undefined, 9, 'not "Name (version)"'],
      ['non-registry', 'MyKit', '0.1.0', 8, 'path ../MyKit'],
    ]);
  });

  it.each([
    ['an empty file', ''],
    ['plain text', 'invalid\n2FLayoutSpecBuilder\nfile'],
    ['10^5 nested flow sequences', `PODS: ${'['.repeat(100_000)}${']'.repeat(100_000)}`],
    ['binary junk', binaryJunk(2048)],
  ])('refuses %s with one input error naming the file', async (_label, content) => {
    expect(refusal(await thrownBy(() => extract(content)), 'ios/Podfile.lock')).toEqual(
      CLEAN_REFUSAL,
    );
  });
});
