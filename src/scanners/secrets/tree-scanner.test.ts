import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SecretFinding } from '../../core/finding.ts';
import { FakeTokens } from './__fixtures__/fake-tokens.ts';
import { createSecretsScanner, loadSecretRules } from './index.ts';
import { CHUNK_BYTES } from './tree-scanner.ts';

const rules = loadSecretRules();
const fake = new FakeTokens(7);
const root = mkdtempSync(join(tmpdir(), 'secflow-tree-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function scan(dir: string): Promise<{ findings: SecretFinding[]; warnings: string[] }> {
  const warnings: string[] = [];
  const { findings } = await createSecretsScanner({ rules }).scan({
    root: dir,
    walk: {},
    onWarning: (w) => warnings.push(`${w.code}:${w.path}`),
  });
  return { findings: findings as SecretFinding[], warnings };
}

function at(findings: readonly SecretFinding[], ruleId: string) {
  return findings.filter((f) => f.ruleId === ruleId).map((f) => f.locations[0]);
}

describe('working-tree secrets scan', () => {
  it('reports path, line and column, redacted, and one finding per secret and file', async () => {
    const dir = join(root, 'basic');
    mkdirSync(dir);
    const token = fake.github('ghp');
    writeFileSync(join(dir, 'a.ts'), `// header\nconst a = "${token}";\nconst b = "${token}";\n`);
    const { findings } = await scan(dir);
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f?.kind).toBe('secret');
    expect(f?.locations).toEqual([
      { path: 'a.ts', line: 2, column: 12 },
      { path: 'a.ts', line: 3, column: 12 },
    ]);
    expect(f?.redacted).toMatch(/^ghp_…#[0-9a-f]{6}$/);
    expect(JSON.stringify(findings)).not.toContain(token);
    expect(f?.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps the fingerprint when the secret moves to another line', async () => {
    const dir = join(root, 'moves');
    mkdirSync(dir);
    const token = fake.stripe();
    writeFileSync(join(dir, 'k.env'), `STRIPE=${token}\n`);
    const before = (await scan(dir)).findings[0]?.fingerprint;
    writeFileSync(join(dir, 'k.env'), `# moved\n\n\nSTRIPE=${token}\n`);
    const after = (await scan(dir)).findings[0];
    expect(after?.fingerprint).toBe(before);
    expect(after?.locations[0]?.line).toBe(4);
  });

  it('honours secflow:allow on the line or the line before', async () => {
    const dir = join(root, 'inline');
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'a.py'),
      [
        `A = "${fake.awsAccessKeyId()}"  # secflow:allow test fixture`,
        '# secflow:allow rotated key kept for the migration test',
        `B = "${fake.awsAccessKeyId()}"`,
        `C = "${fake.awsAccessKeyId()}"`,
      ].join('\n'),
    );
    const { findings } = await scan(dir);
    const byLine = new Map(findings.map((f) => [f.locations[0]?.line, f.suppressed?.by]));
    expect(byLine).toEqual(
      new Map([
        [1, 'inline'],
        [3, 'inline'],
        [4, undefined],
      ]),
    );
  });

  it('skips binaries, lockfiles and gitignored files', async () => {
    const dir = join(root, 'skips');
    mkdirSync(dir);
    const token = fake.npm();
    writeFileSync(
      join(dir, 'blob.bin'),
      Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(token)]),
    );
    writeFileSync(join(dir, 'package-lock.json'), `{"x": "${token}"}`);
    writeFileSync(join(dir, '.gitignore'), 'ignored.txt\n');
    writeFileSync(join(dir, 'ignored.txt'), token);
    expect((await scan(dir)).findings).toEqual([]);
  });

  it('flags a committed PKCS#12 file by name even though it is binary', async () => {
    const dir = join(root, 'p12');
    mkdirSync(dir);
    writeFileSync(join(dir, 'client.p12'), Buffer.from([0x30, 0x82, 0, 1, 2, 3]));
    const { findings } = await scan(dir);
    expect(findings.map((f) => [f.ruleId, f.locations[0]?.path])).toEqual([
      ['pkcs12-file', 'client.p12'],
    ]);
  });

  it('finds secrets across 1 MiB piece boundaries with the right line numbers', async () => {
    const dir = join(root, 'large');
    mkdirSync(dir);
    const filler = 'lorem ipsum dolor sit amet consectetur adipiscing elit\n';
    const lines = Math.ceil((CHUNK_BYTES * 2.5) / filler.length);
    const body: string[] = [];
    for (let i = 0; i < lines; i++) body.push(filler.trimEnd());
    const token = fake.gitlabPat();
    const pemAt = Math.floor(CHUNK_BYTES / filler.length) - 2;
    const tokenAt = lines - 3;
    body.splice(pemAt, 0, ...fake.rsaPrivateKeyPem().trim().split('\n'));
    body.splice(tokenAt, 0, `GITLAB=${token}`);
    writeFileSync(join(dir, 'big.txt'), `${body.join('\n')}\n`);
    const { findings } = await scan(dir);
    expect(at(findings, 'private-key')).toEqual([{ path: 'big.txt', line: pemAt + 1, column: 1 }]);
    expect(at(findings, 'gitlab-pat')).toEqual([{ path: 'big.txt', line: tokenAt + 1, column: 8 }]);
  });

  it('finds a secret deep inside a 3 MB single-line file with its column', async () => {
    const dir = join(root, 'minified');
    mkdirSync(dir);
    const token = fake.slackBot();
    const prefix = 'a=1;'.repeat(600_000);
    writeFileSync(join(dir, 'app.min.js'), `${prefix}t="${token}";${'b=2;'.repeat(150_000)}`);
    const { findings } = await scan(dir);
    expect(at(findings, 'slack-bot-token')).toEqual([
      { path: 'app.min.js', line: 1, column: prefix.length + 4 },
    ]);
  });

  it('scans a single file given as the root', async () => {
    const file = join(root, 'single.env');
    writeFileSync(file, `NPM_TOKEN=${fake.npm()}\n`);
    const { findings } = await scan(file);
    expect(at(findings, 'npm-access-token')).toEqual([{ path: 'single.env', line: 1, column: 11 }]);
  });
});
