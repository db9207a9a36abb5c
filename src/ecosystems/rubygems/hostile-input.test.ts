import { describe, expect, it } from 'vitest';
import { runHostileInputs } from '../shared/hostile-inputs.ts';
import { gemfileLock } from './gemfile-lock.ts';

describe('Gemfile.lock on hostile input', () => {
  it('answers each with one input error naming the file', async () => {
    const outcomes = await runHostileInputs(gemfileLock, 'Gemfile.lock');
    expect(outcomes.filter((o) => o.outcome !== 'input-error')).toEqual([]);
    expect(outcomes.find((o) => o.label === 'binary junk')?.message).toBe(
      'Gemfile.lock: binary data, not a Gemfile.lock',
    );
  });
});
