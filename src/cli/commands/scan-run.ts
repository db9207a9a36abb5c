/** The work behind `secflow scan`; loaded on demand by scan.ts so `--help` stays fast. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { loadConfig } from '../../config/load.ts';
import { SecflowError } from '../../core/errors.ts';
import type { Finding } from '../../core/finding.ts';
import type { ScanReport } from '../../core/report.ts';
import { rulesFor } from '../../ecosystems/rules.ts';
import { findReporter, REPORTER_IDS } from '../../reporters/registry.ts';
import { collectTarget } from '../../scanners/collect-target.ts';
import { runPipeline } from '../../scanners/pipeline.ts';
import { buildScanners } from '../../scanners/registry.ts';
import { loadBaseline, writeBaseline } from '../../scanners/secrets/baseline.ts';
import { resolveTarget } from '../../scanners/target.ts';
import { openFreshAdvisoryDb } from '../../store/freshness.ts';
import { advisoryDbPath } from '../../store/location.ts';
import type { VexStatement } from '../../vex/index.ts';
import type { CliContext } from '../context.ts';
import { ExitCode } from '../exit-codes.ts';
import { colors } from '../output.ts';
import { progressFor } from '../progress.ts';
import { VERSION } from '../version.ts';
import {
  type OutputRequest,
  parseScanners,
  resolvePolicy,
  type ScanFlags,
} from './scan-options.ts';

async function readVexFiles(paths: readonly string[], cwd: string): Promise<VexStatement[]> {
  const statements: VexStatement[] = [];
  if (paths.length === 0) return statements;
  const { readVex } = await import('../../vex/index.ts');
  for (const path of paths) {
    const full = resolve(cwd, path);
    const text = await readFile(full, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new SecflowError(
        'input',
        `${path}: cannot read VEX document (${error.code ?? error.message})`,
      );
    });
    statements.push(...readVex(path, text));
  }
  return statements;
}

async function writeReports(
  ctx: CliContext,
  report: ScanReport,
  requests: readonly OutputRequest[],
): Promise<void> {
  const wanted = requests.length > 0 ? requests : [{ format: 'table' }];
  for (const request of wanted) {
    const reporter = await findReporter(request.format);
    if (reporter === undefined) {
      throw new SecflowError('usage', `unknown --format "${request.format}"`, {
        hint: `choose from ${REPORTER_IDS.join(', ')}`,
      });
    }
    const toTerminal = request.output === undefined;
    const text = reporter.render(report, {
      color: toTerminal && ctx.output.color,
      ...(toTerminal && 'columns' in ctx.output.out && typeof ctx.output.out.columns === 'number'
        ? { width: ctx.output.out.columns }
        : {}),
    });
    if (request.output === undefined) {
      ctx.output.out.write(text.endsWith('\n') ? text : `${text}\n`);
    } else {
      const path = resolve(ctx.cwd, request.output);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, text).catch((error: NodeJS.ErrnoException) => {
        throw new SecflowError(
          error.code === 'ENOSPC' ? 'disk' : 'input',
          `${request.output}: cannot write report (${error.code ?? error.message})`,
        );
      });
    }
  }
}

const maxAgeOption = (maxAge: string | undefined) => (maxAge === undefined ? {} : { maxAge });

export async function scan(
  ctx: CliContext,
  path: string,
  flags: ScanFlags,
  outputs: readonly OutputRequest[],
): Promise<number> {
  const now = () => new Date();
  const absolute = resolve(ctx.cwd, path);
  const target = await resolveTarget(absolute, { rootfs: flags.rootfs !== undefined });
  const configDir =
    target.kind === 'directory' || target.kind === 'rootfs' ? absolute : dirname(absolute);
  const { config, path: configPath } = await loadConfig(
    configDir,
    flags.config === undefined ? undefined : resolve(ctx.cwd, flags.config),
  );
  const policy = resolvePolicy(flags, config);
  const selected = parseScanners(flags.scanners, config.scanners);
  const fileScanners =
    target.kind === 'directory' || target.kind === 'file'
      ? selected
      : selected.filter((s) => s === 'deps');
  const progress = progressFor(ctx.output, 'files');
  const c = colors(ctx.output);
  const walk = { skip: [...(config.skip ?? []), ...(flags.skip ?? [])] };

  const db = fileScanners.includes('deps')
    ? openFreshAdvisoryDb(
        advisoryDbPath({ flag: flags.db ?? config.db?.path, env: ctx.env, cwd: ctx.cwd }),
        {
          env: ctx.env,
          ...maxAgeOption(flags.maxDbAge ?? config.db?.['max-age']),
        },
      )
    : undefined;
  try {
    const vex = await readVexFiles(
      [...(config.vex ?? []).map((v) => resolve(configDir, v)), ...(flags.vex ?? [])],
      ctx.cwd,
    );
    const baselinePath = flags.baseline ?? config.secrets?.baseline;
    const baseline =
      baselinePath === undefined ? undefined : await loadBaseline(resolve(ctx.cwd, baselinePath));
    const secretsConfig = flags.secretsConfig ?? config.secrets?.config;
    const scanners = await buildScanners(
      fileScanners.filter((s) => s !== 'deps'),
      {
        secrets: {
          rules: {
            ...(secretsConfig === undefined
              ? {}
              : { secretsConfig: resolve(ctx.cwd, secretsConfig) }),
            ...(config.secrets?.rules === undefined
              ? {}
              : { extraRuleFiles: config.secrets.rules.map((r) => resolve(configDir, r)) }),
            ...(config.secrets?.disable === undefined ? {} : { disable: config.secrets.disable }),
          },
          gitHistory: flags.gitHistory ?? config.secrets?.['git-history'] ?? false,
          ...(baseline === undefined ? {} : { baseline }),
        },
      },
    );
    const applyVex = vex.length === 0 ? undefined : (await import('../../vex/index.ts')).applyVex;
    const meta = db?.meta();
    const result = await runPipeline({
      // Without `deps`, a directory or file needs no package inventory: skip the lockfile walk.
      collect: () =>
        fileScanners.includes('deps') || (target.kind !== 'directory' && target.kind !== 'file')
          ? collectTarget(target, {
              walk,
              progress,
              now,
              ...(flags.platform === undefined ? {} : { platform: flags.platform }),
            })
          : Promise.resolve({
              target: { path: target.path, kind: target.kind },
              packages: [],
              skipped: [],
              warnings: [],
            }),
      ...(db === undefined || meta === undefined
        ? {}
        : {
            advisories: {
              lookup: db,
              rulesFor,
              database: {
                path: meta.path,
                records: meta.records,
                ...(meta.lastUpdate === undefined
                  ? {}
                  : { updatedAt: meta.lastUpdate.toISOString() }),
              },
            },
          }),
      scanners,
      scanRoot: absolute,
      walk,
      policy,
      applyVex: (findings: readonly Finding[]) =>
        applyVex === undefined ? findings : applyVex(findings, vex),
      toolVersion: VERSION,
      progress,
      now,
    });

    const warnings = [
      ...result.report.warnings,
      ...result.expiredIgnores.map((r) => ({
        path: configPath ?? 'secflow.yaml',
        code: 'ignore-expired',
        message: `ignore for ${r.id} expired on ${r.expires}: it no longer applies`,
      })),
    ];
    const report: ScanReport = {
      ...result.report,
      target: { ...result.report.target, path },
      warnings,
    };
    await writeReports(ctx, report, outputs);
    if (flags.writeBaseline !== undefined) {
      const written = await writeBaseline(
        report.findings,
        resolve(ctx.cwd, flags.writeBaseline),
        now,
      );
      ctx.output.err.write(
        `wrote ${written.findings.length} accepted secret findings to ${flags.writeBaseline}\n`,
      );
    }
    for (const w of warnings)
      ctx.output.err.write(`${c.yellow('warning')}: ${w.path}: ${w.message}\n`);
    if (result.empty && fileScanners.includes('deps')) {
      ctx.output.err.write(
        `${c.yellow(c.bold('warning'))}: no lockfile, manifest, SBOM or package database found in ${path} — nothing was checked for vulnerabilities\n`,
      );
      if (policy.failOnEmpty) return ExitCode.gateFailed;
    }
    return report.gate.failed ? ExitCode.gateFailed : ExitCode.ok;
  } finally {
    db?.close();
  }
}
