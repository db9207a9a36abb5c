import { type Command, Option } from 'commander';
import { SEVERITY_LEVELS } from '../../core/severity.ts';
import { REPORTER_IDS } from '../../reporters/registry.ts';
import type { CliContext } from '../context.ts';
import { outputCollector, type ScanFlags } from './scan-options.ts';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `secflow scan [PATH]`: the CI gate. */
export function registerScanCommand(program: Command, ctx: CliContext): void {
  const outputs = outputCollector();
  program
    .command('scan')
    .description(
      'scan a directory, lockfile, SBOM or container image and fail the build on what matters',
    )
    .argument(
      '[path]',
      'directory, lockfile or manifest, SBOM (CycloneDX/SPDX JSON), docker-archive/OCI image',
      '.',
    )
    .option('--rootfs <dir>', 'scan an unpacked root filesystem (a VM image, the host /)')
    .option(
      '--platform <os/arch>',
      'platform to pick from a multi-platform image (default: this host)',
    )
    .option('--scanners <list>', 'comma-separated: deps, secrets, config (default: all)')
    .option(
      '-f, --format <format>',
      `report format, repeatable: ${REPORTER_IDS.join(', ')} (default table)`,
      (v) => outputs.format(v),
    )
    .option(
      '-o, --output <file>',
      'write the preceding --format to a file instead of stdout',
      (v) => outputs.output(v),
    )
    .addOption(
      new Option(
        '--fail-on <level>',
        'fail on findings at or above this severity (default critical)',
      ).choices(['none', ...SEVERITY_LEVELS]),
    )
    .option('--fail-on-empty', 'fail when nothing scannable was found')
    .option(
      '--unknown-severity <level>',
      'how findings without severity data count for --fail-on (default medium)',
    )
    .option('--include-dev', 'check development-only dependencies too (default: skipped)')
    .option('--ignore-unfixed', 'waive vulnerabilities that have no fixed version yet')
    .option(
      '--skip <glob>',
      'skip paths matching this glob, repeatable (.gitignore is honoured too)',
      collect,
    )
    .option('--config <file>', 'policy file (default: secflow.yaml in the scanned directory)')
    .option('--vex <file>', 'OpenVEX or CycloneDX VEX document, repeatable', collect)
    .option(
      '--db <path>',
      'advisory database (default: $SECFLOW_DB, else $XDG_CACHE_HOME/secflow/advisories.db)',
    )
    .option(
      '--max-db-age <age>',
      'refuse advisory data older than this (default $SECFLOW_DB_MAX_AGE or 7d)',
    )
    .option('--git-history', 'also scan every line ever added in git history for secrets')
    .option('--secrets-config <file>', 'gitleaks-format TOML rules (.gitleaks.toml)')
    .option('--baseline <file>', 'accepted secret findings that do not fail the build')
    .option('--write-baseline <file>', 'write current secret findings as the accepted baseline')
    .action(async (path: string, flags: ScanFlags) => {
      const { scan } = await import('./scan-run.ts');
      ctx.exitCode = await scan(ctx, flags.rootfs ?? path, flags, outputs.requests);
    });
}
