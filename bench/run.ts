import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem, type } from 'node:os';
import { join } from 'node:path';

/**
 * Runs every bench/<name>.bench.ts (or those whose names start with an argument) in its own
 * process, so memory figures are not polluted by one another. Each bench prints a markdown section
 * on stdout (a `## Title`, what was compared, a table) and progress on stderr. Sections are kept in
 * bench/results/<name>.md with the machine they ran on; bench/RESULTS.md is all of them in one file.
 */
const here = import.meta.dirname;
const only = process.argv.slice(2);
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();

function machine(): string {
  const cpu = cpus();
  const git = spawnSync('git', ['rev-parse', '--short', 'HEAD'], {
    encoding: 'utf8',
  }).stdout.trim();
  return [
    `- Date: ${new Date().toISOString()}`,
    `- Commit: ${git || 'unknown'}`,
    `- CPU: ${cpu[0]?.model ?? 'unknown'} × ${cpu.length}`,
    `- Memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- OS: ${type()} ${release()}`,
    `- Node: ${process.version}`,
  ].join('\n');
}

// Benchmarks that run the CLI process use the compiled code: build it from this checkout first.
execFileSync('npm', ['run', 'build'], {
  cwd: join(here, '..'),
  stdio: ['ignore', 'ignore', 'inherit'],
});

const resultsDir = join(here, 'results');
mkdirSync(resultsDir, { recursive: true });
const machineDetails = machine();
for (const bench of benches) {
  process.stderr.write(`\n== ${bench}\n`);
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(here, bench)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const section = `${out.trim()}\n\n<details><summary>Machine</summary>\n\n${machineDetails}\n\n</details>\n`;
  writeFileSync(join(resultsDir, bench.replace(/\.bench\.ts$/, '.md')), section);
}

const sections = readdirSync(resultsDir)
  .filter((f) => f.endsWith('.md'))
  .sort()
  .map((f) => readFileSync(join(resultsDir, f), 'utf8').trim());

writeFileSync(
  join(here, 'RESULTS.md'),
  `# Benchmark results

Produced by \`npm run bench\` (bench/run.ts; \`npm run bench -- <name>\` reruns one section). Each
section is one bench/*.bench.ts run in its own process, compared side by side with a peer tool or a
floor in the same run, with the machine it ran on. These machines are shared and noisy: compare
ratios within a section, not absolute numbers across sections.

${sections.join('\n\n')}
`,
);
