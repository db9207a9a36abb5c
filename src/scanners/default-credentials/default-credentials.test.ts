import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  configFormat,
  createDefaultCredentialsScanner,
  type DefaultCredentialFinding,
  scanConfigText,
} from './index.ts';

const fixtures = join(import.meta.dirname, '__fixtures__');

describe('default-credentials scanner on a fixture project', async () => {
  const warnings: string[] = [];
  const { findings } = (await createDefaultCredentialsScanner().scan({
    root: join(fixtures, 'project'),
    walk: {},
    onWarning: (w) => warnings.push(w.message),
  })) as { findings: DefaultCredentialFinding[] };
  const expected = JSON.parse(readFileSync(join(fixtures, 'expected.json'), 'utf8')) as [
    string,
    string,
    number,
    string,
    boolean,
  ][];
  const key = (f: [string, string, number, string, boolean]) => f.join(' ');

  it('reports exactly the expected findings (rule, file, line, severity, inline allow)', () => {
    const actual = findings.map((f) =>
      key([
        f.ruleId,
        f.locations[0]?.path ?? '',
        f.locations[0]?.line ?? 0,
        f.severity.level as string,
        f.suppressed?.by === 'inline',
      ]),
    );
    expect(actual.sort()).toEqual(expected.map(key).sort());
    expect(warnings).toEqual([]);
  });

  it('gives every finding a remediation, a redacted value and a stable fingerprint', () => {
    for (const f of findings) {
      expect(f.kind).toBe('default-credential');
      expect(f.remediation.length).toBeGreaterThan(20);
      expect(f.redacted).toMatch(/…#[0-9a-f]{6}$/);
      expect(f.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(new Set(findings.map((f) => f.fingerprint)).size).toBe(findings.length);
  });

  it('keeps fingerprints when lines move', () => {
    const a = scanConfigText('.env', 'MYSQL_ROOT_PASSWORD=root\n');
    const b = scanConfigText('.env', '\n\n# moved\nMYSQL_ROOT_PASSWORD=root\n');
    expect(b[0]?.fingerprint).toBe(a[0]?.fingerprint);
    expect(b[0]?.locations[0]?.line).toBe(4);
  });
});

describe('default-credentials parsing edge cases', () => {
  it('picks the format from the file name', () => {
    expect(configFormat('compose.yaml')).toBe('yaml');
    expect(configFormat('.env.production')).toBe('env');
    expect(configFormat('deploy/Dockerfile.prod')).toBe('dockerfile');
    expect(configFormat('package-lock.json')).toBeUndefined();
    expect(configFormat('src/index.ts')).toBeUndefined();
  });

  it('ignores broken files instead of failing, and YAML alias bombs cost nothing', () => {
    expect(scanConfigText('a.json', '{not json')).toEqual([]);
    expect(scanConfigText('a.toml', '= nope')).toEqual([]);
    const bomb = [
      'a: &a ["x","x"]',
      ...Array.from(
        { length: 20 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`,
      ),
    ].join('\n');
    expect(scanConfigText('bomb.yaml', bomb)).toEqual([]);
  });

  it('does not report templated, empty or strong values', () => {
    const text =
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal placeholder is the input
      'POSTGRES_PASSWORD=${POSTGRES_PASSWORD}\nMYSQL_ROOT_PASSWORD=\nRABBITMQ_DEFAULT_PASS=9bT#x2!qLm\n';
    expect(scanConfigText('.env', text)).toEqual([]);
  });

  it('finds lines of repeated and out-of-order JSON keys', () => {
    const text = [
      '{',
      '  "a": { "user": "x", "password": "s3cret-strong-Xq9!" },',
      '  "db": {',
      '    "user": "postgres",',
      '    "password": "postgres"',
      '  },',
      '  "7": { "password": "changeme" }',
      '}',
    ].join('\n');
    const found = scanConfigText('config.json', text).map((f) => [f.ruleId, f.locations[0]?.line]);
    expect(found).toEqual([
      ['default-credential-weak-password', 7],
      ['default-credential-pair', 5],
    ]);
  });

  it('stays linear on one object with 200,000 keys (a quadratic walk would time out)', () => {
    const keys = Array.from(
      { length: 200_000 },
      (_, i) => `  "key\\u00${(i % 90) + 10}${i}": "v${i}"`,
    );
    const text = `{\n${keys.join(',\n')},\n  "user": "admin",\n  "password": "admin"\n}`;
    const found = scanConfigText('huge.json', text);
    expect(found.map((f) => [f.ruleId, f.locations[0]?.line])).toEqual([
      ['default-credential-pair', 200_003],
    ]);
  });

  it('stays linear on a TOML file with 100,000 keys', () => {
    const keys = Array.from({ length: 100_000 }, (_, i) => `key${i} = "v${i}"`);
    const text = `${keys.join('\n')}\n[db]\nuser = "admin"\npassword = "admin"\n`;
    const found = scanConfigText('huge.toml', text);
    expect(found.map((f) => [f.ruleId, f.locations[0]?.line])).toEqual([
      ['default-credential-pair', 100_003],
    ]);
  });
});
