import type { SecflowError } from '../../core/errors.ts';
import { invalidInput, splitLines } from '../shared/text-input.ts';

/** One statement of a go.mod file: a directive with its arguments, block lines expanded. */
export interface GoModStatement {
  readonly directive: string;
  readonly args: readonly string[];
  /** The trailing `//` comment, trimmed ("indirect"). */
  readonly comment: string;
  readonly line: number;
  readonly text: string;
}

const DIRECTIVES = new Set([
  'module',
  'go',
  'toolchain',
  'godebug',
  'require',
  'replace',
  'exclude',
  'retract',
  'tool',
  'ignore',
]);

/**
 * Splits go.mod into statements. An unknown directive or an unterminated block makes the file
 * unreadable, as it does for the go command.
 */
export function parseGoModStatements(path: string, content: string): GoModStatement[] {
  const statements: GoModStatement[] = [];
  let block: { directive: string; line: number } | undefined;
  const lines = splitLines(content);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const { code, comment } = splitComment(raw);
    const tokens = tokenize(code);
    if (tokens.length === 0) continue;
    const line = i + 1;
    if (block !== undefined) {
      if (tokens.length === 1 && tokens[0] === ')') {
        block = undefined;
        continue;
      }
      statements.push({
        directive: block.directive,
        args: tokens,
        comment,
        line,
        text: raw.trim(),
      });
      continue;
    }
    const [directive, ...args] = tokens as [string, ...string[]];
    if (!DIRECTIVES.has(directive))
      throw invalid(path, line, `unknown directive "${clip(directive)}"`);
    if (args.length === 1 && args[0] === '(') {
      block = { directive, line };
      continue;
    }
    statements.push({ directive, args, comment, line, text: raw.trim() });
  }
  if (block !== undefined)
    throw invalid(path, block.line, `"${block.directive} (" block is never closed`);
  return statements;
}

function splitComment(line: string): { code: string; comment: string } {
  let inQuote = false;
  for (let i = 0; i < line.length - 1; i++) {
    const c = line[i];
    if (c === '"' || c === '`') inQuote = !inQuote;
    else if (!inQuote && c === '/' && line[i + 1] === '/')
      return { code: line.slice(0, i), comment: line.slice(i + 2).trim() };
  }
  return { code: line, comment: '' };
}

/** Whitespace-separated tokens, with quoted module paths unquoted. */
function tokenize(code: string): string[] {
  return code
    .trim()
    .split(/\s+/)
    .filter((t) => t !== '')
    .map((t) => (/^".*"$/.test(t) || /^`.*`$/.test(t) ? t.slice(1, -1) : t));
}

function invalid(path: string, line: number, what: string): SecflowError {
  return invalidInput(path, 'go.mod', `${what} (line ${line})`, {
    hint: 'Check the file with `go mod edit -json`.',
  });
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
