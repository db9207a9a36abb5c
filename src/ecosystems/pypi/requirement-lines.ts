import { splitLines } from '../shared/text-input.ts';

/** One logical line of a requirements file: continuations joined, comments removed. */
export interface LogicalLine {
  readonly text: string;
  /** 1-based line where the logical line starts. */
  readonly line: number;
}

/**
 * Joins `\` continuations and strips comments the way pip does: `#` starts a comment at the
 * start of a line or after whitespace, so `--hash=…;#` keeps its `#`.
 */
export function logicalLines(content: string): LogicalLine[] {
  const physical = splitLines(content);
  const out: LogicalLine[] = [];
  let pending = '';
  let start = 0;
  for (let i = 0; i < physical.length; i++) {
    const raw = physical[i] ?? '';
    if (pending === '') start = i + 1;
    const stripped = stripComment(raw);
    if (stripped.endsWith('\\')) {
      pending += `${stripped.slice(0, -1)} `;
      continue;
    }
    const text = (pending + stripped).trim();
    pending = '';
    if (text !== '') out.push({ text, line: start });
  }
  if (pending.trim() !== '') out.push({ text: pending.trim(), line: start });
  return out;
}

function stripComment(line: string): string {
  if (line.trimStart().startsWith('#')) return '';
  const m = /\s#/.exec(line);
  return m === null ? line : line.slice(0, m.index);
}

/** `-r x`, `--requirement=x` → the option name and its value; undefined for a requirement. */
export function parseOption(text: string): { name: string; value: string } | undefined {
  if (!text.startsWith('-')) return undefined;
  const m = /^(--?[A-Za-z][\w-]*)(?:\s*=\s*|\s+)?(.*)$/s.exec(text);
  if (m === null) return { name: text, value: '' };
  const name = m[1] ?? text;
  // `-rfile.txt`: a short option glued to its value.
  if (/^-[A-Za-z]./.test(name) && !name.startsWith('--'))
    return { name: name.slice(0, 2), value: (name.slice(2) + (m[2] ?? '')).trim() };
  return { name, value: (m[2] ?? '').trim() };
}

/**
 * Cuts per-requirement options (`--hash=…`, `--config-settings`, `-C`) off a requirement: they
 * start at the first whitespace-preceded dash followed by a letter.
 */
export function withoutRequirementOptions(text: string): string {
  const m = /\s-{1,2}[A-Za-z]/.exec(text);
  return m === null ? text : text.slice(0, m.index).trimEnd();
}

/** Whether the line points at an archive, a directory or a URL rather than naming a project. */
export function isLocationLine(text: string): boolean {
  const first = text.split(/\s/, 1)[0] ?? '';
  return (
    /^[a-z][a-z0-9+.-]*:\/\//i.test(first) ||
    first.startsWith('.') ||
    first.startsWith('/') ||
    first.startsWith('~') ||
    /^[A-Za-z]:[\\/]/.test(first) ||
    /\.(whl|zip|tar\.gz|tgz|tar\.bz2|tar)$/i.test(first)
  );
}

/** Whether the line uses `${VAR}` expansion, which needs the installing environment. */
export function hasEnvironmentVariable(text: string): boolean {
  return /\$\{[A-Za-z0-9_]+\}/.test(text);
}
