import { oneLine } from '../common/text.ts';

/**
 * Untrusted text (advisory titles, file names) as inert Markdown on one line: HTML neutralized,
 * Markdown syntax and table pipes escaped, and "@" defused so a title cannot ping anyone.
 */
export function inline(text: string): string {
  return oneLine(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]|~]/g, (ch) => `\\${ch}`)
    .replace(/@/g, '&#64;');
}

/** A code span for names and versions; backticks cannot be escaped inside one, so they go. */
export function code(text: string): string {
  const clean = oneLine(text).replace(/`/g, "'").replace(/\|/g, '\\|');
  return clean === '' ? '' : `\`${clean}\``;
}
