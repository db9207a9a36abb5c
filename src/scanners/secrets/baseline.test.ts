import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SecretFinding } from '../../core/finding.ts';
import { FakeTokens } from './__fixtures__/fake-tokens.ts';
import {
  applyBaseline,
  createSecretsScanner,
  loadBaseline,
  loadSecretRules,
  writeBaseline,
} from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'secflow-baseline-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fake = new FakeTokens(3);
const rules = loadSecretRules();

async function scan(baseline?: Awaited<ReturnType<typeof loadBaseline>>) {
  const { findings } = await createSecretsScanner({
    rules,
    ...(baseline === undefined ? {} : { baseline }),
  }).scan({
    root: join(dir, 'src'),
    walk: {},
    onWarning: () => {},
  });
  return findings as SecretFinding[];
}

describe('baseline', () => {
  it('suppresses accepted findings while new ones still count', async () => {
    const src = join(dir, 'src');
    mkdirSync(src);
    writeFileSync(join(src, 'old.env'), `TOKEN=${fake.github('ghp')}\n`);
    const file = join(dir, '.secflow-baseline.json');
    const written = await writeBaseline(await scan(), file, () => new Date('2025-01-01T00:00:00Z'));
    expect(written.findings).toHaveLength(1);

    const onDisk = JSON.parse(readFileSync(file, 'utf8'));
    expect(onDisk).toMatchObject({
      version: 1,
      tool: 'secflow',
      createdAt: '2025-01-01T00:00:00.000Z',
    });
    expect(onDisk.findings[0]).toMatchObject({ ruleId: 'github-pat', path: 'old.env', line: 1 });
    expect(readFileSync(file, 'utf8')).not.toMatch(/ghp_[A-Za-z0-9]{36}/);

    writeFileSync(
      join(src, 'old.env'),
      `# moved down\nTOKEN=${readFileSync(join(src, 'old.env'), 'utf8').split('=')[1]}`,
    );
    writeFileSync(join(src, 'new.env'), `STRIPE=${fake.stripe()}\n`);
    const baseline = await loadBaseline(file);
    const findings = await scan(baseline);
    const state = Object.fromEntries(findings.map((f) => [f.ruleId, f.suppressed?.by ?? 'open']));
    expect(state).toEqual({ 'github-pat': 'baseline', 'stripe-secret-key': 'open' });
  });

  it('keeps inline suppressions as they are', () => {
    const f = {
      fingerprint: 'a'.repeat(64),
      suppressed: { by: 'inline', reason: 'x' },
    } as unknown as SecretFinding;
    expect(
      applyBaseline([f], { path: 'b', fingerprints: new Set(['a'.repeat(64)]) })[0]?.suppressed?.by,
    ).toBe('inline');
  });

  it('rejects a missing or malformed baseline with a clear message', async () => {
    await expect(loadBaseline(join(dir, 'nope.json'))).rejects.toThrow(
      /cannot read the baseline file/,
    );
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"findings": {}}');
    await expect(loadBaseline(bad)).rejects.toThrow(/not a secflow baseline/);
  });
});
