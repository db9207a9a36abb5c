import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { ScannerContext } from '../scanner.ts';
import { walkFiles } from '../walk.ts';
import { type ConfigKind, classifyConfigPath } from './classify.ts';

/** A file the config scanner reads. */
export interface Candidate {
  readonly path: string;
  readonly absolutePath: string;
  readonly size: number;
  readonly kind: ConfigKind;
}

export interface CandidateSet {
  /** Directory relative paths resolve against (the file's folder when one file is scanned). */
  readonly root: string;
  readonly candidates: readonly Candidate[];
  /** Every file walked, for GitLab's wildcard includes. */
  readonly allPaths: readonly string[];
}

/** Walks the target (or takes the single file) and keeps pipeline and build definitions. */
export async function collectCandidates(ctx: ScannerContext): Promise<CandidateSet> {
  const info = await stat(ctx.root);
  if (info.isFile()) {
    const path = basename(ctx.root);
    const kind = classifyConfigPath(path);
    return {
      root: dirname(ctx.root),
      candidates:
        kind === undefined ? [] : [{ path, absolutePath: ctx.root, size: info.size, kind }],
      allPaths: [path],
    };
  }
  const candidates: Candidate[] = [];
  const allPaths: string[] = [];
  const entries = walkFiles(ctx.root, {
    ...ctx.walk,
    onWarning: ctx.onWarning,
    ...(ctx.signal === undefined ? {} : { signal: ctx.signal }),
  });
  for await (const entry of entries) {
    allPaths.push(entry.path);
    const kind = classifyConfigPath(entry.path);
    if (kind !== undefined) candidates.push({ ...entry, kind });
  }
  return { root: ctx.root, candidates, allPaths };
}
