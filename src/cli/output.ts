import pc from 'picocolors';

/**
 * Where the CLI writes. Colour only when the stream is a TTY and NO_COLOR is unset; progress
 * only on a TTY outside CI. Commands take an Output so tests can capture what users see.
 */
export interface Output {
  readonly out: NodeJS.WritableStream & { isTTY?: boolean };
  readonly err: NodeJS.WritableStream & { isTTY?: boolean };
  readonly color: boolean;
  readonly interactive: boolean;
  readonly debug: boolean;
}

export function detectOutput(debug = false, forceNoColor = false): Output {
  const isTty = process.stdout.isTTY === true;
  const errTty = process.stderr.isTTY === true;
  const ci = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';
  return {
    out: process.stdout,
    err: process.stderr,
    color: isTty && !forceNoColor && process.env.NO_COLOR === undefined,
    interactive: errTty && !ci,
    debug,
  };
}

export type Colors = ReturnType<typeof pc.createColors>;

export function colors(output: Output): Colors {
  return pc.createColors(output.color);
}
