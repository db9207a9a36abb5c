import { describe, expect, it } from 'vitest';
import { runHostileInputs } from '../shared/hostile-inputs.ts';
import { extractors } from './extractors.ts';

describe('crates.io extractors on hostile input', () => {
  it.each(['Cargo.lock', 'Cargo.toml'])(
    '%s: one input error naming the file, never a crash',
    async (name) => {
      const extractor = extractors.find((e) => e.matches(name));
      if (extractor === undefined) throw new Error(`no extractor for ${name}`);
      const outcomes = await runHostileInputs(extractor, name);
      expect(outcomes.filter((o) => o.outcome !== 'input-error')).toEqual([]);
      expect(outcomes.find((o) => o.label === 'binary junk')?.message).toBe(
        `${name}: binary data, not a ${name}`,
      );
    },
  );
});
