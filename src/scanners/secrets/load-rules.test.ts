import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSecflowError } from '../../core/errors.ts';
import { SecretEngine } from './engine.ts';
import { loadSecretRules } from './load-rules.ts';

const fixtures = join(import.meta.dirname, '__fixtures__');

describe('loadSecretRules (shipped rules)', () => {
  const { rules, allowlists, warnings } = loadSecretRules();

  it('ships at least the providers gitleaks covers (220+ rules)', () => {
    expect(rules.length).toBeGreaterThanOrEqual(220);
    expect(warnings).toEqual([]);
    expect(allowlists.length).toBeGreaterThan(0);
  });

  it('compiles every regex and allowlist with RE2', () => {
    for (const rule of rules) {
      expect(() => rule.regex?.(), rule.id).not.toThrow();
      expect(() => rule.path?.(), rule.id).not.toThrow();
      for (const a of rule.allowlists) for (const r of [...a.regexes, ...a.paths]) r();
    }
    for (const a of allowlists) for (const r of [...a.regexes, ...a.paths]) r();
  });

  it('gives every pattern rule a keyword prefilter unless a path filter bounds it', () => {
    const unfiltered = rules.filter(
      (r) => r.regex !== undefined && r.keywords.length === 0 && r.path === undefined,
    );
    expect(unfiltered.map((r) => r.id)).toEqual([]);
  });

  it('uses unique ids and kebab-case', () => {
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9][a-z0-9-]*$/);
  });
});

describe('loadSecretRules (user configuration)', () => {
  it('disables and overrides shipped rules, and warns about unknown ids', () => {
    const loaded = loadSecretRules({
      disable: ['jwt', 'no-such-rule'],
      overrides: { 'generic-password': { severity: 'low', entropy: 1 } },
    });
    expect(loaded.rules.some((r) => r.id === 'jwt')).toBe(false);
    const generic = loaded.rules.find((r) => r.id === 'generic-password');
    expect(generic?.severity).toBe('low');
    expect(generic?.entropy).toBe(1);
    expect(loaded.warnings).toEqual(['cannot disable unknown secrets rule "no-such-rule"']);
  });

  it('adds rules from an extra YAML file', () => {
    const loaded = loadSecretRules({ extraRuleFiles: [join(fixtures, 'extra-rules.yaml')] });
    const engine = new SecretEngine(loaded);
    const ids = engine.scan('X=acmey_Zk3j9sd8f7g6h5j4k3l2m1n0', '.env').map((m) => m.rule.id);
    expect(ids).toContain('acme-yaml-token');
  });

  it('rejects a regex RE2 cannot run with one message naming the rule and the file', () => {
    const file = join(fixtures, 'backreference.yaml');
    try {
      loadSecretRules({ extraRuleFiles: [file] });
      expect.unreachable();
    } catch (error) {
      expect(isSecflowError(error)).toBe(true);
      const e = error as Error & { code: string; hint?: string };
      expect(e.code).toBe('config');
      expect(e.message).toContain(file);
      expect(e.message).toContain('rule "repeated-word"');
      expect(e.message).toContain('not valid RE2 syntax');
      expect(e.hint).toContain('no backreferences');
    }
  });

  it('rejects a rules file that does not match the schema', () => {
    expect(() => loadSecretRules({ extraRuleFiles: [join(fixtures, 'SOURCE.md')] })).toThrow(
      /invalid rules file|not valid YAML/,
    );
  });
});
