import { describe, expect, it } from 'vitest';
import { runHostileInputs } from '../shared/hostile-inputs.ts';
import { extractors } from './extractors.ts';

const FILE_NAMES = [
  'requirements.txt',
  'Pipfile.lock',
  'poetry.lock',
  'uv.lock',
  'pdm.lock',
  'pylock.toml',
  'pyproject.toml',
  'setup.py',
];

describe('PyPI extractors on hostile input', () => {
  it.each(FILE_NAMES)(
    '%s: a result or one input error naming the file, never a crash',
    async (name) => {
      const extractor = extractors.find((e) => e.matches(name));
      expect(extractor?.id).toBeDefined();
      if (extractor === undefined) return;
      const outcomes = await runHostileInputs(extractor, name);
      expect(outcomes.filter((o) => o.outcome === 'crash')).toEqual([]);
      // Binary junk is refused outright; lockfiles refuse deep nesting rather than walking it.
      expect(outcomes.find((o) => o.label === 'binary junk')?.message).toBe(
        `${name}: binary data, not a ${name === 'requirements.txt' ? 'requirements file' : name}`,
      );
    },
  );

  it.each(FILE_NAMES.filter((n) => /\.(lock|toml)$/.test(n)))(
    '%s: refuses 10^5 levels of nesting with one error',
    async (name) => {
      const extractor = extractors.find((e) => e.matches(name));
      if (extractor === undefined) throw new Error(`no extractor for ${name}`);
      const outcomes = await runHostileInputs(extractor, name);
      for (const label of [
        '10^5 nested arrays',
        '10^5 nested inline tables',
        '10^5 nested JSON objects',
        '10^5 dotted key parts',
        'a truncated document',
      ])
        expect(outcomes.find((o) => o.label === label)).toMatchObject({ outcome: 'input-error' });
    },
  );
});
