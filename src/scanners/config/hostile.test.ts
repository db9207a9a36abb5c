// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are shell, Dockerfile and workflow text
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ScanWarning } from '../../core/report.ts';
import { createConfigScanner, MAX_FINDINGS_PER_CHECK } from './index.ts';

const work = mkdtempSync(join(tmpdir(), 'secflow-config-hostile-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Writes files into a fresh directory and scans it, timing the scan. */
async function scanFiles(name: string, files: Record<string, string | Buffer>) {
  const root = join(work, name);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  const warnings: ScanWarning[] = [];
  const started = performance.now();
  const { findings } = await createConfigScanner().scan({
    root,
    walk: {},
    onWarning: (w) => warnings.push(w),
  });
  return { findings, warnings, ms: performance.now() - started };
}

const codes = (warnings: readonly ScanWarning[]) =>
  warnings.map((w) => `${w.path}: ${w.code}`).sort();

// Generous ceilings: they catch exponential or quadratic blow-ups, not slow machines.
const BOUNDED_MS = 20_000;

describe('hostile input', () => {
  it('refuses a 10 MB workflow unread', async () => {
    const job =
      '  job:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.event.issue.title }}\n';
    const big = `on: issues\njobs:\n${job.repeat(Math.ceil((10 * 1024 * 1024) / job.length))}`;
    const { findings, warnings, ms } = await scanFiles('big', { '.github/workflows/big.yml': big });
    expect(findings).toEqual([]);
    expect(codes(warnings)).toEqual(['.github/workflows/big.yml: too-large']);
    expect(ms).toBeLessThan(BOUNDED_MS);
  });

  it('stops a billion-laughs alias bomb', async () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const bomb = `${levels.join('\n')}\non: push\njobs: {}\n`;
    const { warnings, ms } = await scanFiles('bomb', {
      '.github/workflows/bomb.yml': bomb,
      '.gitlab-ci.yml': bomb.replace('on: push\njobs: {}\n', 'test:\n  script: *j\n'),
    });
    expect(codes(warnings)).toEqual([
      '.github/workflows/bomb.yml: alias-bomb',
      '.gitlab-ci.yml: alias-bomb',
    ]);
    expect(ms).toBeLessThan(BOUNDED_MS);
  });

  it('refuses YAML nested 10^4 and more levels deep', async () => {
    const n = 100_000;
    const { findings, warnings, ms } = await scanFiles('deep', {
      '.github/workflows/flow-seq.yml': `on: push\njobs: ${'['.repeat(n)}${']'.repeat(n)}\n`,
      '.github/workflows/flow-map.yml': `on: push\njobs: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`,
      '.github/workflows/compact.yml': `on: push\njobs:\n  ${'- '.repeat(10_000)}x\n`,
      '.gitlab-ci.yml': Array.from({ length: 500 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n'),
      'action.yml': `runs: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`,
    });
    expect(findings).toEqual([]);
    expect(codes(warnings)).toEqual([
      '.github/workflows/compact.yml: too-deep',
      '.github/workflows/flow-map.yml: too-deep',
      '.github/workflows/flow-seq.yml: too-deep',
      '.gitlab-ci.yml: too-deep',
      'action.yml: too-deep',
    ]);
    expect(ms).toBeLessThan(BOUNDED_MS);
  });

  it('warns about binary junk and text junk named like pipeline files', async () => {
    const { findings, warnings } = await scanFiles('junk', {
      '.gitlab-ci.yml': Buffer.concat([
        Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0]),
        randomBytes(64 * 1024),
      ]),
      'ci/.gitlab-ci.yml': Buffer.from([0xc3, 0x28, 0x41, 0x42, 0xff, 0xfe]),
      'sub/.gitlab-ci.yml': '}{ ][ :: - ? ! & * | > % @ `\n\t\t: :\n',
      '.github/workflows/text.yml': 'Just a sentence, not a workflow.\n',
      Dockerfile: 'this is not a dockerfile\njust prose\n',
    });
    expect(findings).toEqual([]);
    expect(codes(warnings)).toEqual([
      '.github/workflows/text.yml: parse-error',
      '.gitlab-ci.yml: binary',
      'Dockerfile: parse-error',
      'ci/.gitlab-ci.yml: binary',
      'sub/.gitlab-ci.yml: parse-error',
    ]);
  });

  it('skips a 100k-character Dockerfile line and checks the rest', async () => {
    const long = `RUN echo ${'curl a | '.repeat(12_000)}done`;
    const { findings, warnings, ms } = await scanFiles('longline', {
      Dockerfile: `FROM node:latest\n${long}\nRUN curl -fsSL https://example.com/x.sh | sh\n`,
      'worker.Dockerfile': `FROM alpine:3.20\nRUN ${'curl '.repeat(12_000)}\nENV ${'A'.repeat(100_000)}_TOKEN=x\nUSER 1000\n`,
    });
    expect(long.length).toBeGreaterThan(100_000);
    expect(codes(warnings)).toEqual(['Dockerfile: too-long', 'worker.Dockerfile: too-long']);
    expect(
      findings.map((f) => `${f.locations[0]?.path}:${f.locations[0]?.line} ${f.ruleId}`),
    ).toEqual([
      'Dockerfile:1 dockerfile-root-user',
      'Dockerfile:1 dockerfile-unpinned-base-image',
      'Dockerfile:3 dockerfile-curl-pipe-shell',
    ]);
    expect(ms).toBeLessThan(BOUNDED_MS);
  });

  it('follows GitLab include cycles once and stops long include chains', async () => {
    const chain: Record<string, string> = {};
    for (let i = 0; i < 200; i++)
      chain[`chain/${i}.yml`] =
        `include: /chain/${i + 1}.yml\njob${i}:\n  image: node\n  script: [true]\n`;
    const { findings, warnings, ms } = await scanFiles('includes', {
      '.gitlab-ci.yml':
        'include:\n  - local: .gitlab-ci.yml\n  - local: a.yml\n  - local: chain/0.yml\n',
      'a.yml': 'include: b.yml\na:\n  script: [true]\n',
      'b.yml': 'include: [a.yml, "**/*.yml"]\nb:\n  script: [true]\n',
      ...chain,
    });
    const warned = codes(warnings);
    expect(warned).toContain('.gitlab-ci.yml: include-cycle');
    expect(warned).toContain('b.yml: include-cycle');
    expect(warned.some((w) => w.endsWith(': too-many-includes'))).toBe(true);
    expect(findings.filter((f) => f.ruleId === 'gitlab-unpinned-image').length).toBeGreaterThan(
      100,
    );
    expect(ms).toBeLessThan(BOUNDED_MS);
  });

  it('keeps pathological scripts linear and caps findings per check', async () => {
    const manyVars = `test:\n  script:\n    - echo ${'$CI_COMMIT_MESSAGE '.repeat(20_000)}\n`;
    const redirects = `on: issues\npermissions: {}\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          echo ${'>'.repeat(300_000)} GITHUB_ENV\n          echo "${'a'.repeat(300_000)}" >> $GITHUB_OUTPUT\n`;
    const parens = `on: issues\npermissions: {}\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo \${{ ${'('.repeat(10_000)}github.event.issue.title${')'.repeat(10_000)} }} \${{ unclosed\n`;
    const { findings, warnings, ms } = await scanFiles('pathological', {
      '.gitlab-ci.yml': manyVars,
      '.github/workflows/redirects.yml': redirects,
      '.github/workflows/parens.yml': parens,
    });
    const injections = findings.filter((f) => f.ruleId === 'gitlab-untrusted-variable-injection');
    expect(injections.length).toBe(MAX_FINDINGS_PER_CHECK);
    expect(codes(warnings)).toEqual(['.gitlab-ci.yml: too-many-findings']);
    // The unparseable expression still reports the context it names.
    expect(
      findings
        .filter((f) => f.ruleId === 'gha-template-injection')
        .map((f) => f.locations[0]?.path),
    ).toEqual(['.github/workflows/parens.yml']);
    expect(ms).toBeLessThan(BOUNDED_MS);
  });

  it('handles thousands of jobs chained through outputs', async () => {
    const jobs = Array.from(
      { length: 3000 },
      (_, i) =>
        `  j${i}:\n    runs-on: ubuntu-latest\n${i === 0 ? '' : `    needs: j${i - 1}\n`}    outputs:\n      t: \${{ ${i === 0 ? 'github.event.issue.title' : `needs.j${i - 1}.outputs.t`} }}\n    steps:\n      - run: echo \${{ needs.j${Math.max(0, i - 1)}.outputs.t }}\n`,
    ).join('');
    const { findings, ms } = await scanFiles('many-jobs', {
      '.github/workflows/chain.yml': `on: issues\npermissions: {}\njobs:\n${jobs}`,
    });
    // Propagation through `needs` is followed a bounded number of jobs deep.
    const injected = findings.filter((f) => f.ruleId === 'gha-template-injection').length;
    expect(injected).toBeGreaterThan(10);
    expect(injected).toBeLessThan(3000);
    expect(ms).toBeLessThan(BOUNDED_MS);
  });
});
