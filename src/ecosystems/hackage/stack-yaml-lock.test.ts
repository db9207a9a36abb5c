import { describe, expect, it } from 'vitest';
import { CLEAN_REFUSAL, refusal, thrownBy } from '../shared/hostile-inputs.ts';
import { stackYamlLockExtractor } from './stack-yaml-lock.ts';

const extract = (content: string) =>
  stackYamlLockExtractor.extract({
    path: 'stack.yaml.lock',
    content,
    readRelated: async () => undefined,
  });

describe('stack.yaml.lock', () => {
  it('reads hackage extra-deps and keeps git ones as skipped entries', async () => {
    const { packages, skipped } = await extract(`packages:
- completed:
    hackage: hasql-pool-1.0.1@sha256:3cfb4c71,2302
    pantry-tree:
      sha256: d98e1269
      size: 799
  original:
    hackage: hasql-pool-1.0.1
- completed:
    name: my-lib
    version: 0.3.0
    git: https://github.com/me/my-lib
    commit: 6c89474e62719ddcc1e9614989fff2f68208fe10
  original:
    git: https://github.com/me/my-lib
snapshots:
- completed:
    url: https://example.com/lts/22/41.yaml
  original: lts-22.41
`);
    expect(packages.map((p) => [p.name, p.version, p.direct, p.locations[0]?.line])).toEqual([
      ['hasql-pool', '1.0.1', true, 2],
    ]);
    expect(skipped.map((s) => [s.reason, s.name, s.version, s.line])).toEqual([
      ['non-registry', 'my-lib', '0.3.0', 9],
    ]);
  });

  it('accepts an empty package list', async () => {
    expect(await extract('packages:\n')).toEqual({ packages: [], skipped: [] });
  });

  it.each([
    ['plain text', 'not a lock file'],
    ['a truncated file', 'packages:\n- completed:\n    hackage: "x-1'],
    ['10^5 nested flow maps', `${'{a: '.repeat(100_000)}1${'}'.repeat(100_000)}`],
  ])('refuses %s with one input error naming the file', async (_label, content) => {
    expect(refusal(await thrownBy(() => extract(content)), 'stack.yaml.lock')).toEqual(
      CLEAN_REFUSAL,
    );
  });
});
