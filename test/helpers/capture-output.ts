import { Writable } from 'node:stream';
import type { Output } from '../../src/cli/output.ts';

/** An Output whose streams collect what the CLI writes, for `run(argv, { output })` in tests. */
export interface CapturedOutput {
  readonly output: Output;
  /** Everything written to stdout so far. */
  stdout(): string;
  /** Everything written to stderr so far. */
  stderr(): string;
}

function collector(chunks: string[], isTTY: boolean): Writable & { isTTY: boolean } {
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      callback();
    },
  });
  return Object.assign(stream, { isTTY });
}

export function captureOutput(
  options: { interactive?: boolean; color?: boolean } = {},
): CapturedOutput {
  const out: string[] = [];
  const err: string[] = [];
  const interactive = options.interactive ?? false;
  return {
    output: {
      out: collector(out, interactive),
      err: collector(err, interactive),
      color: options.color ?? false,
      interactive,
      debug: false,
    },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}
