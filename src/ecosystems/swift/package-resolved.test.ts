import { describe, expect, it } from 'vitest';
import { binaryJunk, CLEAN_REFUSAL, refusal, thrownBy } from '../shared/hostile-inputs.ts';
import { swiftName } from './package.ts';
import { packageResolvedExtractor } from './package-resolved.ts';

const extract = (content: string) =>
  packageResolvedExtractor.extract({
    path: 'App.xcworkspace/xcshareddata/swiftpm/Package.resolved',
    content,
    readRelated: async () => undefined,
  });

describe('Package.resolved', () => {
  it('reads version 2 and 3 pins by repository URL', async () => {
    const { packages, skipped } = await extract(`{
  "originHash" : "abc",
  "pins" : [
    {
      "identity" : "swift-nio",
      "kind" : "remoteSourceControl",
      "location" : "https://github.com/apple/swift-nio.git",
      "state" : { "revision" : "b14b7f4", "version" : "2.58.0" }
    },
    {
      "identity" : "swift-format",
      "kind" : "remoteSourceControl",
      "location" : "git@github.com:apple/swift-format.git",
      "state" : { "branch" : "main", "revision" : "9cfed92" }
    },
    {
      "identity" : "mona.linkedlist",
      "kind" : "registry",
      "location" : "",
      "state" : { "version" : "1.0.0" }
    },
    {
      "identity" : "local-kit",
      "kind" : "localSourceControl",
      "location" : "/Users/me/LocalKit",
      "state" : { "revision" : "6c89474" }
    }
  ],
  "version" : 3
}`);
    expect(packages.map((p) => [p.name, p.version, p.locations[0]?.line, p.purl])).toEqual([
      ['github.com/apple/swift-nio', '2.58.0', 4, 'pkg:swift/github.com/apple/swift-nio@2.58.0'],
    ]);
    expect(skipped.map((s) => [s.reason, s.name, s.version, s.line, s.detail])).toEqual([
      ['unpinned', 'github.com/apple/swift-format', '', 10, 'pinned to main'],
      [
        'unsupported',
        undefined,
        undefined,
        16,
        'a Swift registry package; SwiftURL advisories are keyed by repository URL',
      ],
      ['non-registry', undefined, undefined, 22, 'local package /Users/me/LocalKit'],
    ]);
  });

  it('reads version 1 pins under "object"', async () => {
    const { packages } = await extract(`{
  "object": {
    "pins": [
      {
        "package": "Alamofire",
        "repositoryURL": "https://github.com/Alamofire/Alamofire",
        "state": { "branch": null, "revision": "f82c23a", "version": "5.4.4" }
      }
    ]
  },
  "version": 1
}`);
    expect(packages.map((p) => [p.name, p.version, p.locations[0]?.line])).toEqual([
      ['github.com/Alamofire/Alamofire', '5.4.4', 4],
    ]);
  });

  it('names packages by URL without scheme, credentials or .git', () => {
    expect(swiftName('https://user:token@github.com/a/b.git')).toBe('github.com/a/b');
    expect(swiftName('git@gitlab.com:group/sub/repo.git')).toBe('gitlab.com/group/sub/repo');
    expect(swiftName('/local/path')).toBeUndefined();
  });

  it.each([
    ['an empty file', ''],
    ['no pins', '{"version": 2}'],
    ['10^5 nested objects', `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`],
    ['binary junk', binaryJunk(2048)],
  ])('refuses %s with one input error naming the file', async (_label, content) => {
    const path = 'App.xcworkspace/xcshareddata/swiftpm/Package.resolved';
    expect(refusal(await thrownBy(() => extract(content)), path)).toEqual(CLEAN_REFUSAL);
  });
});
