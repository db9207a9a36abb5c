import { describe, expect, it } from 'vitest';
import { shannonEntropy } from './entropy.ts';
import { KeywordMatcher } from './keyword-matcher.ts';
import { redact } from './redact.ts';

describe('KeywordMatcher', () => {
  it('finds every occurrence of every keyword, case-insensitively, overlaps included', () => {
    const m = new KeywordMatcher(['akia', 'ghp_', 'kia', 'token']);
    const hits: [string, number][] = [];
    m.scan('AKIAx ghp_ TOKEN tok akiakia é token', (id, end) =>
      hits.push([m.keywords[id] as string, end]),
    );
    expect(hits).toEqual([
      ['akia', 4],
      ['kia', 4],
      ['ghp_', 10],
      ['token', 16],
      ['akia', 25],
      ['kia', 25],
      ['akia', 28],
      ['kia', 28],
      ['token', 36],
    ]);
  });

  it('rejects non-ASCII keywords', () => {
    expect(() => new KeywordMatcher(['clé'])).toThrow(/not ASCII/);
  });
});

describe('entropy and redaction', () => {
  it('computes Shannon entropy in bits per character', () => {
    expect(shannonEntropy('')).toBe(0);
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
  });

  it('shows at most four characters and a digest, fewer for short secrets', () => {
    expect(redact('AKIAQYLPMN5HHHFPZAM2')).toMatch(/^AKIA…#[0-9a-f]{6}$/);
    expect(redact('hunter2')).toMatch(/^h…#[0-9a-f]{6}$/);
    expect(redact('abc')).toMatch(/^…#[0-9a-f]{6}$/);
    expect(redact('AKIAQYLPMN5HHHFPZAM2')).not.toBe(redact('AKIAQYLPMN5HHHFPZAM3'));
  });
});
