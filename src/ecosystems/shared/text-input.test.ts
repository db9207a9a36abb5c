import { describe, expect, it } from 'vitest';
import { assertText, clip, invalidInput, splitLines, stripBom } from './text-input.ts';

describe('text input helpers', () => {
  it('splits any line ending', () => {
    expect(splitLines('a\nb\r\nc\rd')).toEqual(['a', 'b', 'c', 'd']);
  });

  it('refuses binary content and accepts text with a few odd characters', () => {
    expect(() => assertText('f.lock', 'a\u0000b', 'lockfile')).toThrow(
      'f.lock: binary data, not a lockfile',
    );
    expect(() => assertText('f.lock', '\uFFFD'.repeat(20), 'lockfile')).toThrow('binary data');
    expect(() => assertText('f.lock', `caf\uFFFD ${'x'.repeat(100)}`, 'lockfile')).not.toThrow();
  });

  it('clips long entries', () => {
    expect(clip('x'.repeat(300))).toHaveLength(201);
    expect(clip('short')).toBe('short');
  });

  it('drops a byte-order mark only at the start', () => {
    expect(stripBom('\uFEFFa\uFEFF')).toBe('a\uFEFF');
    expect(stripBom('a')).toBe('a');
  });

  it('names the file and the format, with a hint that can be replaced', () => {
    const error = invalidInput('a/b.lock', 'lockfile', 'no packages');
    expect(error.message).toBe('a/b.lock: not a valid lockfile: no packages');
    expect(error.hint).toMatch(/^Check that a\/b\.lock is a complete lockfile/);
    expect(invalidInput('b.lock', 'lockfile', 'x', { hint: 'Run the tool.' }).hint).toBe(
      'Run the tool.',
    );
  });
});
