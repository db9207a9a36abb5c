/** The work behind `secflow db …`; loaded on demand by db.ts. */
import { describeRecord } from '../../advisories/describe.ts';
import type { FolderSummary, UpdateSummary } from '../../advisories/import.ts';
import { updateAdvisoryDb } from '../../advisories/import.ts';
import { formatBytes } from '../../advisories/limits.ts';
import { detectSource } from '../../advisories/sources/detect.ts';
import { SecflowError } from '../../core/errors.ts';
import { type AdvisoryDb, openAdvisoryDb } from '../../store/advisory-db.ts';
import {
  formatAge,
  formatAgo,
  maxAgeSetting,
  parseMaxAge,
  staleFolders,
} from '../../store/freshness.ts';
import { advisoryDbPath } from '../../store/location.ts';
import type { CliContext } from '../context.ts';
import { ExitCode } from '../exit-codes.ts';
import { colors } from '../output.ts';
import { parsePackageQuery } from '../package-query.ts';
import { progressFor } from '../progress.ts';

/** Skip messages per folder before the rest is only counted. */
const MAX_SKIP_LINES = 20;

function dbPath(ctx: CliContext, flag: string | undefined): string {
  return advisoryDbPath({ flag, env: ctx.env, cwd: ctx.cwd });
}

function withDb<T>(ctx: CliContext, flag: string | undefined, work: (db: AdvisoryDb) => T): T {
  const db = openAdvisoryDb(dbPath(ctx, flag), { readonly: true });
  try {
    return work(db);
  } finally {
    db.close();
  }
}

export async function update(
  ctx: CliContext,
  options: { source?: string; ecosystem?: string[]; db?: string },
): Promise<number> {
  const path = dbPath(ctx, options.db);
  const source = await detectSource(options.source, { cwd: ctx.cwd });
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  let summary: UpdateSummary;
  try {
    summary = await updateAdvisoryDb(path, source, {
      ...(options.ecosystem === undefined ? {} : { ecosystems: options.ecosystem }),
      progress: progressFor(ctx.output, 'records'),
      signal: controller.signal,
    });
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
  }
  reportUpdate(ctx, summary);
  return summary.folders.some((f) => f.outcome === 'failed') ? ExitCode.internal : ExitCode.ok;
}

function reportUpdate(ctx: CliContext, summary: UpdateSummary): void {
  const { out, err } = ctx.output;
  const c = colors(ctx.output);
  for (const folder of summary.ignored)
    err.write(
      `secflow: note: ${folder}/ in ${summary.source} has no all.zip and was not imported ` +
        '(point --source at it to import its .json files)\n',
    );
  for (const folder of summary.folders) {
    for (const skip of folder.newlySkipped.slice(0, MAX_SKIP_LINES))
      err.write(
        `secflow: skipped ${skip.location}${skip.id === undefined ? '' : ` (${skip.id})`}: ${skip.reason}: ${skip.detail}\n`,
      );
    if (folder.newlySkipped.length > MAX_SKIP_LINES)
      err.write(
        `secflow: … and ${folder.newlySkipped.length - MAX_SKIP_LINES} more skipped in ${folder.folder}\n`,
      );
    if (folder.error !== undefined) {
      err.write(`secflow: ${c.red(`${folder.folder} failed`)}: ${folder.error.message}\n`);
      if (folder.error.hint !== undefined) err.write(`  ${folder.error.hint}\n`);
    }
  }
  for (const removed of summary.removedFolders)
    err.write(
      `secflow: ${removed.folder} is no longer in ${summary.source}: removed its ${removed.records} records\n`,
    );

  const rows = summary.folders.map((f) => [
    f.folder,
    String(f.imported),
    String(f.updated),
    String(f.unchanged),
    String(f.removed),
    String(f.skipped.length),
    folderNote(f),
  ]);
  const total = (key: 'imported' | 'updated' | 'unchanged' | 'removed') =>
    String(summary.folders.reduce((sum, f) => sum + f[key], 0));
  const skippedTotal = String(summary.folders.reduce((sum, f) => sum + f.skipped.length, 0));
  rows.push([
    'Total',
    total('imported'),
    total('updated'),
    total('unchanged'),
    total('removed'),
    skippedTotal,
    '',
  ]);
  out.write(
    `${c.bold('Updated')} ${summary.path} from ${summary.source} in ${summary.seconds.toFixed(1)}s\n`,
  );
  out.write(
    table(['Ecosystem', 'Imported', 'Updated', 'Unchanged', 'Removed', 'Skipped', ''], rows, [
      false,
      true,
      true,
      true,
      true,
      true,
      false,
    ]),
  );
}

function folderNote(folder: FolderSummary): string {
  const notes: string[] = [];
  if (folder.outcome === 'failed') notes.push('failed, previous records kept');
  if (folder.outcome === 'not-published') notes.push('not published by the source');
  if (folder.outcome === 'unchanged') notes.push('unchanged (modified_id.csv)');
  const reasons = new Map<string, number>();
  for (const skip of folder.skipped) reasons.set(skip.reason, (reasons.get(skip.reason) ?? 0) + 1);
  for (const [reason, count] of reasons) notes.push(`${count} ${reason}`);
  if (folder.noPlugin > 0)
    notes.push(`${folder.noPlugin} stored for ecosystems without a secflow plugin`);
  return notes.join('; ');
}

export function status(
  ctx: CliContext,
  options: { maxAge?: string; json?: boolean; db?: string },
): void {
  const maxAge = maxAgeSetting(options.maxAge, ctx.env);
  const maxAgeMs = parseMaxAge(maxAge);
  const now = new Date();
  withDb(ctx, options.db, (db) => {
    const folders = db.status();
    const meta = db.meta();
    const stale = staleFolders(db, maxAgeMs, now);
    const { out, err } = ctx.output;
    if (options.json) {
      out.write(
        `${JSON.stringify({ ...meta, maxAge, stale: stale.map((f) => f.folder), folders }, null, 2)}\n`,
      );
    } else {
      const c = colors(ctx.output);
      out.write(
        `${c.bold('Advisory database')} ${meta.path} (${formatBytes(meta.sizeBytes)}, ${meta.records} records)\n`,
      );
      const rows = folders.map((f) => [
        f.folder,
        String(f.records),
        String(f.withdrawn),
        String(f.skipped),
        `${f.updatedAt.toISOString().slice(0, 16).replace('T', ' ')} (${formatAgo(now.getTime() - f.updatedAt.getTime())})`,
        f.source,
        f.hasPlugin ? '' : 'no secflow plugin',
      ]);
      out.write(
        table(
          ['Ecosystem', 'Records', 'Withdrawn', 'Skipped', 'Last update (UTC)', 'Source', ''],
          rows,
          [false, true, true, true, false, false, false],
        ),
      );
    }
    if (folders.length === 0)
      err.write('secflow: warning: the database holds no ecosystems; run `secflow db update`\n');
    if (stale.length > 0) {
      const oldest = Math.max(...stale.map((f) => now.getTime() - f.updatedAt.getTime()));
      err.write(
        `secflow: warning: advisory data for ${stale.map((f) => f.folder).join(', ')} is up to ` +
          `${formatAge(oldest)} old (maximum ${maxAge}); run \`secflow db update\`\n`,
      );
    }
  });
}

export function show(
  ctx: CliContext,
  id: string,
  options: { json?: boolean; db?: string },
): number {
  return withDb(ctx, options.db, (db) => {
    const found = db.lookupStored(id);
    if (found.length === 0)
      throw new SecflowError('input', `no advisory with id or alias ${id} in ${db.path}`, {
        hint: 'check the id, or run `secflow db update` for newer data',
      });
    const { out } = ctx.output;
    if (options.json) {
      const texts = found.map((r) => r.text.trim());
      out.write(`${texts.length === 1 ? texts[0] : `[\n${texts.join(',\n')}\n]`}\n`);
      return ExitCode.ok;
    }
    const c = colors(ctx.output);
    const blocks = found.map((r) => describeRecord(r.record, r.folder, c).join('\n'));
    out.write(`${blocks.join('\n\n')}\n`);
    return ExitCode.ok;
  });
}

export function search(
  ctx: CliContext,
  text: string,
  options: { withdrawn?: boolean; json?: boolean; db?: string },
): void {
  const query = parsePackageQuery(text);
  withDb(ctx, options.db, (db) => {
    const found = db
      .packageRecords(query.ecosystem, query.name, { withdrawn: options.withdrawn === true })
      .sort((a, b) => (b.record.published ?? '').localeCompare(a.record.published ?? ''));
    const { out } = ctx.output;
    if (options.json) {
      out.write(`[\n${found.map((r) => r.text.trim()).join(',\n')}\n]\n`);
      return;
    }
    const label = `${query.ecosystem}/${query.name}`;
    if (found.length === 0) {
      out.write(`No advisories for ${label}.\n`);
      return;
    }
    const c = colors(ctx.output);
    out.write(`${c.bold(String(found.length))} advisories for ${label}\n`);
    const rows = found.map(({ record }) => [
      record.id,
      (record.published ?? record.modified).slice(0, 10),
      (record.aliases ?? []).slice(0, 3).join(', '),
      `${record.withdrawn === undefined ? '' : 'WITHDRAWN '}${record.summary ?? ''}`.slice(0, 80),
    ]);
    out.write(table(['Id', 'Published', 'Aliases', 'Summary'], rows, [false, false, false, false]));
  });
}

/** Left/right-aligned columns with two spaces between; trailing blanks trimmed. */
function table(header: string[], rows: string[][], right: boolean[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((row) => (row[i] ?? '').length)));
  return all
    .map((row) =>
      row
        .map((cell, i) => (right[i] ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join('');
}
