/** Marks a line whose secret is accepted on purpose; gitleaks' marker is honoured too. */
const MARKER = /\b(?:secflow|gitleaks):allow\b/;

/** True when `line` carries the inline allow marker. */
export function hasInlineAllow(line: string): boolean {
  return line.includes(':allow') && MARKER.test(line);
}

/** True when the secret's own line, or the line just before it, carries the marker. */
export function isInlineAllowed(line: string, previousLine: string | undefined): boolean {
  return hasInlineAllow(line) || (previousLine !== undefined && hasInlineAllow(previousLine));
}
