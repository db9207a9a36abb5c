import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SecretEngine } from './engine.ts';
import { loadSecretRules } from './load-rules.ts';

const fixtures = join(import.meta.dirname, '__fixtures__');

describe('gitleaks TOML configs', () => {
  const loaded = loadSecretRules({ secretsConfig: join(fixtures, 'gitleaks-extend.toml') });
  const engine = new SecretEngine(loaded);
  const ids = (text: string, path = 'src/app.cfg') => engine.scan(text, path).map((m) => m.rule.id);

  it('keeps the shipped rules with [extend] useDefault and honours disabledRules', () => {
    expect(loaded.rules.length).toBeGreaterThan(220);
    expect(loaded.rules.some((r) => r.id === 'generic-api-key')).toBe(false);
    expect(ids('token: ghp_1A2b3C4d5E6f7G8h9I0jKlMnOpQrStUvWx12')).toContain('github-pat');
  });

  it('reads [[rules]] with lowercased keywords, entropy, secretGroup and path', () => {
    expect(ids('ACME=acme_0a1b2c3d4e5f60718293a4b5c6d7e8f9')).toEqual(['acme-internal-token']);
    const legacy = engine.scan('key = acmekey-9c1e4f0a7b3d2e8f5a6c1b0d', 'app.cfg');
    expect(legacy.map((m) => [m.rule.id, m.secret])).toEqual([
      ['acme-legacy-key', '9c1e4f0a7b3d2e8f5a6c1b0d'],
    ]);
    expect(ids('key = acmekey-9c1e4f0a7b3d2e8f5a6c1b0d', 'app.yaml')).toEqual([]);
  });

  it('applies [[rules.allowlists]] (line target) and the legacy [rules.allowlist]', () => {
    expect(ids('test_token = acme_0a1b2c3d4e5f60718293a4b5c6d7e8f9')).toEqual([]);
    expect(ids('key = acmekey-9c1e4f0a7b3d2e8fdeadbeef')).toEqual([]);
  });

  it('applies top-level [[allowlists]] with targetRules and the legacy [allowlist]', () => {
    expect(ids('acme_0a1b2c3d4e5f60718293a4b5c6d7e8f9', 'test/fixtures/a.txt')).toEqual([]);
    expect(ids('acme_00000000000000000000000000000000')).toEqual([]);
  });

  it('replaces the shipped rules when the config does not extend the defaults', () => {
    const only = loadSecretRules({ secretsConfig: join(fixtures, 'gitleaks-only.toml') });
    expect(only.rules.map((r) => r.id)).toEqual(['only-rule']);
  });
});
