import { describe, expect, it } from 'vitest';
import {
  isGitSource,
  isLocalSource,
  npmAlias,
  redactCredentials,
  splitNameAtRange,
} from './sources.ts';

describe('sources', () => {
  it('tells git sources from registry ones', () => {
    const git = [
      'git+ssh://git@github.com/a/b.git#abc',
      'github:a/b',
      'a/b#v1',
      'https://github.com/a/b',
      'https://codeload.github.com/a/b/tar.gz/abc',
      'https://example.com/a/b.git#main',
      'gitlab:a/b',
    ];
    const other = [
      '^1.2.3',
      'https://registry.npmjs.org/a/-/a-1.0.0.tgz',
      'latest',
      '>= 1 < 2',
      'npm:a@1',
    ];
    expect(git.filter(isGitSource)).toEqual(git);
    expect(other.filter(isGitSource)).toEqual([]);
  });

  it('tells local sources', () => {
    expect(
      ['file:../a', 'link:x', 'portal:y', 'workspace:*', './a', '/abs'].every(isLocalSource),
    ).toBe(true);
    expect(isLocalSource('^1')).toBe(false);
  });

  it('splits descriptors and npm aliases', () => {
    expect(splitNameAtRange('@s/a@npm:^1')).toEqual({ name: '@s/a', range: 'npm:^1' });
    expect(splitNameAtRange('a')).toEqual({ name: 'a', range: '' });
    expect(npmAlias('npm:@s/real@^1.2.0')).toEqual({ name: '@s/real', range: '^1.2.0' });
    expect(npmAlias('npm:^1.2.0')).toBeUndefined();
    expect(npmAlias('^1.2.0')).toBeUndefined();
  });

  it('hides credentials in URLs but keeps the usual git@ user', () => {
    expect(redactCredentials('git+https://user:token@github.com/a/b.git')).toBe(
      'git+https://***@github.com/a/b.git',
    );
    expect(redactCredentials('git+ssh://git@github.com/a/b.git')).toBe(
      'git+ssh://git@github.com/a/b.git',
    );
  });
});
