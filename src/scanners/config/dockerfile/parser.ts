import { splitWords } from './words.ts';

/** Instructions longer than this (after joining continuations) are kept but not analysed. */
export const MAX_INSTRUCTION_CHARS = 64 * 1024;

export const INSTRUCTIONS = new Set([
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
]);

/** A 1-based position in the file. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface Heredoc {
  readonly delimiter: string;
  readonly content: string;
  /** Line of the first content line. */
  readonly line: number;
}

export interface Flag {
  readonly name: string;
  readonly value: string;
}

export interface Instruction {
  /** Upper case: `RUN`. */
  readonly keyword: string;
  /** Everything after the keyword, continuations joined (escape character + newline removed). */
  readonly args: string;
  /** Leading `--name=value` flags. */
  readonly flags: readonly Flag[];
  /** The arguments after the flags, and where they start in `args`. */
  readonly rest: string;
  readonly restOffset: number;
  /** Exec form (`["a", "b"]`), when the arguments are a JSON array of strings. */
  readonly json?: readonly string[];
  readonly heredocs: readonly Heredoc[];
  readonly line: number;
  readonly endLine: number;
  /** Longer than MAX_INSTRUCTION_CHARS: content checks skip it. */
  readonly oversized: boolean;
  /** File position of an offset in `args`. */
  position(offset: number): Position;
}

export interface Dockerfile {
  readonly instructions: readonly Instruction[];
  readonly directives: ReadonlyMap<string, string>;
  readonly escapeChar: string;
  /** Lines that are not instructions (unknown keywords, stray text), as line → message. */
  readonly problems: readonly { readonly line: number; readonly message: string }[];
}

const DIRECTIVE = /^#\s*([A-Za-z][A-Za-z0-9_-]*)\s*=\s*(.*?)\s*$/;
const HEREDOC = /(?:^|\s)<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_.-]*)\2/g;

/** Where a piece of a joined instruction came from. */
interface Segment {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

function readDirectives(lines: readonly string[]): {
  directives: Map<string, string>;
  next: number;
} {
  const directives = new Map<string, string>();
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i] as string;
    const m = line.length > 1024 ? null : DIRECTIVE.exec(line);
    if (m === null) break;
    const name = (m[1] as string).toLowerCase();
    if (directives.has(name)) break;
    directives.set(name, m[2] as string);
  }
  return { directives, next: i };
}

function parseFlags(args: string, escapeChar: string): { flags: Flag[]; restOffset: number } {
  const flags: Flag[] = [];
  let restOffset = 0;
  for (const word of splitWords(args, escapeChar)) {
    if (!word.raw.startsWith('--')) {
      restOffset = word.offset;
      return { flags, restOffset };
    }
    const eq = word.value.indexOf('=');
    flags.push(
      eq === -1
        ? { name: word.value.slice(2).toLowerCase(), value: '' }
        : { name: word.value.slice(2, eq).toLowerCase(), value: word.value.slice(eq + 1) },
    );
    restOffset = word.offset + word.raw.length;
  }
  return { flags, restOffset: args.length === 0 ? 0 : Math.min(restOffset, args.length) };
}

function parseJson(rest: string): string[] | undefined {
  const trimmed = rest.trim();
  if (!trimmed.startsWith('[')) return undefined;
  try {
    const value: unknown = JSON.parse(trimmed);
    return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
  } catch {
    return undefined; // not JSON: BuildKit treats it as shell form
  }
}

/**
 * Parses a Dockerfile as BuildKit does: parser directives (`# syntax=`, `# escape=`), comments,
 * line continuations with the escape character (comment and blank lines inside them dropped),
 * heredocs (`<<EOF`, `<<-EOF`, quoted delimiters, several per instruction), exec (JSON) and
 * shell forms, and leading `--flags`. Never throws; odd lines are reported as problems.
 */
export function parseDockerfile(text: string): Dockerfile {
  const lines = text.split(/\r?\n/);
  const { directives, next } = readDirectives(lines);
  const escapeDirective = directives.get('escape');
  const escapeChar = escapeDirective === '`' ? '`' : '\\';
  const continuation = new RegExp(`${escapeChar === '`' ? '`' : '\\\\'}[ \\t]*$`);
  const instructions: Instruction[] = [];
  const problems: { line: number; message: string }[] = [];

  let i = next;
  while (i < lines.length) {
    const first = lines[i] as string;
    const trimmed = first.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) {
      i++;
      continue;
    }
    const startLine = i + 1;
    const segments: Segment[] = [];
    let logical = '';
    let physical = first;
    let column = 1;
    let lineIndex = i;
    for (;;) {
      const cont = continuation.exec(physical);
      const piece = cont === null ? physical : physical.slice(0, cont.index);
      segments.push({ offset: logical.length, line: lineIndex + 1, column });
      logical += piece;
      if (cont === null || logical.length > MAX_INSTRUCTION_CHARS * 4) break;
      // Continuation: skip comment and blank lines, then join the next line.
      lineIndex++;
      while (lineIndex < lines.length) {
        const l = (lines[lineIndex] as string).trimStart();
        if (l !== '' && !l.startsWith('#')) break;
        lineIndex++;
      }
      if (lineIndex >= lines.length) break;
      physical = lines[lineIndex] as string;
      column = 1;
    }
    i = lineIndex + 1;

    const lead = logical.length - logical.trimStart().length;
    const keywordMatch = /^(\S+)\s*/.exec(logical.slice(lead));
    const keyword = (keywordMatch?.[1] ?? '').toUpperCase();
    const argsStart = lead + (keywordMatch?.[0].length ?? 0);
    const args = logical.slice(argsStart).replace(/\s+$/, '');
    if (!INSTRUCTIONS.has(keyword)) {
      problems.push({
        line: startLine,
        message: `unknown instruction "${keyword.slice(0, 40)}"`,
      });
      continue;
    }

    const heredocs: Heredoc[] = [];
    if (keyword === 'RUN' || keyword === 'COPY' || keyword === 'ADD') {
      for (const m of args.matchAll(HEREDOC)) {
        const stripTabs = m[1] === '-';
        const delimiter = m[3] as string;
        const body: string[] = [];
        const contentLine = i + 1;
        for (; i < lines.length; i++) {
          const raw = lines[i] as string;
          const candidate = stripTabs ? raw.replace(/^\t+/, '') : raw;
          if (candidate === delimiter) {
            i++;
            break;
          }
          body.push(candidate);
        }
        heredocs.push({ delimiter, content: body.join('\n'), line: contentLine });
      }
    }
    const lastLine = heredocs.length > 0 ? i : lineIndex + 1;

    const { flags, restOffset } = parseFlags(args, escapeChar);
    const rest = args.slice(restOffset);
    const json = parseJson(rest);
    const offsetBase = argsStart;
    const position = (offset: number): Position => {
      const target = offsetBase + offset;
      let seg = segments[0] as Segment;
      for (const s of segments) if (s.offset <= target) seg = s;
      return { line: seg.line, column: seg.column + (target - seg.offset) };
    };
    instructions.push({
      keyword,
      args: args.length > MAX_INSTRUCTION_CHARS ? args.slice(0, MAX_INSTRUCTION_CHARS) : args,
      flags,
      rest,
      restOffset,
      ...(json === undefined ? {} : { json }),
      heredocs,
      line: startLine,
      endLine: Math.max(lastLine, startLine),
      oversized: args.length > MAX_INSTRUCTION_CHARS,
      position,
    });
  }
  return { instructions, directives, escapeChar, problems };
}
