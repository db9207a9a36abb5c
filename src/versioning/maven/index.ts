import { defineScheme } from '../define-scheme.ts';
import { compareNumbers, compareUnits, trimZeros } from '../text.ts';

/**
 * Maven's ComparableVersion (maven-artifact 3.8), ported item for item. A version is a list of
 * items: numbers, qualifiers, and sub-lists that start at each `-` and at each digit/letter
 * transition. Java's `Character.isDigit` and `toLowerCase` are Unicode-aware, so these are too.
 */
type Item = NumberItem | QualifierItem | ListItem;

interface NumberItem {
  readonly type: 'number';
  /** Java's IntItem (≤ 9 digits), LongItem (≤ 18) or BigIntegerItem, by written length. */
  readonly size: 0 | 1 | 2;
  /** Value as zero-trimmed ASCII digits. */
  readonly value: string;
}
interface QualifierItem {
  readonly type: 'qualifier';
  /** StringItem.comparableQualifier: "0"…"6" for known qualifiers, "7-<text>" otherwise. */
  readonly rank: string;
}
interface ListItem {
  readonly type: 'list';
  readonly items: Item[];
}

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const RELEASE_RANK = String(QUALIFIERS.indexOf(''));
const ALIASES: ReadonlyMap<string, string> = new Map([
  ['ga', ''],
  ['final', ''],
  ['release', ''],
  ['cr', 'rc'],
]);
const SHORTHANDS: ReadonlyMap<string, string> = new Map([
  ['a', 'alpha'],
  ['b', 'beta'],
  ['m', 'milestone'],
]);
const ZERO: NumberItem = { type: 'number', size: 0, value: '0' };

const UNICODE_DIGIT = /\p{Nd}/u;
const ASCII_DIGITS = /^[0-9]+$/;
const VALID = /^[^\s\p{Cc}]+$/u;
const isJavaDigit = (c: number): boolean =>
  c >= 48 && c <= 57 ? true : c >= 128 && c < 0xd800 && UNICODE_DIGIT.test(String.fromCharCode(c));

/** The value of a decimal digit in any script: Unicode lays each script's 0–9 out contiguously. */
function digitValue(c: number): number {
  if (c <= 57) return c - 48;
  let first = c;
  while (isJavaDigit(first - 1)) first--;
  return (c - first) % 10;
}

function numberItem(text: string): NumberItem {
  // stripLeadingZeroes removes ASCII zeros only; the written length then picks the Java type.
  let start = 0;
  while (start < text.length - 1 && text.charCodeAt(start) === 48) start++;
  const written = text.length - start;
  const size = written <= 9 ? 0 : written <= 18 ? 1 : 2;
  if (ASCII_DIGITS.test(text)) return { type: 'number', size, value: text.slice(start) };
  let ascii = '';
  for (let i = start; i < text.length; i++) ascii += String(digitValue(text.charCodeAt(i)));
  return { type: 'number', size, value: trimZeros(ascii) };
}

function qualifierItem(text: string, followedByDigit: boolean): QualifierItem {
  let value = followedByDigit && text.length === 1 ? (SHORTHANDS.get(text) ?? text) : text;
  value = ALIASES.get(value) ?? value;
  const index = QUALIFIERS.indexOf(value);
  return { type: 'qualifier', rank: index < 0 ? `${QUALIFIERS.length}-${value}` : String(index) };
}

const parseItem = (isDigit: boolean, text: string): Item =>
  isDigit ? numberItem(text) : qualifierItem(text, false);

function isNull(item: Item): boolean {
  if (item.type === 'number') return item.value === '0';
  if (item.type === 'qualifier') return item.rank === RELEASE_RANK;
  return item.items.length === 0;
}

/** ListItem.normalize: drop trailing null items, looking through trailing sub-lists. */
function normalize(list: ListItem): void {
  const items = list.items;
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i] as Item;
    if (isNull(item)) items.splice(i, 1);
    else if (item.type !== 'list') break;
  }
}

function parse(version: string): ListItem {
  const text = version.toLowerCase();
  const root: ListItem = { type: 'list', items: [] };
  let list = root;
  const lists: ListItem[] = [root];
  const openList = () => {
    const next: ListItem = { type: 'list', items: [] };
    list.items.push(next);
    list = next;
    lists.push(next);
  };
  let isDigit = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 /* . */ || c === 45 /* - */) {
      list.items.push(i === start ? ZERO : parseItem(isDigit, text.slice(start, i)));
      start = i + 1;
      if (c === 45) openList();
    } else if (isJavaDigit(c)) {
      if (!isDigit && i > start) {
        list.items.push(qualifierItem(text.slice(start, i), true));
        start = i;
        openList();
      }
      isDigit = true;
    } else {
      if (isDigit && i > start) {
        list.items.push(parseItem(true, text.slice(start, i)));
        start = i;
        openList();
      }
      isDigit = false;
    }
  }
  if (text.length > start) list.items.push(parseItem(isDigit, text.slice(start)));
  for (let i = lists.length - 1; i >= 0; i--) normalize(lists[i] as ListItem);
  return root;
}

/** Item.compareTo for two items that are not both lists; `b` undefined is Java's null. */
function compareScalar(a: Item, b: Item | undefined): number {
  if (a.type === 'list') {
    if (b === undefined) return compareToPadding(a);
    return b.type === 'number' ? -1 : 1; // 1-1 < 1.0.x, 1-1 > 1-sp
  }
  if (a.type === 'number') {
    if (b === undefined) return a.value === '0' ? 0 : 1; // 1.0 = 1, 1.1 > 1
    if (b.type !== 'number') return 1; // 1.1 > 1-sp, 1.1 > 1-1
    return a.size - b.size || compareNumbers(a.value, b.value);
  }
  if (b === undefined) return compareUnits(a.rank, RELEASE_RANK); // 1-rc < 1, 1-sp > 1
  if (b.type !== 'qualifier') return -1; // 1.any < 1.1, 1.any < 1-1
  return compareUnits(a.rank, b.rank);
}

/**
 * A list against Java's null: its items in turn, all of them (MNG-6964). A sub-list is always a
 * list's last item (parse opens it and writes only into it), so nesting is walked as a loop:
 * versions like "1-1-1-…" nest as deep as they are long.
 */
function compareToPadding(list: ListItem): number {
  for (let current: ListItem | undefined = list; current !== undefined; ) {
    const items: readonly Item[] = current.items;
    current = undefined;
    for (const item of items) {
      if (item.type === 'list') current = item;
      else {
        const r = compareScalar(item, undefined);
        if (r !== 0) return r;
      }
    }
  }
  return 0;
}

/** ListItem.compareTo between two lists, item by item, descending into sub-lists as a loop. */
function compareLists(a: ListItem, b: ListItem): number {
  let left = a;
  let right = b;
  for (;;) {
    const n = Math.max(left.items.length, right.items.length);
    let next: [ListItem, ListItem] | undefined;
    for (let i = 0; i < n && next === undefined; i++) {
      const l = left.items[i];
      const r = right.items[i];
      if (l?.type === 'list' && r?.type === 'list') next = [l, r];
      else {
        const result =
          l === undefined
            ? r === undefined
              ? 0
              : -compareScalar(r, undefined)
            : compareScalar(l, r);
        if (result !== 0) return result;
      }
    }
    if (next === undefined) return 0;
    [left, right] = next;
  }
}

/**
 * Maven's version order (ComparableVersion): alpha < beta < milestone < rc = cr < snapshot <
 * "" = ga = final = release < sp < other qualifiers; `1 = 1.0 = 1.ga`. Maven reads any string as a
 * version; only empty ones and ones with whitespace or control characters are reported invalid.
 * See README.md.
 */
export const maven = defineScheme({
  id: 'maven',
  parse,
  compareParsed: compareLists,
  isValid: (version) => VALID.test(version),
});
