import { Ajv, type ValidateFunction } from 'ajv';
import { SecflowError } from '../../core/errors.ts';
import type { SeverityLevel } from '../../core/severity.ts';

/** Which text an allowlist regex is tested against. */
export type RegexTarget = 'secret' | 'match' | 'line';

/** Conditions under which a match is not a secret. */
export interface AllowlistSpec {
  readonly description?: string;
  /** `or` (default): any one condition allows; `and`: every given kind must hold. */
  readonly condition?: 'or' | 'and';
  readonly target?: RegexTarget;
  readonly regexes?: readonly string[];
  readonly paths?: readonly string[];
  /** Case-insensitive substrings of the secret. */
  readonly stopwords?: readonly string[];
  /** Global allowlists only: the rule ids it applies to (all when absent). */
  readonly targetRules?: readonly string[];
}

/** A key=value shaped secret: one of `names` as the key, `value` (RE2) as the secret. */
export interface AssignSpec {
  readonly names: readonly string[];
  readonly value: string;
}

/**
 * One rule as written in a rules YAML file. Exactly one of `regex` (raw RE2), `token` (a
 * standalone token body, wrapped in word boundaries) or `assign` gives the pattern; a rule with
 * only `path` flags the file itself.
 */
export interface RuleSpec {
  readonly id: string;
  readonly description: string;
  readonly severity?: SeverityLevel;
  readonly regex?: string;
  readonly token?: string;
  readonly assign?: AssignSpec;
  /** Capture group holding the secret; default: the first group that matched, else the match. */
  readonly secretGroup?: number;
  /** Lowercase substrings, one of which must occur near a match: the prefilter. */
  readonly keywords?: readonly string[];
  /** Minimum Shannon entropy (bits per character) of the secret. */
  readonly entropy?: number;
  /** RE2 regex on the file path (forward slashes) the rule is limited to. */
  readonly path?: string;
  /** The pattern may span lines (PEM blocks): matched on a window after each keyword hit. */
  readonly multiline?: boolean;
  readonly tags?: readonly string[];
  readonly allowlists?: readonly AllowlistSpec[];
}

export interface RuleFileSpec {
  readonly rules?: readonly RuleSpec[];
  readonly allowlists?: readonly AllowlistSpec[];
}

const stringArray = { type: 'array', items: { type: 'string' } } as const;

const allowlistSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    description: { type: 'string' },
    condition: { enum: ['or', 'and'] },
    target: { enum: ['secret', 'match', 'line'] },
    regexes: stringArray,
    paths: stringArray,
    stopwords: stringArray,
    targetRules: stringArray,
  },
} as const;

/** JSON Schema (draft 7, for ajv) of a rules file. */
export const RULE_FILE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    rules: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'description'],
        properties: {
          id: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' },
          description: { type: 'string', minLength: 1 },
          severity: { enum: ['none', 'low', 'medium', 'high', 'critical'] },
          regex: { type: 'string', minLength: 1 },
          token: { type: 'string', minLength: 1 },
          assign: {
            type: 'object',
            additionalProperties: false,
            required: ['names', 'value'],
            properties: {
              names: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
              value: { type: 'string', minLength: 1 },
            },
          },
          secretGroup: { type: 'integer', minimum: 0 },
          keywords: { type: 'array', items: { type: 'string', minLength: 1 } },
          entropy: { type: 'number', minimum: 0, maximum: 8 },
          path: { type: 'string', minLength: 1 },
          multiline: { type: 'boolean' },
          tags: stringArray,
          allowlists: { type: 'array', items: allowlistSchema },
        },
      },
    },
    allowlists: { type: 'array', items: allowlistSchema },
  },
} as const;

let validator: ValidateFunction | undefined;

/** Checks a parsed rules file against the schema; throws one line naming the file and field. */
export function validateRuleFile(data: unknown, file: string): RuleFileSpec {
  validator ??= new Ajv({ allErrors: false }).compile(RULE_FILE_SCHEMA);
  if (!validator(data)) {
    const e = validator.errors?.[0];
    throw new SecflowError(
      'config',
      `${file}: invalid rules file at ${e?.instancePath || '/'}: ${e?.message ?? 'unknown error'}`,
      { hint: 'See docs/secrets.md for the rules file format.' },
    );
  }
  return data as RuleFileSpec;
}
