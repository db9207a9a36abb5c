import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SecretFinding } from '../../core/finding.ts';
import { FakeTokens } from './__fixtures__/fake-tokens.ts';
import { SecretEngine } from './engine.ts';
import { createSecretsScanner, loadSecretRules } from './index.ts';

const work = mkdtempSync(join(tmpdir(), 'secflow-hostile-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const fake = new FakeTokens(1234);
const rules = loadSecretRules();

describe('hostile input', () => {
  it('runs a catastrophic-backtracking rule in linear time (RE2)', () => {
    const file = join(work, 'evil.yaml');
    writeFileSync(
      file,
      "rules:\n  - id: evil\n    description: nested quantifier\n    regex: '(a+)+$'\n    keywords: [aaaa]\n",
    );
    const evil = new SecretEngine(loadSecretRules({ extraRuleFiles: [file] }));
    for (const n of [10_000, 40_000]) {
      const text = `${'a'.repeat(n)}!`;
      const started = performance.now();
      const found = evil.scan(text, 'x.txt').filter((m) => m.rule.id === 'evil');
      const ms = performance.now() - started;
      // A backtracking engine needs ~2^n steps here; RE2 stays linear (seconds at most).
      expect(ms).toBeLessThan(20_000);
      expect(found).toEqual([]);
    }
    // The rule does run: without the "!" the whole run of a's matches.
    expect(evil.scan('a'.repeat(5000), 'x.txt').map((m) => m.rule.id)).toContain('evil');
  });

  it('streams a 1 GB file with bounded memory and finds the secret at its end', async () => {
    const dir = mkdtempSync(join(work, 'big-'));
    const file = join(dir, 'huge.log');
    const out = createWriteStream(file);
    const block = Buffer.from(
      '2025-01-01T00:00:00Z INFO request served in 12ms path=/api/v1/items status=200\n'.repeat(
        13_000,
      ),
    );
    let written = 0;
    while (written < 1024 ** 3) {
      if (!out.write(block)) await once(out, 'drain');
      written += block.length;
    }
    const token = fake.github('ghp');
    out.end(`token=${token}\n`);
    await once(out, 'finish');
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const timer = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 50);
    const started = performance.now();
    const { findings } = await createSecretsScanner({ rules }).scan({
      root: dir,
      walk: {},
      onWarning: () => {},
    });
    clearInterval(timer);
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `1 GiB file: ${seconds.toFixed(1)} s (${(1024 / seconds).toFixed(0)} MiB/s), RSS +${((peak - rssBefore) / 2 ** 20).toFixed(0)} MiB`,
    );
    expect(findings.map((f) => [f.ruleId, f.locations[0]?.line])).toEqual([
      ['github-pat', Math.ceil(written / block.length) * 13_000 + 1],
    ]);
    expect(peak - rssBefore).toBeLessThan(400 * 2 ** 20);
    rmSync(dir, { recursive: true, force: true });
  }, 900_000);

  it('scans a 100k-commit history (git fast-import) in one streamed pass', async () => {
    const repo = mkdtempSync(join(work, 'repo-'));
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: repo });
    const commits = 100_000;
    const secretAt = 61_234;
    const token = fake.gitlabPat();
    const importer = spawn('git', ['fast-import', '--quiet'], {
      cwd: repo,
      stdio: ['pipe', 'ignore', 'inherit'],
    });
    const done = once(importer, 'close');
    const write = async (s: string) => {
      if (!importer.stdin.write(s)) await once(importer.stdin, 'drain');
    };
    for (let i = 1; i <= commits; i++) {
      const line =
        i === secretAt ? `GITLAB_TOKEN=${token}` : `entry ${i} value ${(i * 7919) % 100_003}`;
      const content = `${line}\n`;
      const file = `data/part-${i % 50}.txt`;
      const message = `change ${i}`;
      await write(
        `commit refs/heads/main\nmark :${i}\ncommitter Bot <bot@example.com> ${1_600_000_000 + i} +0000\ndata ${message.length}\n${message}\nM 100644 inline ${file}\ndata ${Buffer.byteLength(content)}\n${content}\n`,
      );
    }
    importer.stdin.end();
    const [code] = (await done) as [number];
    expect(code).toBe(0);

    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const timer = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 50);
    const started = performance.now();
    const { findings } = await createSecretsScanner({
      rules,
      gitHistory: true,
      workingTree: false,
    }).scan({
      root: repo,
      walk: {},
      onWarning: () => {},
    });
    clearInterval(timer);
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `100k commits: ${seconds.toFixed(1)} s (${(commits / seconds).toFixed(0)} commits/s), RSS +${((peak - rssBefore) / 2 ** 20).toFixed(0)} MiB`,
    );
    const gitlab = (findings as SecretFinding[]).filter((f) => f.ruleId === 'gitlab-pat');
    expect(gitlab).toHaveLength(1);
    expect(gitlab[0]?.locations[0]).toEqual({
      path: `data/part-${secretAt % 50}.txt`,
      line: 1,
      column: 14,
    });
    expect(gitlab[0]?.commit?.date).toBe(
      new Date((1_600_000_000 + secretAt) * 1000).toISOString().replace('.000Z', '+00:00'),
    );
    expect(peak - rssBefore).toBeLessThan(400 * 2 ** 20);
  }, 900_000);
});
