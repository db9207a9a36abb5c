import { posix } from 'node:path';
import picomatch from 'picomatch';
import type { ScanWarning } from '../../../core/report.ts';
import type { ReadResult } from '../read-config-file.ts';
import { parseYaml, type YamlFile } from '../yaml-positions.ts';
import { type Include, type Job, type Pipeline, readIncludes, readJobs } from './pipeline.ts';

/** GitLab's own limit on included files per pipeline. */
export const MAX_INCLUDED_FILES = 150;

/** Access to the repository for `include: local:`. */
export interface IncludeSource {
  /** Every file of the repository, root-relative with forward slashes (for wildcards). */
  readonly paths: readonly string[];
  read(path: string): Promise<ReadResult>;
}

/** A local include's path, root-relative, or undefined when it leaves the root. */
function resolveLocal(value: string): string | undefined {
  const normal = posix.normalize(value.replace(/^\/+/, ''));
  return normal.startsWith('../') || normal === '..' || posix.isAbsolute(normal)
    ? undefined
    : normal;
}

/**
 * Loads a pipeline from its entry file: follows `include: local:` (wildcards too) inside the
 * repository, depth first. Cycles, escapes from the root, missing or malformed files become
 * warnings naming the file; loading goes on with what could be read.
 */
export async function loadPipeline(
  root: YamlFile,
  source: IncludeSource,
  onWarning: (w: ScanWarning) => void,
): Promise<Pipeline> {
  const files: YamlFile[] = [root];
  const includes: Include[] = [];
  const jobs: Job[] = [];
  const loaded = new Set<string>([root.path]);

  const visit = async (file: YamlFile, chain: readonly string[]): Promise<void> => {
    jobs.push(...readJobs(file));
    for (const include of readIncludes(file)) {
      includes.push(include);
      if (include.kind !== 'local' || include.value.includes('$')) continue;
      const target = resolveLocal(include.value);
      if (target === undefined) {
        onWarning({
          path: file.path,
          code: 'include-outside-root',
          message: `include "${include.value}" points outside the scanned directory; not followed`,
        });
        continue;
      }
      const matches = /[*?[]/.test(target) ? picomatch(target, { dot: true }) : undefined;
      const targets =
        matches === undefined ? [target] : source.paths.filter((p) => matches(p)).sort();
      for (const path of targets) {
        if (chain.includes(path)) {
          onWarning({
            path: file.path,
            code: 'include-cycle',
            message: `include cycle: ${[...chain.slice(chain.indexOf(path)), path].join(' → ')}; not followed again`,
          });
          continue;
        }
        if (loaded.has(path)) continue;
        if (loaded.size >= MAX_INCLUDED_FILES) {
          onWarning({
            path: file.path,
            code: 'too-many-includes',
            message: `more than ${MAX_INCLUDED_FILES} included files; "${path}" and later ones not followed`,
          });
          return;
        }
        loaded.add(path);
        const read = await source.read(path);
        if (!read.ok) {
          onWarning({
            path,
            code: read.code,
            message: `included from ${file.path}: ${read.message}`,
          });
          continue;
        }
        const parsed = parseYaml(path, read.text);
        if (!parsed.ok) {
          if (parsed.code !== 'empty')
            onWarning({
              path,
              code: parsed.code,
              message: `included from ${file.path}: ${parsed.message}`,
            });
          continue;
        }
        files.push(parsed.file);
        await visit(parsed.file, [...chain, path]);
      }
    }
  };
  await visit(root, [root.path]);
  return { root, files, includes, jobs };
}
