import { describe, expect, it } from 'vitest';
import { evaluateCorpus, readCorpus } from '../../../test/corpora/secrets/evaluate.ts';
import { SecretEngine } from './engine.ts';
import { loadSecretRules } from './load-rules.ts';

describe('labelled corpus (test/corpora/secrets)', () => {
  const corpus = readCorpus();
  const result = evaluateCorpus(new SecretEngine(loadSecretRules()), corpus);

  it('has at least 500 positive and 500 negative lines', () => {
    expect(result.positives).toBeGreaterThanOrEqual(500);
    expect(result.negatives).toBeGreaterThanOrEqual(500);
  });

  it('reaches precision >= 90% at recall >= 90%', () => {
    const misses = result.falseNegatives.slice(0, 10).map((l) => `${l.label}: ${l.line}`);
    const noise = result.falsePositives
      .slice(0, 10)
      .map((l) => `${l.predicted.join(',')}: ${l.line}`);
    expect(result.recall, misses.join('\n')).toBeGreaterThanOrEqual(0.9);
    expect(result.precision, noise.join('\n')).toBeGreaterThanOrEqual(0.9);
  });
});
