import type { Command } from 'commander';
import type { CliContext } from '../context.ts';

/** `secflow explain <package> <advisory>`: every range, event and comparison behind a verdict. */
export function registerExplainCommand(program: Command, ctx: CliContext): void {
  program
    .command('explain')
    .description('show how an advisory is evaluated against a package version, step by step')
    .argument(
      '<package>',
      'a purl with version (pkg:npm/lodash@4.17.15) or <ecosystem>/<name>@<version>',
    )
    .argument('<advisory>', 'advisory id or alias (GHSA-…, CVE-…, PYSEC-…)')
    .option(
      '--db <path>',
      'database file (default: $SECFLOW_DB, else $XDG_CACHE_HOME/secflow/advisories.db)',
    )
    .option('--json', 'the evaluation trace as JSON')
    .action(async (pkgText: string, advisory: string, options: { db?: string; json?: boolean }) => {
      const { explain } = await import('./explain-run.ts');
      explain(ctx, pkgText, advisory, options);
    });
}
