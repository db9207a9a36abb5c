import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretEngine } from '../../../src/scanners/secrets/engine.ts';

/** One labelled line: the rule id expected to fire, or "negative". */
export interface CorpusLine {
  readonly label: string;
  readonly path: string;
  readonly line: string;
}

export interface CorpusResult {
  readonly positives: number;
  readonly negatives: number;
  readonly truePositives: number;
  readonly falseNegatives: readonly CorpusLine[];
  /** Negative lines that fired, and positive lines where only other rules fired. */
  readonly falsePositives: readonly (CorpusLine & { readonly predicted: readonly string[] })[];
  readonly precision: number;
  readonly recall: number;
}

export function readCorpus(dir = import.meta.dirname): CorpusLine[] {
  return ['positives.tsv', 'negatives.tsv'].flatMap((file) =>
    readFileSync(join(dir, file), 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => {
        const [label = '', path = '', ...rest] = l.split('\t');
        return { label, path, line: rest.join('\t') };
      }),
  );
}

/** Runs the engine on each line alone (with its path) and scores it against the labels. */
export function evaluateCorpus(engine: SecretEngine, corpus: readonly CorpusLine[]): CorpusResult {
  let truePositives = 0;
  const falseNegatives: CorpusLine[] = [];
  const falsePositives: (CorpusLine & { predicted: string[] })[] = [];
  let positives = 0;
  for (const entry of corpus) {
    const predicted = [...new Set(engine.scan(entry.line, entry.path).map((m) => m.rule.id))];
    if (entry.label === 'negative') {
      if (predicted.length > 0) falsePositives.push({ ...entry, predicted });
      continue;
    }
    positives++;
    if (predicted.includes(entry.label)) truePositives++;
    else {
      falseNegatives.push(entry);
      if (predicted.length > 0) falsePositives.push({ ...entry, predicted });
    }
  }
  const fp = falsePositives.length;
  return {
    positives,
    negatives: corpus.length - positives,
    truePositives,
    falseNegatives,
    falsePositives,
    precision: truePositives + fp === 0 ? 1 : truePositives / (truePositives + fp),
    recall: positives === 0 ? 1 : truePositives / positives,
  };
}
