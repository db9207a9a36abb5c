import { describe, expect, it } from 'vitest';
import { displayWidth, oneLine, padEnd, plural, truncate } from './text.ts';

describe('display text', () => {
  it('collapses whitespace and neutralizes control characters', () => {
    expect(oneLine('  a\n\tb\r\nc  ')).toBe('a b c');
    expect(oneLine('x\u001b[31my\u0000\u009b')).toBe('x\ufffd[31my\ufffd\ufffd');
  });

  it('measures wide and combining characters by terminal columns', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('漢字')).toBe(4);
    expect(displayWidth('🚨')).toBe(2);
    expect(displayWidth('e\u0301')).toBe(1);
  });

  it('truncates by columns with an ellipsis, never splitting surrogate pairs', () => {
    expect(truncate('abcdef', 6)).toBe('abcdef');
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('漢字テスト', 5)).toBe('漢字…');
    expect(truncate('🚨🚨🚨', 4)).toBe('🚨…');
    expect(truncate('abc', 0)).toBe('');
    expect(displayWidth(truncate('x'.repeat(10_000), 80))).toBe(80);
  });

  it('pads by display width and pluralizes', () => {
    expect(padEnd('漢', 4)).toBe('漢  ');
    expect(padEnd('long', 2)).toBe('long');
    expect(plural(1, 'package')).toBe('1 package');
    expect(plural(2, 'package')).toBe('2 packages');
  });
});
