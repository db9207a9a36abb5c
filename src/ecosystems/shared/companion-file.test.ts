import { describe, expect, it } from 'vitest';
import { readCompanion } from './companion-file.ts';
import { memoryInput } from './memory-input.ts';

describe('readCompanion', () => {
  const input = memoryInput({ 'a/lock': '', 'a/manifest': '{"x": 1}' }, 'a/lock');

  it('reads the named file beside the input', async () => {
    expect(await readCompanion(input, 'manifest', (c) => JSON.parse(c))).toEqual({ x: 1 });
  });

  it('gives undefined for a missing file or one that cannot be read', async () => {
    expect(await readCompanion(input, 'missing', (c) => c)).toBeUndefined();
    const broken = () => {
      throw new Error('broken');
    };
    expect(await readCompanion(input, 'manifest', broken)).toBeUndefined();
  });
});
