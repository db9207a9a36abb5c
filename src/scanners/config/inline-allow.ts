/** `# secflow:allow <check-id>[, <check-id>…] [-- reason]` */
const MARKER = /secflow:allow\s+([A-Za-z0-9_-]+(?:\s*,\s*[A-Za-z0-9_-]+)*)(?:\s*(?:--|:)\s*(.*))?/;

/**
 * Why a finding is allowed inline, or undefined when no marker names its check. The marker
 * counts on the finding's line, or alone on a comment line just before it (a trailing marker
 * on the previous line belongs to that line's own finding).
 */
export function inlineAllowReason(
  lines: readonly string[],
  line: number,
  checkId: string,
): string | undefined {
  for (const at of [line, line - 1]) {
    const text = lines[at - 1];
    if (text === undefined || !text.includes('secflow:allow')) continue;
    if (at !== line && !/^\s*(?:#|\/\/)/.test(text)) continue;
    const m = MARKER.exec(text);
    if (m === null) continue;
    const ids = (m[1] as string).split(/\s*,\s*/);
    if (!ids.includes(checkId)) continue;
    const reason = m[2]?.trim();
    return reason === undefined || reason === ''
      ? `secflow:allow ${checkId} at line ${at}`
      : reason;
  }
  return undefined;
}
