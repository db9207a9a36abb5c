import type { Command } from 'commander';
import type { CliContext } from '../context.ts';

/** The implementations load on first use, so `secflow --help` stays fast. */
const actions = () => import('./db-actions.ts');

const DB_OPTION = [
  '--db <path>',
  'database file (default: $SECFLOW_DB, else $XDG_CACHE_HOME/secflow/advisories.db)',
] as const;

/** `secflow db update|status|show|search`: the offline OSV advisory database. */
export function registerDbCommand(program: Command, ctx: CliContext): void {
  const db = program.command('db').description('manage the offline OSV advisory database');

  db.command('update')
    .description('import OSV advisories: only what changed since the last update, all or nothing')
    .option(
      '--source <url|path>',
      'osv.dev layout URL (default: osv.dev), a directory in that layout, a .zip, or a folder of .json files',
    )
    .option('--ecosystem <name...>', 'only these ecosystems (repeatable, or comma-separated)')
    .option(...DB_OPTION)
    .action(async (options: { source?: string; ecosystem?: string[]; db?: string }) => {
      ctx.exitCode = await (await actions()).update(ctx, options);
    });

  db.command('status')
    .description('records, last update and source per ecosystem; warns when data is too old')
    .option(
      '--max-age <age>',
      'warn when older than this (e.g. 36h, 7d; default $SECFLOW_DB_MAX_AGE or 7d)',
    )
    .option('--json', 'machine-readable output')
    .option(...DB_OPTION)
    .action(async (options: { maxAge?: string; json?: boolean; db?: string }) =>
      (await actions()).status(ctx, options),
    );

  db.command('show')
    .description('one advisory by id or alias (CVE, GHSA, PYSEC…), withdrawn ones included')
    .argument('<id>', 'advisory id or alias')
    .option('--json', 'the record exactly as published')
    .option(...DB_OPTION)
    .action(async (id: string, options: { json?: boolean; db?: string }) => {
      ctx.exitCode = (await actions()).show(ctx, id, options);
    });

  db.command('search')
    .description(
      'advisories affecting a package: pkg:pypi/django, PyPI/django, Debian:11/xorg-server',
    )
    .argument('<package>', 'a purl or <ecosystem>/<name>')
    .option('--withdrawn', 'include withdrawn advisories')
    .option('--json', 'the records as a JSON array')
    .option(...DB_OPTION)
    .action(async (query: string, options: { withdrawn?: boolean; json?: boolean; db?: string }) =>
      (await actions()).search(ctx, query, options),
    );
}
