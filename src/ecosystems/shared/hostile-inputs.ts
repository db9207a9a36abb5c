import { isSecflowError } from '../../core/errors.ts';
import type { Extractor, ExtractResult } from '../extractor.ts';

/** Bytes that are not text (4 KiB unless told), decoded as UTF-8 the way a file walker would. */
export function binaryJunk(length = 4096): string {
  const bytes = Uint8Array.from({ length }, (_, i) => (i * 7919 + 13) % 256);
  return new TextDecoder('utf-8').decode(bytes);
}

/**
 * Inputs a scanner meets in the wild or from an attacker, named like a real lockfile: the
 * extractors must answer each with a result or one SecflowError naming the file, never a crash,
 * a hang or unbounded recursion.
 */
export function hostileInputs(): { label: string; content: string }[] {
  return [
    { label: 'binary junk', content: binaryJunk() },
    {
      label: 'a 50k-character single line',
      content: `${'a'.repeat(25_000)}==${'1.'.repeat(12_500)}`,
    },
    { label: '10^5 nested arrays', content: `a = ${'['.repeat(100_000)}${']'.repeat(100_000)}` },
    {
      label: '10^5 nested JSON objects',
      content: `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`,
    },
    {
      label: '10^5 nested inline tables',
      content: `a = ${'{b='.repeat(100_000)}1${'}'.repeat(100_000)}`,
    },
    { label: '10^5 dotted key parts', content: `a${'.a'.repeat(100_000)} = 1` },
    { label: 'a truncated document', content: '[[package]]\nname = "x"\nversion = "1' },
    { label: 'a truncated JSON document', content: '{"packages": [{"name": "a/b", "version": ' },
  ];
}

/** How an extractor answered one hostile input. */
export interface HostileOutcome {
  readonly label: string;
  readonly outcome: 'result' | 'input-error' | 'crash';
  readonly message: string;
  readonly millis: number;
}

/** Runs an extractor on every hostile input under the given file name. */
export async function runHostileInputs(
  extractor: Extractor,
  path: string,
): Promise<HostileOutcome[]> {
  const outcomes: HostileOutcome[] = [];
  for (const { label, content } of hostileInputs()) {
    const started = performance.now();
    try {
      const result = await extractor.extract({ path, content, readRelated: async () => undefined });
      const message = `${result.packages.length} packages, ${result.skipped.length} skipped`;
      outcomes.push({ label, outcome: 'result', message, millis: performance.now() - started });
    } catch (e) {
      const clean = isSecflowError(e) && e.code === 'input' && e.message.startsWith(`${path}: `);
      outcomes.push({
        label,
        outcome: clean ? 'input-error' : 'crash',
        message: e instanceof Error ? e.message.slice(0, 200) : String(e),
        millis: performance.now() - started,
      });
    }
  }
  return outcomes;
}

/** One extraction's result or error, with every companion file it asked to read. */
export interface ExtractOutcome {
  readonly result?: ExtractResult;
  readonly error?: unknown;
  /** Paths passed to readRelated (none of them exist), e.g. to prove no entity was followed. */
  readonly read: readonly string[];
}

/** Runs an extractor on one input, catching what it throws and recording what it reads. */
export async function extractOutcome(
  extractor: Extractor,
  path: string,
  content: string,
): Promise<ExtractOutcome> {
  const read: string[] = [];
  const readRelated = async (p: string) => {
    read.push(p);
    return undefined;
  };
  try {
    return { result: await extractor.extract({ path, content, readRelated }), read };
  } catch (error) {
    return { error, read };
  }
}

/** What `run` threw, synchronously or as a rejection; undefined when it returned. */
export async function thrownBy(run: () => unknown): Promise<unknown> {
  try {
    await run();
    return undefined;
  } catch (error) {
    return error;
  }
}

/** Whether an error is the clean refusal extractors owe hostile input, for one toEqual. */
export interface Refusal {
  /** A SecflowError with code 'input'. */
  readonly inputError: boolean;
  /** Its message starts with `<path>: `. */
  readonly namesFile: boolean;
}

/** The Refusal every hostile input must produce. */
export const CLEAN_REFUSAL: Refusal = { inputError: true, namesFile: true };

/** How `error` measures up to a clean refusal of the file at `path`. */
export function refusal(error: unknown, path: string): Refusal {
  return {
    inputError: isSecflowError(error) && error.code === 'input',
    namesFile: error instanceof Error && error.message.startsWith(`${path}: `),
  };
}
