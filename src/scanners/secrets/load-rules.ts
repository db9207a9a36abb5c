import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { SecflowError } from '../../core/errors.ts';
import {
  type CompiledAllowlist,
  type CompiledRule,
  compileAllowlist,
  compileRule,
} from './compile-rule.ts';
import type { RuleSet } from './engine.ts';
import { type GitleaksRules, readGitleaksConfig } from './gitleaks-config.ts';
import { type RuleSpec, validateRuleFile } from './rule-schema.ts';

export const BUILTIN_RULES_DIR = fileURLToPath(new URL('./rules/', import.meta.url));

/** How a user's configuration changes the shipped rules. */
export interface SecretRuleOptions {
  /** More rules files (secflow YAML, or gitleaks TOML): a rule with a shipped id replaces it. */
  readonly extraRuleFiles?: readonly string[];
  /** Rule ids to turn off. */
  readonly disable?: readonly string[];
  /** Per rule id, fields that replace the shipped ones (entropy, severity, keywords…). */
  readonly overrides?: Readonly<Record<string, Partial<Omit<RuleSpec, 'id'>>>>;
  /**
   * A gitleaks config (`--secrets-config .gitleaks.toml`): its rules replace the shipped ones
   * unless it says `[extend] useDefault = true`.
   */
  readonly secretsConfig?: string;
}

export interface LoadedRules extends RuleSet {
  /** Problems that did not stop loading, e.g. disabling an id that does not exist. */
  readonly warnings: readonly string[];
}

/** Reads a secflow YAML rules file or a gitleaks TOML config into specs. */
export function readRuleFile(file: string): GitleaksRules {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SecflowError('input', `${file}: cannot read rules file`, {
      cause: error,
      hint: 'Check the path given in the secrets configuration.',
    });
  }
  if (extname(file).toLowerCase() === '.toml') return readGitleaksConfig(text, file);
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new SecflowError('config', `${file}: not valid YAML (${(error as Error).message})`, {
      cause: error,
    });
  }
  return validateRuleFile(data ?? {}, file);
}

interface SpecEntry {
  readonly spec: RuleSpec;
  readonly file: string;
}

interface BuiltinRules {
  readonly specs: readonly SpecEntry[];
  readonly compiled: ReadonlyMap<string, CompiledRule>;
  readonly allowlists: readonly CompiledAllowlist[];
}

let builtin: BuiltinRules | undefined;

/** The shipped rules, parsed, validated and compiled once per process. */
function builtinRules(): BuiltinRules {
  if (builtin !== undefined) return builtin;
  const specs: SpecEntry[] = [];
  const allowlists: CompiledAllowlist[] = [];
  const files = readdirSync(BUILTIN_RULES_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  for (const name of files) {
    const file = join(BUILTIN_RULES_DIR, name);
    const spec = readRuleFile(file);
    for (const rule of spec.rules ?? []) specs.push({ spec: rule, file });
    for (const a of spec.allowlists ?? []) {
      allowlists.push(compileAllowlist(a, 'global', file, false));
    }
  }
  const compiled = new Map<string, CompiledRule>();
  for (const { spec, file } of specs) {
    if (compiled.has(spec.id)) {
      throw new SecflowError('internal', `${file}: duplicate built-in rule id "${spec.id}"`);
    }
    compiled.set(spec.id, compileRule(spec, file, false));
  }
  builtin = { specs, compiled, allowlists };
  return builtin;
}

/**
 * The rule set to scan with: shipped rules (or a gitleaks config's), plus extra files, minus
 * disabled ids, with overrides applied. Shipped rules compile once; only changed ones recompile.
 */
export function loadSecretRules(options: SecretRuleOptions = {}): LoadedRules {
  const warnings: string[] = [];
  const base = builtinRules();
  const rules = new Map<string, CompiledRule>();
  const specs = new Map<string, SpecEntry>();
  const allowlists: CompiledAllowlist[] = [];

  const add = (spec: GitleaksRules, file: string) => {
    for (const rule of spec.rules ?? []) {
      specs.set(rule.id, { spec: rule, file });
      rules.set(rule.id, compileRule(rule, file));
    }
    for (const a of spec.allowlists ?? []) allowlists.push(compileAllowlist(a, 'global', file));
  };

  const config =
    options.secretsConfig === undefined ? undefined : readRuleFile(options.secretsConfig);
  if (config === undefined || config.useDefault === true) {
    for (const entry of base.specs) specs.set(entry.spec.id, entry);
    for (const [id, rule] of base.compiled) rules.set(id, rule);
    allowlists.push(...base.allowlists);
  }
  if (config !== undefined) add(config, options.secretsConfig as string);
  for (const file of options.extraRuleFiles ?? []) add(readRuleFile(file), file);

  for (const [id, patch] of Object.entries(options.overrides ?? {})) {
    const entry = specs.get(id);
    if (entry === undefined) {
      warnings.push(`secrets override for unknown rule "${id}" ignored`);
      continue;
    }
    rules.set(id, compileRule({ ...entry.spec, ...patch, id } as RuleSpec, `override of ${id}`));
  }
  for (const id of [...(config?.disable ?? []), ...(options.disable ?? [])]) {
    if (!rules.delete(id)) warnings.push(`cannot disable unknown secrets rule "${id}"`);
  }
  return { rules: [...rules.values()], allowlists, warnings };
}
