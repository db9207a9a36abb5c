import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem, type } from 'node:os';
import { join } from 'node:path';

/**
 * Runs every bench/<name>.bench.ts (or those named on the command line) in its own process, so
 * memory figures are not polluted by one another, and writes bench/RESULTS.md. Each bench prints a
 * markdown section on stdout (a `## Title`, what was compared, a table) and progress on stderr.
 */
const here = import.meta.dirname;
const only = process.argv.slice(2);
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();

function machine(): string {
  const cpu = cpus();
  const git = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout.trim();
  return [
    `- Date: ${new Date().toISOString()}`,
    `- Commit: ${git || 'unknown'}`,
    `- CPU: ${cpu[0]?.model ?? 'unknown'} × ${cpu.length}`,
    `- Memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- OS: ${type()} ${release()}`,
    `- Node: ${process.version}`,
  ].join('\n');
}

const sections: string[] = [];
for (const bench of benches) {
  process.stderr.write(`\n== ${bench}\n`);
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(here, bench)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  sections.push(out.trim());
}

const results = `# Benchmark results

Produced by \`npm run bench\` (bench/run.ts); each section is one bench/*.bench.ts run in its own
process, compared side by side with a peer tool or a floor in the same run. These machines are
shared and noisy: compare ratios within a section, not absolute numbers across runs.

## Machine

${machine()}

${sections.join('\n\n')}
`;
if (only.length === 0) writeFileSync(join(here, 'RESULTS.md'), results);
else process.stdout.write(results);
