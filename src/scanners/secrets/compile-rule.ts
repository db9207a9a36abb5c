import { RE2JS } from 're2js';
import { SecflowError } from '../../core/errors.ts';
import type { SeverityLevel } from '../../core/severity.ts';
import type { AllowlistSpec, RegexTarget, RuleSpec } from './rule-schema.ts';

/** An allowlist with its regexes compiled (RE2: linear time on any input). */
export interface CompiledAllowlist {
  readonly and: boolean;
  readonly target: RegexTarget;
  readonly regexes: readonly (() => RE2JS)[];
  readonly paths: readonly (() => RE2JS)[];
  readonly stopwords: readonly string[];
  /** Empty: applies to every rule. */
  readonly targetRules: ReadonlySet<string>;
}

export interface CompiledRule {
  readonly id: string;
  readonly description: string;
  readonly severity: SeverityLevel;
  /**
   * The compiled pattern, built on first use (most rules never see a keyword hit in a given
   * repository); absent for path-only rules, which flag a file by its name.
   */
  readonly regex?: () => RE2JS;
  readonly secretGroup?: number;
  /** Lowercase ASCII; empty means the rule runs on every line (slow, user rules only). */
  readonly keywords: readonly string[];
  readonly entropy?: number;
  readonly path?: () => RE2JS;
  readonly multiline: boolean;
  /** Yields to any specific rule matching an overlapping span (tag `generic`). */
  readonly generic: boolean;
  readonly allowlists: readonly CompiledAllowlist[];
  /** Where the rule was defined, for error messages. */
  readonly source: string;
}

/** Characters that end a standalone token; anything else means the token runs on. */
const TOKEN_END = String.raw`(?:[^0-9A-Za-z_\-]|$)`;
const ASSIGN_OPERATOR = String.raw`(?:[ \t\w.\-]{0,20})[\s'"]{0,3}(?:=|>|:{1,3}=|\|\||:|=>|\?=|,)[\x60'"\s=]{0,5}`;
const ASSIGN_END = String.raw`(?:[\x60'"\s;,)\]}<]|\\[nrt]|$)`;

/** The RE2 source of a rule, from whichever of regex / token / assign it uses. */
export function ruleRegexSource(spec: RuleSpec): string | undefined {
  if (spec.regex !== undefined) return spec.regex;
  if (spec.token !== undefined) return String.raw`\b(${spec.token})${TOKEN_END}`;
  if (spec.assign !== undefined) {
    return `(?i)(?:${spec.assign.names.join('|')})${ASSIGN_OPERATOR}(${spec.assign.value})${ASSIGN_END}`;
  }
  return undefined;
}

const REGEX_META = /[\\^$.|?*+()[\]{}]/;

function defaultKeywords(spec: RuleSpec): string[] {
  if (spec.keywords !== undefined) return spec.keywords.map((k) => k.toLowerCase());
  if (spec.assign !== undefined && !spec.assign.names.some((n) => REGEX_META.test(n))) {
    return spec.assign.names.map((n) => n.toLowerCase());
  }
  return [];
}

/** Compiles an RE2 regex or fails with one line naming the rule, the file and the fix. */
export function compileRe2(source: string, what: string, file: string): RE2JS {
  try {
    return RE2JS.compile(source);
  } catch (error) {
    throw new SecflowError(
      'config',
      `${file}: ${what}: regex is not valid RE2 syntax (${(error as Error).message})`,
      {
        cause: error,
        hint: 'Secret rules use RE2/Go syntax: no backreferences (\\1), no lookahead or lookbehind, repeat counts up to 1000; rewrite the pattern within those limits.',
      },
    );
  }
}

/**
 * A regex compiled on first call. `eager` compiles now, so a user's broken rule fails at load
 * time; shipped rules are proven to compile by their tests and pay only when used.
 */
export function lazyRe2(source: string, what: string, file: string, eager: boolean): () => RE2JS {
  let compiled = eager ? compileRe2(source, what, file) : undefined;
  return () => {
    compiled ??= compileRe2(source, what, file);
    return compiled;
  };
}

export function compileAllowlist(
  spec: AllowlistSpec,
  what: string,
  file: string,
  eager = true,
): CompiledAllowlist {
  return {
    and: spec.condition === 'and',
    target: spec.target ?? 'secret',
    regexes: (spec.regexes ?? []).map((r) => lazyRe2(r, `${what} allowlist`, file, eager)),
    paths: (spec.paths ?? []).map((r) => lazyRe2(r, `${what} allowlist path`, file, eager)),
    stopwords: (spec.stopwords ?? []).map((s) => s.toLowerCase()),
    targetRules: new Set(spec.targetRules ?? []),
  };
}

/** Spans lines when asked to, or when a gitleaks-style regex plainly does. */
function isMultiline(spec: RuleSpec, source: string | undefined): boolean {
  if (spec.multiline !== undefined) return spec.multiline;
  return source !== undefined && /\(\?[a-z]*s|\[\\s\\S\]|\\n|\\r/.test(source);
}

export function compileRule(spec: RuleSpec, file: string, eager = true): CompiledRule {
  const what = `rule "${spec.id}"`;
  const source = ruleRegexSource(spec);
  if (source === undefined && spec.path === undefined) {
    throw new SecflowError('config', `${file}: ${what} has neither a pattern nor a path`, {
      hint: 'Give the rule a regex, token or assign pattern, or a path for file-name rules.',
    });
  }
  const nonAscii = (spec.keywords ?? []).find((k) => /[^\x20-\x7e]/.test(k));
  if (nonAscii !== undefined) {
    throw new SecflowError(
      'config',
      `${file}: ${what}: keyword "${nonAscii}" is not printable ASCII`,
      {
        hint: 'Keywords are case-insensitive ASCII substrings; drop or transliterate this one.',
      },
    );
  }
  return {
    id: spec.id,
    description: spec.description,
    severity: spec.severity ?? 'high',
    ...(source === undefined ? {} : { regex: lazyRe2(source, what, file, eager) }),
    ...(spec.secretGroup === undefined ? {} : { secretGroup: spec.secretGroup }),
    keywords: defaultKeywords(spec),
    ...(spec.entropy === undefined ? {} : { entropy: spec.entropy }),
    ...(spec.path === undefined ? {} : { path: lazyRe2(spec.path, `${what} path`, file, eager) }),
    multiline: isMultiline(spec, source),
    generic: spec.tags?.includes('generic') === true || spec.id.startsWith('generic-'),
    allowlists: (spec.allowlists ?? []).map((a) => compileAllowlist(a, what, file, eager)),
    source: file,
  };
}
