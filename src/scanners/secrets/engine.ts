import type { RE2JS } from 're2js';
import type { CompiledAllowlist, CompiledRule } from './compile-rule.ts';
import { shannonEntropy } from './entropy.ts';
import { KeywordMatcher } from './keyword-matcher.ts';

/** Rules ready to run, plus the allowlists that apply across rules. */
export interface RuleSet {
  readonly rules: readonly CompiledRule[];
  readonly allowlists: readonly CompiledAllowlist[];
}

/** One secret in a text: offsets of the secret itself (end exclusive). */
export interface SecretMatch {
  readonly rule: CompiledRule;
  readonly secret: string;
  readonly start: number;
  readonly end: number;
  /** Length of the whole regex match: more matched context means a more specific rule. */
  readonly matchLength: number;
}

/** How far a line is searched for its ends; beyond, the line counts as long (minified code). */
const MAX_LINE_WINDOW = 4096;
/** Lines up to this length are matched whole; longer ones on a window around each hit. */
const SHORT_LINE = 1024;
const WINDOW_BEFORE = 256;
const WINDOW_AFTER = 1024;
/** A window edge inside a token moves outwards to the token's end, at most this far. */
const MAX_TOKEN_EXTENSION = 8192;
/** Context kept past the token a window ends on, so the token's end delimiter is inside. */
const WINDOW_TAIL = 64;
/** How far after a keyword a multi-line pattern (a PEM block) may reach. */
const MULTILINE_SPAN = 16 * 1024;

const NEWLINE = 10;

/**
 * Runs rules over text windows: the keyword automaton finds where each rule could match, the
 * rule's RE2 regex runs only on those lines (a DFA test first, captures only on success), then
 * entropy and allowlists decide. Linear in the text for any rule set.
 */
export class SecretEngine {
  readonly ruleSet: RuleSet;
  readonly #matcher: KeywordMatcher;
  /** Keyword id → indexes of the rules that keyword triggers. */
  readonly #keywordRules: readonly (readonly number[])[];
  readonly #keywordLength: readonly number[];
  readonly #keywordless: readonly number[];
  readonly #globalPathOnly: readonly CompiledAllowlist[];
  /** Rules whose activity depends on the path (a path filter or a path allowlist). */
  readonly #pathDependent: readonly number[];
  readonly #pathOnlyRules: readonly CompiledRule[];

  constructor(ruleSet: RuleSet) {
    this.ruleSet = ruleSet;
    const ids = new Map<string, number>();
    const keywordRules: number[][] = [];
    const keywordless: number[] = [];
    ruleSet.rules.forEach((rule, index) => {
      if (rule.regex === undefined) return;
      if (rule.keywords.length === 0) keywordless.push(index);
      for (const k of rule.keywords) {
        let id = ids.get(k);
        if (id === undefined) {
          id = ids.size;
          ids.set(k, id);
          keywordRules.push([]);
        }
        keywordRules[id]?.push(index);
      }
    });
    this.#matcher = new KeywordMatcher([...ids.keys()]);
    this.#keywordRules = keywordRules;
    this.#keywordLength = [...ids.keys()].map((k) => k.length);
    this.#keywordless = keywordless;
    this.#globalPathOnly = ruleSet.allowlists.filter(
      (a) => isPathOnly(a) && a.targetRules.size === 0,
    );
    const targeted = new Set(
      ruleSet.allowlists.filter(isPathOnly).flatMap((a) => [...a.targetRules]),
    );
    this.#pathDependent = ruleSet.rules.flatMap((r, i) =>
      r.path !== undefined || targeted.has(r.id) || r.allowlists.some(isPathOnly) ? [i] : [],
    );
    this.#pathOnlyRules = ruleSet.rules.filter((r) => r.regex === undefined);
  }

  /** True when a global allowlist excludes the whole file (lockfiles, vendored code…). */
  isPathAllowed(path: string): boolean {
    return this.#globalPathOnly.some((a) => a.paths.some((p) => p().test(path)));
  }

  /** Path-only rules (no pattern) that flag this file by its name. */
  pathRules(path: string): CompiledRule[] {
    return this.#pathOnlyRules.filter(
      (r) => r.path?.().test(path) === true && !this.#allowedByPath(r, path),
    );
  }

  /**
   * The distinct matches in `text` (a file's content or a window of it), in no particular
   * order; a generic rule's match is dropped where a specific rule matched the same span.
   */
  scan(text: string, path: string): SecretMatch[] {
    const found: SecretMatch[] = [];
    this.#scanInto(text, path, (m) => found.push(m));
    if (found.length < 2) return found;
    const specific = found.filter((m) => !m.rule.generic);
    const order = new Map(this.ruleSet.rules.map((r, i) => [r, i]));
    return found.filter((m) => {
      if (m.rule.generic) return !specific.some((s) => s.start < m.end && m.start < s.end);
      // Two specific rules on exactly the same secret: one finding, from the better rule.
      return !specific.some(
        (s) => s !== m && s.start === m.start && s.end === m.end && preferred(s, m, order),
      );
    });
  }

  #scanInto(text: string, path: string, emit: (match: SecretMatch) => void): void {
    const rules = this.ruleSet.rules;
    const active = this.#activeRules(path);
    const done = new Int32Array(rules.length).fill(-1);
    const lines = new Newlines(text);
    const seen = new Set<string>();
    const run = (index: number, window: Window): number => {
      const rule = rules[index] as CompiledRule;
      return this.#runRule(rule, text, window, path, seen, emit);
    };
    this.#matcher.scan(text, (keywordId, hitEnd) => {
      const hitStart = hitEnd - (this.#keywordLength[keywordId] as number);
      for (const index of this.#keywordRules[keywordId] as number[]) {
        if (active[index] === 0 || hitStart < (done[index] as number)) continue;
        const rule = rules[index] as CompiledRule;
        const window = rule.multiline
          ? bounded(
              text,
              lineStart(text, hitStart, MULTILINE_SPAN),
              Math.min(text.length, hitEnd + MULTILINE_SPAN),
            )
          : lineWindow(text, hitStart, lines);
        const reached = run(index, window);
        // A multi-line window resumes after its last match, so back-to-back blocks both match.
        done[index] = rule.multiline ? Math.max(reached, hitEnd) : window.end;
      }
    });
    for (const index of this.#keywordless) {
      if (active[index] === 0) continue;
      if ((rules[index] as CompiledRule).multiline) {
        run(index, bounded(text, 0, text.length));
        continue;
      }
      for (let s = 0; s < text.length; ) {
        const window = lineWindow(text, s, lines);
        run(index, window);
        s = window.end + 1;
      }
    }
  }

  /** Which rules may run on this path: all but those a path filter or allowlist rules out. */
  #activeRules(path: string): Uint8Array {
    const active = new Uint8Array(this.ruleSet.rules.length).fill(1);
    for (const i of this.#pathDependent) {
      const r = this.ruleSet.rules[i] as CompiledRule;
      const ok = (r.path === undefined || r.path().test(path)) && !this.#allowedByPath(r, path);
      if (!ok) active[i] = 0;
    }
    return active;
  }

  /** Runs one rule on text[start, end); returns the end of its last match (or start). */
  #runRule(
    rule: CompiledRule,
    text: string,
    { start, end, cutStart, cutEnd }: Window,
    path: string,
    seen: Set<string>,
    emit: (match: SecretMatch) => void,
  ): number {
    const regex = (rule.regex as () => RE2JS)();
    const window = text.slice(start, end);
    if (!regex.test(window)) return start;
    const m = regex.matcher(window);
    let reached = start;
    while (m.find()) {
      reached = start + m.end();
      if ((cutEnd && m.end() === window.length) || (cutStart && m.start() === 0)) continue;
      const group = secretGroup(m, rule.secretGroup);
      const secret = m.group(group);
      if (secret === null || secret === '') continue;
      const secretStart = start + m.start(group);
      const key = `${rule.id}\0${secretStart}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (rule.entropy !== undefined && shannonEntropy(secret) < rule.entropy) continue;
      const context: AllowContext = {
        secret,
        match: m.group(0) ?? secret,
        line: () => lineText(text, secretStart),
        path,
      };
      if (this.#allowed(rule, context)) continue;
      emit({
        rule,
        secret,
        start: secretStart,
        end: secretStart + secret.length,
        matchLength: m.end() - m.start(),
      });
    }
    return reached;
  }

  #allowedByPath(rule: CompiledRule, path: string): boolean {
    const applies = (a: CompiledAllowlist) => isPathOnly(a) && a.paths.some((p) => p().test(path));
    return (
      rule.allowlists.some(applies) ||
      this.ruleSet.allowlists.some((a) => a.targetRules.has(rule.id) && applies(a))
    );
  }

  #allowed(rule: CompiledRule, context: AllowContext): boolean {
    for (const a of rule.allowlists) if (allows(a, context)) return true;
    for (const a of this.ruleSet.allowlists) {
      if (a.targetRules.size > 0 && !a.targetRules.has(rule.id)) continue;
      if (allows(a, context)) return true;
    }
    return false;
  }
}

/**
 * Whether `a` beats `b` for the same secret: more matched context, then a keyword found beside
 * the secret rather than inside it (the rule saw its provider's name), then load order.
 */
function preferred(a: SecretMatch, b: SecretMatch, order: ReadonlyMap<CompiledRule, number>) {
  if (a.matchLength !== b.matchLength) return a.matchLength > b.matchLength;
  const contextual = (m: SecretMatch) => {
    const lower = m.secret.toLowerCase();
    return !m.rule.keywords.some((k) => lower.includes(k));
  };
  if (contextual(a) !== contextual(b)) return contextual(a);
  return (order.get(a.rule) as number) < (order.get(b.rule) as number);
}

interface AllowContext {
  readonly secret: string;
  readonly match: string;
  readonly line: () => string;
  readonly path: string;
}

function isPathOnly(a: CompiledAllowlist): boolean {
  return a.paths.length > 0 && a.regexes.length === 0 && a.stopwords.length === 0;
}

/** gitleaks semantics: OR — any condition allows; AND — every condition kind given must hold. */
function allows(a: CompiledAllowlist, c: AllowContext): boolean {
  const checks: (() => boolean)[] = [];
  if (a.regexes.length > 0) {
    checks.push(() => {
      const target = a.target === 'secret' ? c.secret : a.target === 'match' ? c.match : c.line();
      return a.regexes.some((r) => r().test(target));
    });
  }
  if (a.paths.length > 0) checks.push(() => a.paths.some((p) => p().test(c.path)));
  if (a.stopwords.length > 0) {
    checks.push(() => {
      const lower = c.secret.toLowerCase();
      return a.stopwords.some((w) => lower.includes(w));
    });
  }
  if (checks.length === 0) return false;
  return a.and ? checks.every((f) => f()) : checks.some((f) => f());
}

function secretGroup(
  m: { groupCount(): number; group(g: number): string | null },
  wanted?: number,
) {
  if (wanted !== undefined && wanted <= m.groupCount()) return wanted;
  for (let g = 1; g <= m.groupCount(); g++) if (m.group(g) !== null) return g;
  return 0;
}

/** Start of the line holding `pos`, looking back at most `limit` characters. */
function lineStart(text: string, pos: number, limit: number): number {
  const floor = Math.max(0, pos - limit);
  for (let i = pos - 1; i >= floor; i--) if (text.charCodeAt(i) === NEWLINE) return i + 1;
  return floor;
}

function lineEnd(text: string, pos: number, limit: number): number {
  const ceiling = Math.min(text.length, pos + limit);
  for (let i = pos; i < ceiling; i++) if (text.charCodeAt(i) === NEWLINE) return i;
  return ceiling;
}

/** Newline offsets of a text, found with native indexOf on first use; lines by binary search. */
class Newlines {
  readonly #text: string;
  #offsets: Int32Array | undefined;

  constructor(text: string) {
    this.#text = text;
  }

  /** Start (inclusive) and end (exclusive, at the newline) of the line holding `pos`. */
  around(pos: number): [number, number] {
    const offsets = this.#offsets ?? this.#build();
    let lo = 0;
    let hi = offsets.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((offsets[mid] as number) < pos) lo = mid + 1;
      else hi = mid;
    }
    const start = lo === 0 ? 0 : (offsets[lo - 1] as number) + 1;
    const end = lo < offsets.length ? (offsets[lo] as number) : this.#text.length;
    return [start, end];
  }

  #build(): Int32Array {
    const found: number[] = [];
    const text = this.#text;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) found.push(i);
    this.#offsets = Int32Array.from(found);
    return this.#offsets;
  }
}

/** Characters that can continue a token (base64, base64url, JWT dots, hex, dashes). */
function isTokenChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    c === 43 ||
    c === 45 ||
    c === 46 ||
    c === 47 ||
    c === 61 ||
    c === 95 ||
    c === 126
  );
}

/**
 * The line around `pos` when it is short; otherwise a window of ~1 KiB around the hit whose
 * edges move out of any token they cut, so a long JWT or key is never matched truncated.
 */
function lineWindow(text: string, pos: number, lines: Newlines): Window {
  const [start, end] = lines.around(pos);
  if (end - start <= SHORT_LINE) return bounded(text, start, end);
  let s = Math.max(start, pos - WINDOW_BEFORE);
  const sFloor = Math.max(0, s - MAX_TOKEN_EXTENSION);
  while (s > sFloor && isTokenChar(text.charCodeAt(s - 1))) s--;
  let e = Math.min(end, pos + WINDOW_AFTER);
  const eCeiling = Math.min(text.length, e + MAX_TOKEN_EXTENSION);
  while (e < eCeiling && isTokenChar(text.charCodeAt(e))) e++;
  return bounded(text, s, Math.min(text.length, e + WINDOW_TAIL));
}

/**
 * A window and whether its edges are real line ends. Where they are not, `^`/`$` would match
 * at an arbitrary cut, so matches touching a cut edge are dropped.
 */
interface Window {
  readonly start: number;
  readonly end: number;
  readonly cutStart: boolean;
  readonly cutEnd: boolean;
}

function bounded(text: string, start: number, end: number): Window {
  return {
    start,
    end,
    cutStart: start > 0 && text.charCodeAt(start - 1) !== NEWLINE,
    cutEnd: end < text.length && text.charCodeAt(end) !== NEWLINE,
  };
}

function lineText(text: string, pos: number): string {
  return text.slice(lineStart(text, pos, MAX_LINE_WINDOW), lineEnd(text, pos, MAX_LINE_WINDOW));
}
