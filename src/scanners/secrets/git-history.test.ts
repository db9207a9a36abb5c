import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SecretFinding } from '../../core/finding.ts';
import { FakeTokens } from './__fixtures__/fake-tokens.ts';
import { SecretFindingCollector } from './collect.ts';
import { SecretEngine } from './engine.ts';
import { DiffParser, MAX_DIFF_LINE_BYTES, unquote } from './git-history.ts';
import { createSecretsScanner, loadSecretRules } from './index.ts';

const rules = loadSecretRules();
const fake = new FakeTokens(99);
const tokens = {
  aws: fake.awsAccessKeyId(),
  gitlab: fake.gitlabPat(),
  stripe: fake.stripe(),
  npm: fake.npm(),
};
let repo = '';
const shas: Record<string, string> = {};

function git(...args: string[]): string {
  return execFileSync('git', args, {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_DATE: undefined },
  }).trim();
}

function commit(message: string, date: string): string {
  git('add', '-A');
  execFileSync('git', ['commit', '-q', '-m', message], {
    cwd: repo,
    env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
  });
  return git('rev-parse', 'HEAD');
}

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'secflow-history-'));
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Dana Dev');
  git('config', 'user.email', 'dana@example.com');
  git('config', 'commit.gpgsign', 'false');
  mkdirSync(join(repo, 'config'));
  writeFileSync(join(repo, 'config', 'prod.env'), `HOST=db\nAWS_ACCESS_KEY_ID=${tokens.aws}\n`);
  writeFileSync(join(repo, 'README.md'), '# app\n');
  shas.first = commit('add config', '2024-01-01T10:00:00Z');
  writeFileSync(
    join(repo, 'config', 'prod.env'),
    `HOST=db\nAWS_ACCESS_KEY_ID=${tokens.aws}\nPORT=5432\n`,
  );
  writeFileSync(
    join(repo, 'ci.yml'),
    `steps:\n  - run: echo\n    env:\n      GITLAB_TOKEN: ${tokens.gitlab}\n`,
  );
  shas.second = commit('ci', '2024-01-02T10:00:00Z');
  unlinkSync(join(repo, 'ci.yml'));
  writeFileSync(join(repo, 'config', 'prod.env'), 'HOST=db\nPORT=5432\n');
  shas.third = commit('remove secrets', '2024-01-03T10:00:00Z');
  writeFileSync(
    join(repo, 'logo.bin'),
    Buffer.concat([Buffer.from([0, 159, 146, 150]), Buffer.from(tokens.npm)]),
  );
  writeFileSync(join(repo, 'billing.ts'), `\n\nexport const key = "${tokens.stripe}";\n`);
  shas.fourth = commit('billing', '2024-01-04T10:00:00Z');
  renameSync(join(repo, 'billing.ts'), join(repo, 'payments.ts'));
  shas.fifth = commit('rename', '2024-01-05T10:00:00Z');
  git('checkout', '-q', '-b', 'feature');
  writeFileSync(join(repo, 'weird name\t.txt'), `token=${tokens.npm}\n`);
  shas.branch = commit('on a branch', '2024-01-06T10:00:00Z');
  git('checkout', '-q', 'main');
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

async function scanHistory(): Promise<SecretFinding[]> {
  const { findings } = await createSecretsScanner({ rules, gitHistory: true }).scan({
    root: repo,
    walk: {},
    onWarning: () => {},
  });
  return findings as SecretFinding[];
}

describe('git history scan', () => {
  it('finds secrets deleted from the working tree, with the commit that added them', async () => {
    const findings = await scanHistory();
    const aws = findings.find((f) => f.ruleId === 'aws-access-key-id');
    expect(aws?.locations).toEqual([{ path: 'config/prod.env', line: 2, column: 19 }]);
    expect(aws?.commit).toEqual({
      sha: shas.first,
      author: 'Dana Dev <dana@example.com>',
      date: '2024-01-01T10:00:00+00:00',
    });
    const gitlab = findings.find((f) => f.ruleId === 'gitlab-pat');
    expect(gitlab?.locations).toEqual([{ path: 'ci.yml', line: 4, column: 21 }]);
    expect(gitlab?.commit?.sha).toBe(shas.second);
  });

  it('does not report them from the working tree alone', async () => {
    const { findings } = await createSecretsScanner({ rules }).scan({
      root: repo,
      walk: {},
      onWarning: () => {},
    });
    expect(findings.map((f) => f.ruleId)).toEqual(['stripe-secret-key']);
  });

  it('merges a secret still in the tree with the commit that added it; renames add nothing', async () => {
    const stripe = (await scanHistory()).filter((f) => f.ruleId === 'stripe-secret-key');
    expect(stripe).toHaveLength(1);
    expect(stripe[0]?.locations).toEqual([{ path: 'payments.ts', line: 3, column: 21 }]);
    expect(stripe[0]?.commit?.sha).toBe(shas.fourth);
  });

  it('skips binary diffs, reads other branches and quoted path names', async () => {
    const npm = (await scanHistory()).filter((f) => f.ruleId === 'npm-access-token');
    expect(npm.map((f) => [f.locations[0]?.path, f.commit?.sha])).toEqual([
      ['weird name\t.txt', shas.branch],
    ]);
  });

  it('fails with one clear message outside a git repository', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'secflow-nogit-'));
    try {
      await expect(
        createSecretsScanner({ rules, gitHistory: true, workingTree: false }).scan({
          root: dir,
          walk: {},
          onWarning: () => {},
        }),
      ).rejects.toThrow(/not a git repository/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('undoes git path quoting', () => {
    expect(unquote('"b/a\\tb\\303\\251.txt"')).toBe('b/a\tbé.txt');
    expect(unquote('plain/path')).toBe('plain/path');
  });
});

describe('DiffParser on a raw stream', () => {
  it('parses byte chunks split anywhere, counts hunks, and bounds a huge added line', () => {
    const token = new FakeTokens(5).github('ghp');
    const huge = 'x'.repeat(MAX_DIFF_LINE_BYTES + 10);
    const stream = [
      '\x01aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\x022024-02-01T00:00:00+00:00\x02A <a@x>',
      '',
      'diff --git a/f.txt b/f.txt',
      'index 1..2 100644',
      '--- a/f.txt',
      '+++ b/f.txt',
      '@@ -1,2 +10,3 @@',
      '-old',
      '-+++ b/not-a-header',
      '++++ b/still-content',
      `+${huge}`,
      `+t=${token}`,
      '\\ No newline at end of file',
      '',
    ].join('\n');
    const bytes = Buffer.from(stream);
    const warnings: string[] = [];
    const collector = new SecretFindingCollector('history');
    const parser = new DiffParser({
      engine: new SecretEngine(rules),
      collector,
      onWarning: (w) => warnings.push(w.code),
    });
    for (let i = 0; i < bytes.length; i += 4093) parser.push(bytes.subarray(i, i + 4093));
    parser.end();
    expect(parser.commits).toBe(1);
    expect(warnings).toEqual(['line-too-long']);
    const [finding] = collector.findings();
    expect(finding?.ruleId).toBe('github-pat');
    expect(finding?.locations).toEqual([{ path: 'f.txt', line: 12, column: 3 }]);
  });
});
