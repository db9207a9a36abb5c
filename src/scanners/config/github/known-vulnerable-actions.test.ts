// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are shell, Dockerfile and workflow text
import { describe, expect, it } from 'vitest';
import { ACTION_ADVISORIES, isAffected } from './known-vulnerable-actions.ts';
import { parseUses, refVersion } from './uses.ts';

const advisory = (id: string) => {
  const a = ACTION_ADVISORIES.find((x) => x.id === id);
  if (a === undefined) throw new Error(id);
  return a;
};

describe('isAffected', () => {
  it('reads fixed ranges for exact and floating tags', () => {
    const tj = advisory('GHSA-mrrh-fwg8-r2c3');
    expect(isAffected(tj, 'v45.0.7')).toBe(true);
    expect(isAffected(tj, 'v45')).toBe(true); // the newest 45.x is still before the fix
    expect(isAffected(tj, 'v46')).toBe(false);
    expect(isAffected(tj, 'v46.0.1')).toBe(false);
    const dl = advisory('GHSA-cxww-7g56-2vh6');
    expect(isAffected(dl, 'v4.1.2')).toBe(true);
    expect(isAffected(dl, 'v4')).toBe(false); // v4 now points past 4.1.3
    expect(isAffected(dl, 'v4.1')).toBe(false);
    expect(isAffected(dl, 'v3')).toBe(false); // before the range
    expect(isAffected(dl, 'main')).toBe(false);
  });

  it('takes the version from the comment beside a SHA', () => {
    const dl = advisory('GHSA-cxww-7g56-2vh6');
    const sha = 'eaceaf801fd36c7dee90939fad912460b18a1ffe';
    expect(isAffected(dl, sha, 'v4.1.2')).toBe(true);
    expect(isAffected(dl, sha, 'v4.1.8')).toBe(false);
    expect(isAffected(dl, sha)).toBe(false);
  });

  it('matches compromised tags by name', () => {
    const rd = advisory('GHSA-qmg3-hpqr-gqvc');
    expect(isAffected(rd, 'v1')).toBe(true);
    expect(isAffected(rd, 'v1.2.0')).toBe(false);
  });

  it('keeps a source for every advisory', () => {
    for (const a of ACTION_ADVISORIES) {
      expect(a.source).toMatch(/^https:\/\/github\.com\//);
      expect(a.fixed !== undefined || a.refs !== undefined).toBe(true);
    }
  });
});

describe('uses refs', () => {
  it('parses the forms of uses:', () => {
    expect(parseUses('actions/checkout@v4')).toMatchObject({
      kind: 'repo',
      owner: 'actions',
      repo: 'checkout',
      path: '',
      ref: 'v4',
    });
    expect(parseUses('github/codeql-action/init@v3')).toMatchObject({ kind: 'repo', path: 'init' });
    expect(parseUses('./.github/actions/x')).toMatchObject({ kind: 'local' });
    expect(parseUses('docker://alpine:3.20')).toMatchObject({
      kind: 'docker',
      image: 'alpine:3.20',
    });
    expect(parseUses('docker://alpine@sha256:abc')).toMatchObject({
      kind: 'docker',
      digest: 'sha256:abc',
    });
    expect(parseUses('${{ matrix.action }}')).toMatchObject({ kind: 'expression' });
    expect(parseUses('actions/checkout')).toMatchObject({ kind: 'invalid' });
  });

  it('reads versions from tags', () => {
    expect(refVersion('v4.1.2')).toEqual([4, 1, 2]);
    expect(refVersion('v4')).toEqual([4, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY]);
    expect(refVersion('main')).toBeUndefined();
  });
});
