/**
 * Secret scanning: working-tree throughput on a generated tree of real source (text files copied
 * from this checkout's node_modules, with planted fake tokens) against secretlint (CLI, recommended
 * preset) and a floor of `grep -E` / ripgrep running one combined pattern; git-history throughput
 * on a generated 20k-commit repository against `git log -p` alone; precision/recall on the corpus.
 * secretlint is far slower than the others (about 0.1 MB/s here), so it runs on a fixed subset
 * of the same tree (its first files), and secflow runs on that subset too for the ratio.
 * Environment: SECFLOW_BENCH_SECRETS_MB (default 200), SECFLOW_BENCH_SECRETLINT_MB (default 8),
 * SECFLOW_BENCH_COMMITS (default 20000).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { FakeTokens } from '../src/scanners/secrets/__fixtures__/fake-tokens.ts';
import { SecretFindingCollector } from '../src/scanners/secrets/collect.ts';
import { SecretEngine } from '../src/scanners/secrets/engine.ts';
import { scanGitHistory } from '../src/scanners/secrets/git-history.ts';
import { createSecretsScanner, loadSecretRules } from '../src/scanners/secrets/index.ts';
import { evaluateCorpus, readCorpus } from '../test/corpora/secrets/evaluate.ts';

const here = import.meta.dirname;
const root = join(here, '..');
const work = join(here, '.work', 'secrets');
const targetMb = Number(process.env.SECFLOW_BENCH_SECRETS_MB ?? 200);
const commits = Number(process.env.SECFLOW_BENCH_COMMITS ?? 20_000);
const secretlintMb = Number(process.env.SECFLOW_BENCH_SECRETLINT_MB ?? 8);
const log = (s: string) => process.stderr.write(`${s}\n`);
const fake = new FakeTokens(777);

/** Fake tokens of common families; one line each is appended to files across the tree. */
function plantedLine(i: number): string {
  const makers = [
    () => `AWS_ACCESS_KEY_ID=${fake.awsAccessKeyId()}`,
    () => `const token = "${fake.github('ghp')}";`,
    () => `GITLAB_TOKEN=${fake.gitlabPat()}`,
    () => `slack: ${fake.slackBot()}`,
    () => `stripe_key = "${fake.stripe()}"`,
    () => `//registry.npmjs.org/:_authToken=${fake.npm()}`,
    () => `"apiKey": "${fake.googleApiKey()}",`,
    () => `SENDGRID_API_KEY=${fake.sendgrid()}`,
  ];
  return (makers[i % makers.length] as () => string)();
}

/** Copies text files from node_modules (several rounds if needed) until the target size. */
function buildTree(): { dir: string; bytes: number; files: number; planted: number } {
  const dir = join(work, `tree-${targetMb}mb`);
  const stamp = join(work, `tree-${targetMb}mb.json`);
  if (existsSync(stamp)) return JSON.parse(readFileSync(stamp, 'utf8'));
  rmSync(dir, { recursive: true, force: true });
  const sources: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const s = statSync(p, { throwIfNoEntry: false });
      if (s?.isDirectory()) walk(p);
      else if (s?.isFile() && s.size > 0 && s.size < 2 * 1024 * 1024) sources.push(p);
    }
  };
  walk(join(root, 'node_modules'));
  const text = sources.filter((p) => {
    if (/(?:^|\/)(?:package-lock\.json|yarn\.lock|pnpm-lock\.yaml)$/.test(p)) return false;
    const head = readFileSync(p).subarray(0, 8192);
    return !head.includes(0);
  });
  let bytes = 0;
  let files = 0;
  const copied: string[] = [];
  for (let round = 0; bytes < targetMb * 1e6; round++) {
    for (const src of text) {
      if (bytes >= targetMb * 1e6) break;
      const dest = join(dir, `r${round}`, relative(join(root, 'node_modules'), src));
      mkdirSync(dirname(dest), { recursive: true });
      copyFileSync(src, dest);
      bytes += statSync(src).size;
      files++;
      copied.push(dest);
    }
  }
  const planted = 400;
  for (let i = 0; i < planted; i++) {
    const file = copied[Math.floor((i * copied.length) / planted)] as string;
    appendFileSync(file, `\n${plantedLine(i)}\n`);
  }
  const info = { dir, bytes, files, planted };
  writeFileSync(stamp, JSON.stringify(info));
  return info;
}

/** The tree's first files (walk order) up to `mb`, copied to their own directory. */
function subsetOf(treeDir: string, mb: number): { dir: string; bytes: number; files: number } {
  const dir = `${treeDir}-subset-${mb}mb`;
  const stamp = `${dir}.json`;
  if (existsSync(stamp)) return JSON.parse(readFileSync(stamp, 'utf8'));
  rmSync(dir, { recursive: true, force: true });
  let bytes = 0;
  let files = 0;
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      if (bytes >= mb * 1e6) return;
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else {
        const dest = join(dir, relative(treeDir, p));
        mkdirSync(dirname(dest), { recursive: true });
        copyFileSync(p, dest);
        bytes += st.size;
        files++;
      }
    }
  };
  walk(treeDir);
  const info = { dir, bytes, files };
  writeFileSync(stamp, JSON.stringify(info));
  return info;
}

interface Timing {
  readonly wall: number;
  readonly cpu: number;
  readonly rssMb?: number;
}

/** Runs a command under /usr/bin/time; returns wall and user+system CPU seconds. */
function timeCommand(cmd: string, args: string[], cwd: string): Timing & { stdout: string } {
  const r = spawnSync('/usr/bin/time', ['-f', '@@%e %U %S %M', cmd, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  const m = /@@([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr ?? '');
  if (m === null) throw new Error(`${cmd} failed: ${r.stderr?.slice(-500)}`);
  return {
    wall: Number(m[1]),
    cpu: Number(m[2]) + Number(m[3]),
    rssMb: Number(m[4]) / 1024,
    stdout: r.stdout ?? '',
  };
}

const FLOOR_PATTERN = [
  'AKIA[A-Z2-7]{16}',
  'gh[pousr]_[0-9A-Za-z]{36}',
  'github_pat_[0-9A-Za-z_]{82}',
  'glpat-[0-9A-Za-z_-]{20}',
  'xox[bpase]-[0-9A-Za-z-]{10,}',
  '[sr]k_live_[0-9A-Za-z]{10,}',
  'npm_[A-Za-z0-9]{36}',
  'AIza[0-9A-Za-z_-]{35}',
  '-----BEGIN [A-Z ]*PRIVATE KEY-----',
  'SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}',
  'hooks\\.slack\\.com/services/',
  'pypi-AgEIcHlwaS5vcmc',
  'rubygems_[a-f0-9]{48}',
  'dop_v1_[a-f0-9]{64}',
  'sk-ant-api03-',
  'eyJ[A-Za-z0-9_-]{17,}\\.eyJ',
].join('|');

async function inProcess(run: () => Promise<unknown>): Promise<Timing> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await run();
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1e6 };
}

/** A repository with `commits` commits, each changing one of 200 files with ~20 real lines. */
async function buildRepo(): Promise<{ dir: string; planted: number }> {
  const dir = join(work, `repo-${commits}`);
  const stamp = `${dir}.json`;
  if (existsSync(stamp)) return JSON.parse(readFileSync(stamp, 'utf8'));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
  const pool: string[] = [];
  const collect = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      if (pool.length > 40_000) return;
      const p = join(d, name);
      const s = statSync(p);
      if (s.isDirectory()) collect(p);
      else if (/\.(?:js|ts|json|md)$/.test(name) && s.size < 200_000) {
        for (const line of readFileSync(p, 'utf8').split('\n'))
          if (line.length < 200) pool.push(line);
      }
    }
  };
  // Real lines from node_modules itself: the tree's copies carry the planted tokens.
  collect(join(root, 'node_modules'));
  const importer = spawn('git', ['fast-import', '--quiet'], {
    cwd: dir,
    stdio: ['pipe', 'ignore', 'inherit'],
  });
  const closed = once(importer, 'close');
  const files = new Map<string, string[]>();
  let cursor = 0;
  let planted = 0;
  for (let i = 1; i <= commits; i++) {
    const name = `src/module-${i % 200}.js`;
    const lines = files.get(name) ?? [];
    const added = Array.from({ length: 20 }, () => pool[cursor++ % pool.length] as string);
    if (i % 1000 === 0) {
      added.push(plantedLine(planted));
      planted++;
    }
    // Keep files bounded: drop old lines as new ones arrive, like real edits.
    const next = [...lines.slice(-200), ...added];
    files.set(name, next);
    const content = `${next.join('\n')}\n`;
    const message = `change ${i}`;
    const chunk = `commit refs/heads/main\ncommitter Bench <bench@example.com> ${1_600_000_000 + i * 60} +0000\ndata ${message.length}\n${message}\nM 100644 inline ${name}\ndata ${Buffer.byteLength(content)}\n${content}\n`;
    if (!importer.stdin.write(chunk)) await once(importer.stdin, 'drain');
  }
  importer.stdin.end();
  await closed;
  writeFileSync(stamp, JSON.stringify({ dir, planted }));
  return { dir, planted };
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);

async function main(): Promise<void> {
  mkdirSync(work, { recursive: true });
  log(`building a ${targetMb} MB tree…`);
  const tree = buildTree();
  const mb = tree.bytes / 1e6;

  const loadStart = performance.now();
  const rules = loadSecretRules();
  const loadMs = performance.now() - loadStart;

  log('secflow (working tree)…');
  let secflowFindings = 0;
  const secflow = await inProcess(async () => {
    const { findings } = await createSecretsScanner({ rules }).scan({
      root: tree.dir,
      walk: {},
      onWarning: () => {},
    });
    secflowFindings = findings.length;
  });

  // The whole CLI process as a user runs it: start-up, rules load, and the default-credentials
  // scanner over the same tree (the `secrets` scanner runs both).
  log('secflow CLI (secrets + default credentials)…');
  const cli = timeCommand(
    process.execPath,
    [
      join(root, 'bin/secflow.js'),
      'scan',
      tree.dir,
      '--scanners',
      'secrets',
      '--format',
      'json',
      '--output',
      '/dev/null',
      '--fail-on',
      'none',
    ],
    tree.dir,
  );

  log(`secretlint on a ${secretlintMb} MB subset…`);
  const subset = subsetOf(tree.dir, secretlintMb);
  const subsetMb = subset.bytes / 1e6;
  const rc = join(work, 'secretlintrc.json');
  writeFileSync(
    rc,
    JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }),
  );
  const secretlint = timeCommand(
    join(root, 'node_modules/.bin/secretlint'),
    ['**/*', '--secretlintrc', rc, '--format', 'compact'],
    subset.dir,
  );
  let subsetFindings = 0;
  const secflowSubset = await inProcess(async () => {
    const { findings } = await createSecretsScanner({ rules }).scan({
      root: subset.dir,
      walk: {},
      onWarning: () => {},
    });
    subsetFindings = findings.length;
  });
  const secretlintFindings = (secretlint.stdout.match(/Error - /g) ?? []).length;

  log('grep -E / ripgrep…');
  const grep = timeCommand('grep', ['-E', '-r', '-I', '-o', '-e', FLOOR_PATTERN, '.'], tree.dir);
  const rgAvailable = spawnSync('rg', ['--version']).status === 0;
  const rg = rgAvailable
    ? timeCommand('rg', ['--no-ignore', '--hidden', '-o', '-I', '-e', FLOOR_PATTERN, '.'], tree.dir)
    : undefined;
  const floor = rg !== undefined && rg.wall < grep.wall ? rg : grep;

  log(`building a ${commits}-commit repository…`);
  const repo = await buildRepo();
  log('git log -p alone…');
  const gitOnly = timeCommand(
    'sh',
    [
      '-c',
      `git -c core.quotepath=false log --all --no-merges --date-order -p -U0 -M --no-color --no-ext-diff --no-textconv --diff-filter=d --relative --format=%H -- . | wc -c`,
    ],
    repo.dir,
  );
  const patchMb = Number(gitOnly.stdout.trim()) / 1e6;
  log('secflow (git history)…');
  const collector = new SecretFindingCollector('history');
  let stats = { commits: 0, bytes: 0 };
  const history = await inProcess(async () => {
    stats = await scanGitHistory({
      root: repo.dir,
      engine: new SecretEngine(rules),
      collector,
      onWarning: () => {},
    });
  });

  log('corpus…');
  const corpus = evaluateCorpus(new SecretEngine(rules), readCorpus());

  const row = (name: string, t: Timing, findings: string, size = mb) =>
    `| ${name} | ${fmt(size)} | ${fmt(t.wall)} | ${fmt(t.cpu)} | ${fmt(size / t.wall)} | ${fmt(size / t.cpu)} | ${findings} |`;
  const out = [
    '## Secret scanning',
    '',
    `Working tree: ${tree.files} text files, ${fmt(mb)} MB copied from node_modules, ${tree.planted} fake tokens planted. ` +
      `secflow runs ${rules.rules.length} rules in-process (rules load: ${fmt(loadMs, 0)} ms, excluded); secretlint ` +
      'runs its CLI with @secretlint/secretlint-rule-preset-recommend; the floor is one combined pattern of 16 token ' +
      'formats with `grep -E -r` and ripgrep. CPU is user+system seconds: on this shared machine it is the fairer measure.',
    '',
    '| Tool | MB | Wall s | CPU s | MB/s (wall) | MB/s (CPU) | Findings |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
    row('secflow', secflow, `${secflowFindings}`),
    row('secflow CLI process (+ default credentials, start-up)', cli, 'json to /dev/null'),
    row('grep -E (combined pattern)', grep, 'n/a (floor)'),
    ...(rg === undefined ? [] : [row('ripgrep (combined pattern)', rg, 'n/a (floor)')]),
    row(`secflow, subset`, secflowSubset, `${subsetFindings}`, subsetMb),
    row(
      'secretlint 11 (recommended preset), subset',
      secretlint,
      `${secretlintFindings}`,
      subsetMb,
    ),
    '',
    `- secflow vs secretlint (same ${fmt(subsetMb)} MB subset: the tree's first ${subset.files} files): **${fmt(secretlint.wall / secflowSubset.wall)}x** faster (wall), **${fmt(secretlint.cpu / secflowSubset.cpu)}x** (CPU); target >= 5x.`,
    `- secflow vs the floor (${floor === rg ? 'ripgrep' : 'grep -E'}): **${fmt(secflow.wall / floor.wall)}x** slower (wall), ${fmt(secflow.cpu / floor.cpu)}x (CPU); target within 3x.`,
    '',
    `Git history: ${stats.commits} commits (each adds ~20 real source lines to one of 200 files; ${repo.planted} planted tokens), ` +
      `${fmt(patchMb)} MB of \`git log -p -U0\` output, streamed from one git process.`,
    '',
    '| Step | Wall s | CPU s | Commits/s | Patch MB/s |',
    '| --- | ---: | ---: | ---: | ---: |',
    `| \`git log -p\` alone (floor) | ${fmt(gitOnly.wall)} | ${fmt(gitOnly.cpu)} | ${fmt(stats.commits / gitOnly.wall, 0)} | ${fmt(patchMb / gitOnly.wall)} |`,
    `| secflow --git-history | ${fmt(history.wall)} | ${fmt(history.cpu)} (+ git) | ${fmt(stats.commits / history.wall, 0)} | ${fmt(patchMb / history.wall)} |`,
    '',
    `History findings: ${collector.size} (planted ${repo.planted}).`,
    '',
    `Corpus (test/corpora/secrets): ${corpus.positives} positive and ${corpus.negatives} negative lines.`,
    '',
    '| Precision | Recall | True positives | False positives | False negatives |',
    '| ---: | ---: | ---: | ---: | ---: |',
    `| ${fmt(corpus.precision * 100)} % | ${fmt(corpus.recall * 100)} % | ${corpus.truePositives} | ${corpus.falsePositives.length} | ${corpus.falseNegatives.length} |`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

await main();
