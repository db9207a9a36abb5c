import { displayWidth, oneLine, padEnd, truncate } from '../common/text.ts';

/** One table cell: plain text (sanitized and measured) and an optional paint for the terminal. */
export interface Cell {
  readonly text: string;
  readonly paint?: (text: string) => string;
}

/** Rows under an optional heading line; all groups of one grid share column widths. */
export interface RowGroup {
  readonly heading?: string;
  readonly rows: readonly (readonly Cell[])[];
}

/** A column title, how narrow it may be squeezed, and how early (higher gives way first). */
export interface Column {
  readonly title: string;
  readonly min?: number;
  readonly yield?: number;
}

export interface GridStyle {
  /** Total line width to fit; the last column takes what is left. */
  readonly width: number;
  readonly indent: number;
  /** Widest a fixed column may grow before its cells are truncated. */
  readonly maxColumnWidth: number;
  /** Fixed columns shrink (down to their minimums) to leave the last column this wide… */
  readonly preferredLastColumn: number;
  /** …and the last column never shrinks below this, even if lines then overflow. */
  readonly minLastColumn: number;
  readonly paintHeader: (text: string) => string;
  readonly paintHeading: (text: string) => string;
}

const GAP = '  ';

/**
 * Aligned columns: widths measured on sanitized plain text (by display width), cells truncated
 * to fit, then painted, so colour codes never disturb the alignment.
 */
export function renderGrid(
  columns: readonly (string | Column)[],
  groups: readonly RowGroup[],
  style: GridStyle,
): string[] {
  const clean = groups.map((g) => ({
    ...g,
    rows: g.rows.map((row) => row.map((cell) => ({ ...cell, text: oneLine(cell.text) }))),
  }));
  const allRows = clean.flatMap((g) => g.rows);
  const headers = columns.map((c) => (typeof c === 'string' ? c : c.title));
  const mins = columns.map((c) =>
    typeof c === 'string' ? MIN_SHRUNK_COLUMN : (c.min ?? MIN_SHRUNK_COLUMN),
  );
  const yields = columns.map((c) => (typeof c === 'string' ? 0 : (c.yield ?? 0)));
  const last = headers.length - 1;
  const widths = headers.map((h, i) =>
    i === last
      ? 0
      : Math.min(
          style.maxColumnWidth,
          Math.max(displayWidth(h), ...allRows.map((r) => displayWidth(r[i]?.text ?? ''))),
        ),
  );
  shrinkToFit(widths, mins, yields, last, style.width - style.indent - style.preferredLastColumn);
  const fixed = widths.reduce((sum, w) => sum + w + GAP.length, 0);
  widths[last] = Math.max(style.minLastColumn, style.width - style.indent - fixed);
  const indent = ' '.repeat(style.indent);
  const line = (cells: readonly Cell[]): string => {
    const parts = headers.map((_, i) => {
      const cell = cells[i] ?? { text: '' };
      const cut = truncate(cell.text, widths[i] ?? 0);
      const padded = i === last ? cut : padEnd(cut, widths[i] ?? 0);
      return cell.paint === undefined ? padded : cell.paint(padded);
    });
    return `${indent}${parts.join(GAP)}`.trimEnd();
  };
  const header = line(headers.map((text) => ({ text, paint: style.paintHeader })));
  return clean.flatMap((g) => [
    ...(g.heading === undefined
      ? []
      : ['', style.paintHeading(truncate(oneLine(g.heading), style.width))]),
    header,
    ...g.rows.map(line),
  ]);
}

const MIN_SHRUNK_COLUMN = 12;

/**
 * Narrow fixed columns one character at a time until they fit in `budget`: the column that
 * yields first (then the widest) gives way, never below its minimum.
 */
function shrinkToFit(
  widths: number[],
  mins: readonly number[],
  yields: readonly number[],
  last: number,
  budget: number,
): void {
  let total = widths.reduce((sum, w, i) => (i === last ? sum : sum + w + GAP.length), 0);
  while (total > budget) {
    let pick = -1;
    for (let i = 0; i < last; i++) {
      if ((widths[i] ?? 0) <= (mins[i] ?? 0)) continue;
      const better =
        pick < 0 ||
        (yields[i] ?? 0) > (yields[pick] ?? 0) ||
        ((yields[i] ?? 0) === (yields[pick] ?? 0) && (widths[i] ?? 0) > (widths[pick] ?? 0));
      if (better) pick = i;
    }
    if (pick < 0) return;
    widths[pick] = (widths[pick] ?? 0) - 1;
    total -= 1;
  }
}
