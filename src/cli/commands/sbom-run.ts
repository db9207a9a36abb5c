/** The work behind `secflow sbom`; loaded on demand by sbom.ts. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { SecflowError } from '../../core/errors.ts';
import { evaluateGate } from '../../core/policy.ts';
import type { ScanReport } from '../../core/report.ts';
import { findReporter } from '../../reporters/registry.ts';
import { collectTarget } from '../../scanners/collect-target.ts';
import { resolveTarget } from '../../scanners/target.ts';
import type { CliContext } from '../context.ts';
import { ExitCode } from '../exit-codes.ts';
import { colors } from '../output.ts';
import { progressFor } from '../progress.ts';
import { VERSION } from '../version.ts';

export interface SbomFlags {
  format: 'cyclonedx' | 'spdx';
  output?: string;
  rootfs?: string;
  platform?: string;
  skip?: string[];
}

export async function sbom(ctx: CliContext, path: string, flags: SbomFlags): Promise<void> {
  const now = () => new Date();
  const absolute = resolve(ctx.cwd, flags.rootfs ?? path);
  const target = await resolveTarget(absolute, { rootfs: flags.rootfs !== undefined });
  const startedAt = now().toISOString();
  const inventory = await collectTarget(target, {
    walk: { skip: flags.skip ?? [] },
    progress: progressFor(ctx.output, 'files'),
    now,
    ...(flags.platform === undefined ? {} : { platform: flags.platform }),
  });
  const report: ScanReport = {
    schemaVersion: '1.0',
    tool: { name: 'secflow', version: VERSION },
    startedAt,
    finishedAt: now().toISOString(),
    target: { ...inventory.target, path: flags.rootfs ?? path },
    scanners: [],
    packages: inventory.packages,
    findings: [],
    notCheckable: inventory.skipped,
    warnings: inventory.warnings,
    remediation: [],
    gate: evaluateGate([], { failOn: 'none', unknownSeverityAs: 'medium' }),
  };
  const reporter = await findReporter(flags.format);
  if (reporter === undefined) throw new SecflowError('usage', `unknown --format "${flags.format}"`);
  const text = reporter.render(report, { color: false });
  if (flags.output === undefined) ctx.output.out.write(text.endsWith('\n') ? text : `${text}\n`);
  else {
    const out = resolve(ctx.cwd, flags.output);
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, text).catch((error: NodeJS.ErrnoException) => {
      throw new SecflowError(
        'input',
        `${flags.output}: cannot write SBOM (${error.code ?? error.message})`,
      );
    });
  }
  const c = colors(ctx.output);
  for (const w of inventory.warnings)
    ctx.output.err.write(`${c.yellow('warning')}: ${w.path}: ${w.message}\n`);
  if (inventory.packages.length === 0) {
    ctx.output.err.write(`${c.yellow('warning')}: no packages found in ${path}\n`);
  }
  ctx.exitCode = ExitCode.ok;
}
