import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { SecflowError } from '../../core/errors.ts';
import {
  type AllowlistSpec,
  type RuleFileSpec,
  type RuleSpec,
  validateRuleFile,
} from './rule-schema.ts';

/** A gitleaks config in secflow's terms, with what its `[extend]` table asked for. */
export interface GitleaksRules extends RuleFileSpec {
  /** `[extend] useDefault = true`: keep the shipped rules and add these. */
  readonly useDefault?: boolean;
  /** `[extend] disabledRules`. */
  readonly disable?: readonly string[];
}

type Table = Record<string, unknown>;

const MAX_EXTEND_DEPTH = 4;

function asTable(v: unknown): Table | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Table) : undefined;
}

function strings(v: unknown): string[] | undefined {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;
}

/** Drops undefined properties, so optional fields are absent rather than undefined. */
function defined<T extends object>(o: { [K in keyof T]: T[K] | undefined }): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function toAllowlist(t: Table): AllowlistSpec {
  const condition = typeof t.condition === 'string' ? t.condition.toLowerCase() : undefined;
  const target = typeof t.regexTarget === 'string' ? t.regexTarget.toLowerCase() : undefined;
  return defined<AllowlistSpec>({
    description: typeof t.description === 'string' ? t.description : undefined,
    condition: condition as AllowlistSpec['condition'],
    target: target as AllowlistSpec['target'],
    regexes: strings(t.regexes),
    paths: strings(t.paths),
    stopwords: strings(t.stopwords),
    targetRules: strings(t.targetRules),
  });
}

function allowlistsOf(legacy: unknown, list: unknown): AllowlistSpec[] {
  const out: AllowlistSpec[] = [];
  const single = asTable(legacy);
  if (single !== undefined) out.push(toAllowlist(single));
  if (Array.isArray(list)) for (const t of list) out.push(toAllowlist(asTable(t) ?? {}));
  return out;
}

function toRule(t: Table): RuleSpec {
  const id = typeof t.id === 'string' ? t.id : '';
  const allowlists = allowlistsOf(t.allowlist, t.allowlists);
  return defined<RuleSpec>({
    id,
    description: typeof t.description === 'string' && t.description !== '' ? t.description : id,
    regex: typeof t.regex === 'string' ? t.regex : undefined,
    secretGroup: typeof t.secretGroup === 'number' ? t.secretGroup : undefined,
    entropy: typeof t.entropy === 'number' ? t.entropy : undefined,
    keywords: strings(t.keywords)?.map((k) => k.toLowerCase()),
    path: typeof t.path === 'string' ? t.path : undefined,
    tags: strings(t.tags),
    allowlists: allowlists.length > 0 ? allowlists : undefined,
  });
}

/**
 * Reads gitleaks' TOML format: `[extend]` (useDefault, path, disabledRules), `[[rules]]` with
 * `[[rules.allowlists]]` (or the legacy `[rules.allowlist]`), top-level `[[allowlists]]` with
 * targetRules and the legacy `[allowlist]`. An extended file's rules come first; same ids replace.
 */
export function readGitleaksConfig(text: string, file: string, depth = 0): GitleaksRules {
  let doc: Table;
  try {
    doc = parseToml(text) as Table;
  } catch (error) {
    throw new SecflowError('config', `${file}: not valid TOML (${(error as Error).message})`, {
      cause: error,
    });
  }
  const extend = asTable(doc.extend) ?? {};
  let base: GitleaksRules = {};
  if (typeof extend.path === 'string') {
    if (depth >= MAX_EXTEND_DEPTH) {
      throw new SecflowError('config', `${file}: [extend] chain deeper than ${MAX_EXTEND_DEPTH}`, {
        hint: 'A gitleaks config extends another that extends it back, or the chain is too long.',
      });
    }
    const target = resolve(dirname(file), extend.path);
    let baseText: string;
    try {
      baseText = readFileSync(target, 'utf8');
    } catch (error) {
      throw new SecflowError('input', `${file}: [extend] path ${target} cannot be read`, {
        cause: error,
      });
    }
    base = readGitleaksConfig(baseText, target, depth + 1);
  }
  const rules = new Map<string, RuleSpec>();
  for (const r of base.rules ?? []) rules.set(r.id, r);
  const ruleTables = Array.isArray(doc.rules) ? doc.rules : [];
  for (const t of ruleTables) {
    const rule = toRule(asTable(t) ?? {});
    rules.set(rule.id, rule);
  }
  const spec = validateRuleFile(
    {
      rules: [...rules.values()],
      allowlists: [...(base.allowlists ?? []), ...allowlistsOf(doc.allowlist, doc.allowlists)],
    },
    file,
  );
  const disable = [...(base.disable ?? []), ...(strings(extend.disabledRules) ?? [])];
  return {
    ...spec,
    ...(extend.useDefault === true || base.useDefault === true ? { useDefault: true } : {}),
    ...(disable.length > 0 ? { disable } : {}),
  };
}
