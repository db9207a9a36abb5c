import { describe, expect, it } from 'vitest';
import { packageRef, purlOf, registryPurl, skippedEntry } from './package-ref.ts';

describe('purls', () => {
  it('splits Go and Composer names at the last slash, and nothing else', () => {
    expect(registryPurl('golang', 'github.com/a/b', 'v1.0.0')).toBe(
      'pkg:golang/github.com/a/b@v1.0.0',
    );
    expect(registryPurl('composer', 'vendor/pkg', '1.0')).toBe('pkg:composer/vendor/pkg@1.0');
    expect(registryPurl('gem', 'rails', '7.0', { platform: 'java' })).toBe(
      'pkg:gem/rails@7.0?platform=java',
    );
  });

  it('leaves out an empty version and gives no purl for a name that cannot form one', () => {
    expect(purlOf('pypi', undefined, 'requests', '')).toBe('pkg:pypi/requests');
    expect(purlOf('cran', undefined, '', '1')).toBeUndefined();
  });
});

describe('packageRef', () => {
  it('leaves out what the format does not record', () => {
    expect(
      packageRef({
        ecosystem: 'Pub',
        purlType: 'pub',
        extractor: 'x',
        name: 'a',
        version: '1',
        path: 'p',
      }),
    ).toEqual({
      ecosystem: 'Pub',
      name: 'a',
      version: '1',
      purl: 'pkg:pub/a@1',
      locations: [{ path: 'p' }],
      extractor: 'x',
    });
  });

  it('takes a whole purl, explicit facts, and graph facts where those are missing', () => {
    const ref = packageRef({
      ecosystem: 'Maven',
      extractor: 'x',
      name: 'g:a',
      version: '1',
      purl: undefined,
      path: 'p',
      line: 3,
      dev: true,
      graph: { direct: false, dev: false, dependencyPath: ['b@1', 'g:a@1'], dependsOn: ['c@1'] },
    });
    expect(ref).toEqual({
      ecosystem: 'Maven',
      name: 'g:a',
      version: '1',
      locations: [{ path: 'p', line: 3 }],
      direct: false,
      dev: true,
      dependencyPath: ['b@1', 'g:a@1'],
      dependsOn: ['c@1'],
      extractor: 'x',
    });
  });
});

describe('skippedEntry', () => {
  it('clips long text and reports a version only beside a name', () => {
    expect(
      skippedEntry({
        path: 'p',
        reason: 'malformed',
        entry: 'x'.repeat(300),
        detail: 'd',
        version: '1',
      }),
    ).toEqual({ path: 'p', entry: `${'x'.repeat(200)}…`, reason: 'malformed', detail: 'd' });
    expect(skippedEntry({ path: 'p', line: 2, reason: 'non-registry', name: 'a' })).toEqual({
      path: 'p',
      line: 2,
      name: 'a',
      version: '',
      reason: 'non-registry',
    });
  });
});
