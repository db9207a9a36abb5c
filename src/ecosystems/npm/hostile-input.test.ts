import { describe, expect, it } from 'vitest';
import { runHostileInputs } from '../shared/hostile-inputs.ts';
import { extractors } from './extractors.ts';

describe('npm extractors on hostile input', () => {
  it.each([
    'package-lock.json',
    'npm-shrinkwrap.json',
    'yarn.lock',
    'pnpm-lock.yaml',
    'bun.lock',
    'deno.json',
  ])('%s: a result or one input error naming the file, never a crash', async (name) => {
    const extractor = extractors.find((e) => e.matches(name));
    if (extractor === undefined) throw new Error(`no extractor for ${name}`);
    const outcomes = await runHostileInputs(extractor, name);
    expect(outcomes.filter((o) => o.outcome === 'crash')).toEqual([]);
    expect(outcomes.find((o) => o.label === 'binary junk')?.message).toBe(
      `${name}: binary data, not a ${name}`,
    );
  });
});
