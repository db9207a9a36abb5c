import { describe, expect, it } from 'vitest';
import { memoryInput } from '../shared/memory-input.ts';
import { gemfileLock } from './gemfile-lock.ts';

const LOCK = `GIT
  remote: https://github.com/hanami/utils.git
  revision: 5904fc9a70683b8749aa2861257d0c8c01eae4aa
  specs:
    hanami-utils (2.0.0.alpha1)
      concurrent-ruby (~> 1.0)

PATH
  remote: vendor/gems/local
  specs:
    local-gem (0.1.0)

GEM
  remote: https://rubygems.org/
  specs:
    concurrent-ruby (1.1.9)
    nokogiri (1.13.3-x86_64-linux)
      racc (~> 1.4)
    nokogiri (1.13.3-arm64-darwin)
      racc (~> 1.4)
    racc (1.6.0)
    rails (7.0.2.2)
      nokogiri (>= 1.6)
    broken-line

PLATFORMS
  arm64-darwin
  x86_64-linux

DEPENDENCIES
  hanami-utils!
  local-gem!
  rails (~> 7.0)

BUNDLED WITH
   2.4.10
`;

describe('Gemfile.lock', () => {
  it('reads GEM specs with platforms, DEPENDENCIES as direct, and the graph', async () => {
    expect(gemfileLock.matches('gems.locked')).toBe(true);
    const { packages, skipped } = await gemfileLock.extract(
      memoryInput({ 'Gemfile.lock': LOCK }, 'Gemfile.lock'),
    );
    expect(
      packages.map((p) => [
        p.name,
        p.version,
        p.direct,
        p.dependencyPath?.join(' > '),
        p.locations[0]?.line,
      ]),
    ).toEqual([
      ['concurrent-ruby', '1.1.9', false, 'hanami-utils@2.0.0.alpha1 > concurrent-ruby@1.1.9', 16],
      ['nokogiri', '1.13.3', false, 'rails@7.0.2.2 > nokogiri@1.13.3', 17],
      ['racc', '1.6.0', false, 'rails@7.0.2.2 > nokogiri@1.13.3 > racc@1.6.0', 21],
      ['rails', '7.0.2.2', true, 'rails@7.0.2.2', 22],
    ]);
    expect(packages[1]?.purl).toBe('pkg:gem/nokogiri@1.13.3?platform=x86_64-linux');
    expect(packages.every((p) => p.dev === undefined)).toBe(true);
    expect(skipped.map((s) => [s.reason, s.name, s.version, s.line])).toEqual([
      ['malformed', undefined, undefined, 24],
      ['non-registry', 'hanami-utils', '2.0.0.alpha1', 5],
      ['non-registry', 'local-gem', '0.1.0', 11],
    ]);
  });

  it('reads a lockfile without gems as empty and refuses one without any section', async () => {
    expect(
      await gemfileLock.extract(
        memoryInput({ 'Gemfile.lock': 'PLATFORMS\n  ruby\n' }, 'Gemfile.lock'),
      ),
    ).toEqual({
      packages: [],
      skipped: [],
    });
    const run = async () =>
      gemfileLock.extract(memoryInput({ 'Gemfile.lock': 'hello world\n' }, 'Gemfile.lock'));
    await expect(run()).rejects.toMatchObject({
      code: 'input',
      message: 'Gemfile.lock: not a valid Gemfile.lock: no GEM, PLATFORMS or DEPENDENCIES section',
    });
  });
});
