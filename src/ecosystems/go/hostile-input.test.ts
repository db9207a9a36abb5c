import { describe, expect, it } from 'vitest';
import { runHostileInputs } from '../shared/hostile-inputs.ts';
import { extractors } from './extractors.ts';

describe('Go extractors on hostile input', () => {
  it.each(['go.mod', 'vendor/modules.txt'])(
    '%s: a result or one input error naming the file',
    async (name) => {
      const extractor = extractors.find((e) => e.matches(name));
      if (extractor === undefined) throw new Error(`no extractor for ${name}`);
      const outcomes = await runHostileInputs(extractor, name);
      expect(outcomes.filter((o) => o.outcome === 'crash')).toEqual([]);
      expect(outcomes.find((o) => o.label === 'binary junk')?.message).toBe(
        `${name}: binary data, not a ${name}`,
      );
    },
  );
});
