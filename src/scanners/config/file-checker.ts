import { join } from 'node:path';
import type { MisconfigurationFinding } from '../../core/finding.ts';
import type { ScanWarning } from '../../core/report.ts';
import type { Candidate, CandidateSet } from './candidates.ts';
import type { Check, CheckHit } from './checks/types.ts';
import type { DockerfileModel } from './dockerfile/model.ts';
import { dockerfileModel } from './dockerfile/model.ts';
import { parseDockerfile } from './dockerfile/parser.ts';
import { toFindings } from './findings.ts';
import { type GitHubFile, isActionMetadata, readAction, readWorkflow } from './github/workflow.ts';
import { loadPipeline } from './gitlab/load.ts';
import type { Pipeline } from './gitlab/pipeline.ts';
import { readConfigFile } from './read-config-file.ts';
import { isMapping, parseYaml } from './yaml-positions.ts';

/** Findings of one check in one file beyond which a generated or hostile file is cut short. */
export const MAX_FINDINGS_PER_CHECK = 500;

export interface EnabledChecks {
  readonly github: readonly Check<GitHubFile>[];
  readonly gitlab: readonly Check<Pipeline>[];
  readonly dockerfile: readonly Check<DockerfileModel>[];
}

/**
 * Reads, parses and checks candidate files one at a time, collecting findings and warnings.
 * Keeps each file's lines for inline allow comments, and warns once per distinct problem
 * (a file included by two pipelines is seen twice).
 */
export class FileChecker {
  readonly findings: MisconfigurationFinding[] = [];
  private readonly texts = new Map<string, string[]>();
  private readonly warned = new Set<string>();
  private readonly checks: EnabledChecks;
  private readonly set: CandidateSet;
  private readonly onWarning: (w: ScanWarning) => void;
  private readonly docsBaseUrl: string | undefined;

  constructor(
    checks: EnabledChecks,
    set: CandidateSet,
    onWarning: (w: ScanWarning) => void,
    docsBaseUrl?: string,
  ) {
    this.checks = checks;
    this.set = set;
    this.onWarning = onWarning;
    this.docsBaseUrl = docsBaseUrl;
  }

  readonly warn = (w: ScanWarning): void => {
    const key = `${w.path}\u0000${w.code}\u0000${w.message}`;
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.onWarning(w);
  };

  async check(c: Candidate): Promise<void> {
    const result = await readConfigFile(c.absolutePath, c.size);
    if (!result.ok) {
      this.warn({ path: c.path, code: result.code, message: result.message });
      return;
    }
    this.texts.set(c.path, result.text.split(/\r?\n/));
    if (c.kind === 'dockerfile') this.dockerfile(c.path, result.text);
    else await this.yaml(c, result.text);
  }

  private dockerfile(path: string, text: string): void {
    const df = parseDockerfile(text);
    const problem = df.problems[0];
    const where = problem === undefined ? '' : `line ${problem.line}: ${problem.message}`;
    if (!df.instructions.some((i) => i.keyword === 'FROM')) {
      const detail = where === '' ? '' : ` (${where})`;
      this.warn({
        path,
        code: 'parse-error',
        message: `not a Dockerfile: no FROM instruction${detail}`,
      });
      return;
    }
    if (problem !== undefined) {
      const more = df.problems.length > 1 ? ` (and ${df.problems.length - 1} more)` : '';
      this.warn({
        path,
        code: 'parse-error',
        message: `${where}${more}; other instructions checked`,
      });
    }
    const oversized = df.instructions.find((i) => i.oversized);
    if (oversized !== undefined)
      this.warn({
        path,
        code: 'too-long',
        message: `instruction at line ${oversized.line} is longer than 64 KiB; its content is not checked`,
      });
    this.run(this.checks.dockerfile, dockerfileModel(path, df), path);
  }

  private async yaml(c: Candidate, text: string): Promise<void> {
    const parsed = parseYaml(c.path, text);
    if (!parsed.ok) {
      if (parsed.code !== 'empty')
        this.warn({ path: c.path, code: parsed.code, message: parsed.message });
      return;
    }
    const file = parsed.file;
    if (!isMapping(file, file.doc.contents)) {
      // Other tools use the name action.yml too; only workflows and pipelines must be mappings.
      if (c.kind !== 'github-action')
        this.warn({
          path: c.path,
          code: 'parse-error',
          message: 'top level is not a mapping; not checked',
        });
      return;
    }
    if (c.kind === 'github-workflow') this.run(this.checks.github, readWorkflow(file), c.path);
    else if (c.kind === 'github-action') {
      if (isActionMetadata(file)) this.run(this.checks.github, readAction(file), c.path);
    } else {
      const source = {
        paths: this.set.allPaths,
        read: async (path: string) => {
          const result = await readConfigFile(join(this.set.root, path));
          if (result.ok) this.texts.set(path, result.text.split(/\r?\n/));
          return result;
        },
      };
      this.run(this.checks.gitlab, await loadPipeline(file, source, this.warn), c.path);
    }
  }

  private run<M>(checks: readonly Check<M>[], model: M, path: string): void {
    const source = {
      path,
      linesOf: (p: string) => this.texts.get(p) ?? [],
      ...(this.docsBaseUrl === undefined ? {} : { docsBaseUrl: this.docsBaseUrl }),
    };
    for (const check of checks) {
      const hits = this.cap(check.meta.id, check.detect(model), path);
      this.findings.push(...toFindings(check.meta, hits, source));
    }
  }

  private cap(id: string, hits: readonly CheckHit[], defaultPath: string): CheckHit[] {
    const perPath = new Map<string, number>();
    const kept: CheckHit[] = [];
    for (const hit of hits) {
      const path = hit.path ?? defaultPath;
      const n = (perPath.get(path) ?? 0) + 1;
      perPath.set(path, n);
      if (n <= MAX_FINDINGS_PER_CHECK) kept.push(hit);
    }
    for (const [path, count] of perPath) {
      if (count <= MAX_FINDINGS_PER_CHECK) continue;
      this.warn({
        path,
        code: 'too-many-findings',
        message: `${count} ${id} findings; only the first ${MAX_FINDINGS_PER_CHECK} are reported`,
      });
    }
    return kept;
  }
}
