import { describe, expect, it } from 'vitest';
import { runHostileInputs } from '../shared/hostile-inputs.ts';
import { composerLock } from './composer-lock.ts';

describe('composer.lock on hostile input', () => {
  it('answers each with one input error naming the file', async () => {
    const outcomes = await runHostileInputs(composerLock, 'composer.lock');
    expect(outcomes.filter((o) => o.outcome !== 'input-error')).toEqual([]);
    expect(outcomes.find((o) => o.label === 'binary junk')?.message).toBe(
      'composer.lock: binary data, not a composer.lock',
    );
  });
});
