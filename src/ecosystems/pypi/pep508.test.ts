import { describe, expect, it } from 'vitest';
import { exactPin, namedVersion, normalizePypiName, parseRequirement } from './pep508.ts';

describe('PEP 508 requirements', () => {
  it('parses names, extras, clauses, URLs and markers', () => {
    expect(
      parseRequirement('requests[socks, security] >=2.8.1, ==2.8.* ; python_version < "2.7"'),
    ).toEqual({
      ok: true,
      requirement: {
        name: 'requests',
        extras: ['socks', 'security'],
        clauses: [
          { operator: '>=', version: '2.8.1' },
          { operator: '==', version: '2.8.*' },
        ],
        marker: 'python_version < "2.7"',
      },
    });
    expect(parseRequirement('pip @ https://x.test/p.zip;sha=1 ; os_name == "nt"')).toMatchObject({
      ok: true,
      requirement: { name: 'pip', url: 'https://x.test/p.zip;sha=1', marker: 'os_name == "nt"' },
    });
    expect(parseRequirement('wheel (>=0.32.0)')).toMatchObject({
      ok: true,
      requirement: { clauses: [{ operator: '>=', version: '0.32.0' }] },
    });
  });

  it('rejects broken requirements with a reason', () => {
    expect(parseRequirement('==1.0')).toEqual({ ok: false, error: 'no package name' });
    expect(parseRequirement('asdf==')).toEqual({ ok: false, error: 'no version after ==' });
    expect(parseRequirement('asdf 1.0')).toEqual({ ok: false, error: 'not a version clause: 1.0' });
    expect(parseRequirement('x[a')).toEqual({ ok: false, error: 'unclosed extras' });
  });

  it('tells exact pins from named and unnamed ranges', () => {
    const clauses = (s: string) => {
      const r = parseRequirement(`x${s}`);
      return r.ok ? r.requirement.clauses : [];
    };
    expect(exactPin(clauses('==1.2'))).toBe('1.2');
    expect(exactPin(clauses('===1.2'))).toBe('1.2');
    expect(exactPin(clauses('==1.*'))).toBeUndefined();
    expect(namedVersion(clauses('~=1.1'))).toBe('1.1');
    expect(namedVersion(clauses('<2'))).toBe('');
    expect(namedVersion(clauses('>=1,<2'))).toBe('');
    expect(normalizePypiName('Foo__Bar.baz')).toBe('foo-bar-baz');
  });
});
