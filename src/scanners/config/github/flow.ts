import type { Node } from 'yaml';
import { type MapEntry, sourceOf, text } from '../yaml-positions.ts';
import {
  envName,
  inputName,
  isUntrustedContext,
  needsOutputKey,
  PRIVILEGED_TRIGGERS,
  stepOutputKey,
} from './contexts.ts';
import { findExpressions, reachingContexts } from './expressions.ts';
import {
  type CommandFile,
  commandFileWrites,
  readsFileOrCommand,
  type ScriptLine,
  shellVariables,
  splitLines,
} from './run-script.ts';
import { repoKey } from './uses.ts';
import type { GitHubFile, Job, Step } from './workflow.ts';

/** Where untrusted text comes from: a context path, possibly through env or outputs. */
export interface Taint {
  /** `github.event.issue.title`, `env.TITLE ← github.event.issue.title`, `downloaded artifact content`. */
  readonly source: string;
  /** `input`: a workflow or action input, only as trustworthy as whoever passes it. */
  readonly level: 'untrusted' | 'input';
}

/** A `${{ … }}` in a script (run or github-script) with the untrusted data reaching it. */
export interface InjectionSite {
  readonly job: Job;
  readonly step: Step;
  readonly sink: 'run' | 'script';
  /** File offsets of the whole `${{ … }}`. */
  readonly start: number;
  readonly end: number;
  readonly expression: string;
  readonly taints: readonly Taint[];
}

/** A write of untrusted data into GITHUB_ENV, GITHUB_PATH or GITHUB_OUTPUT. */
export interface CommandFileSite {
  readonly job: Job;
  readonly step: Step;
  readonly file: CommandFile;
  readonly line: ScriptLine;
  readonly name?: string;
  readonly taints: readonly Taint[];
}

export interface WorkflowFlow {
  readonly injections: readonly InjectionSite[];
  readonly commandFileWrites: readonly CommandFileSite[];
}

/** Names to taints; looked up exactly, then case-insensitively (contexts ignore case). */
class TaintTable {
  private readonly exact = new Map<string, readonly Taint[]>();
  private readonly lower = new Map<string, readonly Taint[]>();

  set(name: string, taints: readonly Taint[]): void {
    this.exact.set(name, taints);
    this.lower.set(name.toLowerCase(), taints);
  }

  get(name: string): readonly Taint[] | undefined {
    return this.exact.get(name) ?? this.lower.get(name.toLowerCase());
  }

  get size(): number {
    return this.exact.size;
  }

  entries(): IterableIterator<[string, readonly Taint[]]> {
    return this.exact.entries();
  }
}

/** Environment layers, innermost first: step `env:`, GITHUB_ENV writes, job, workflow. */
type EnvScope = readonly TaintTable[];

function lookupEnv(env: EnvScope, name: string): readonly Taint[] {
  for (const layer of env) {
    const taints = layer.get(name);
    if (taints !== undefined) return taints;
  }
  return [];
}

/** Names visible at one point of a job. */
interface Scope {
  readonly env: EnvScope;
  readonly stepOutputs: TaintTable;
  readonly jobOutputs: TaintTable;
}

const ARTIFACT_DOWNLOADERS = new Set([
  'actions/download-artifact',
  'dawidd6/action-download-artifact',
]);
/** Rounds of job-output propagation through `needs`; real chains are a few jobs long. */
const MAX_ROUNDS = 16;

function via(name: string, taints: readonly Taint[]): Taint[] {
  return taints.map((t) => ({ source: `${name} ← ${t.source}`, level: t.level }));
}

function dedupe(taints: readonly Taint[]): Taint[] {
  const seen = new Map<string, Taint>();
  for (const t of taints) if (!seen.has(t.source)) seen.set(t.source, t);
  return [...seen.values()];
}

class FlowAnalysis {
  readonly injections: InjectionSite[] = [];
  readonly writes: CommandFileSite[] = [];
  private readonly gh: GitHubFile;
  private readonly privileged: boolean;

  constructor(gh: GitHubFile) {
    this.gh = gh;
    this.privileged = [...gh.triggers.keys()].some((t) => PRIVILEGED_TRIGGERS.has(t));
  }

  /** Taints of one context path in a scope. */
  private classify(path: string, scope: Scope): readonly Taint[] {
    if (isUntrustedContext(path)) return [{ source: path, level: 'untrusted' }];
    const input = inputName(path);
    if (input !== undefined) {
      const type = this.gh.inputs.get(input);
      return type === undefined || type === 'string' ? [{ source: path, level: 'input' }] : [];
    }
    const env = envName(path);
    if (env !== undefined) return via(`env.${env}`, lookupEnv(scope.env, env));
    const step = stepOutputKey(path);
    if (step !== undefined) return via(path, scope.stepOutputs.get(step) ?? []);
    const needs = needsOutputKey(path);
    if (needs !== undefined) return via(path, scope.jobOutputs.get(needs) ?? []);
    return [];
  }

  expressionTaints(body: string, scope: Scope): Taint[] {
    return dedupe(reachingContexts(body).flatMap((p) => this.classify(p, scope)));
  }

  private valueTaints(node: Node | undefined, scope: Scope): Taint[] {
    const value = text(this.gh.file, node);
    if (value === undefined) return [];
    return dedupe(findExpressions(value).flatMap((e) => this.expressionTaints(e.body, scope)));
  }

  /** A layer for `env:` entries, each evaluated in the enclosing scope. */
  envLayer(entries: readonly MapEntry[], scope: Scope): TaintTable {
    const layer = new TaintTable();
    for (const e of entries) layer.set(e.key, this.valueTaints(e.value, scope));
    return layer;
  }

  /** Runs one job's steps in order; returns the taints of the job's outputs. */
  job(job: Job, workflowEnv: TaintTable, jobOutputs: TaintTable, record: boolean): TaintTable {
    const stepOutputs = new TaintTable();
    const jobEnv = this.envLayer(job.env, { env: [workflowEnv], stepOutputs, jobOutputs });
    const dynamicEnv = new TaintTable();
    const outer: EnvScope = [dynamicEnv, jobEnv, workflowEnv];
    let downloaded = false;
    for (const step of job.steps) {
      const stepEnv = this.envLayer(step.env, { env: outer, stepOutputs, jobOutputs });
      const scope: Scope = { env: [stepEnv, ...outer], stepOutputs, jobOutputs };
      const uses = step.uses?.ref;
      const action = uses?.kind === 'repo' ? repoKey(uses) : undefined;
      const state = { record, downloaded, dynamicEnv };
      if (step.run !== undefined) {
        this.script(job, step, step.run, 'run', scope, state);
        if (/\bgh\s+run\s+download\b/.test(text(this.gh.file, step.run) ?? '')) downloaded = true;
      }
      if (action === 'actions/github-script') {
        const script = step.with.find((w) => w.key === 'script')?.value;
        if (script !== undefined) this.script(job, step, script, 'script', scope, state);
        if (/downloadArtifact/.test(text(this.gh.file, script) ?? '')) downloaded = true;
      }
      if (action !== undefined && ARTIFACT_DOWNLOADERS.has(action)) downloaded = true;
    }
    const finalScope: Scope = { env: [jobEnv, workflowEnv], stepOutputs, jobOutputs };
    const outputs = new TaintTable();
    for (const o of job.outputs) {
      const taints = this.valueTaints(o.value, finalScope);
      if (taints.length > 0) outputs.set(`${job.id}.${o.key}`, taints);
    }
    return outputs;
  }

  private script(
    job: Job,
    step: Step,
    node: Node,
    sink: 'run' | 'script',
    scope: Scope,
    state: {
      readonly record: boolean;
      readonly downloaded: boolean;
      readonly dynamicEnv: TaintTable;
    },
  ): void {
    const { raw, offset } = sourceOf(this.gh.file, node);
    const expressions = findExpressions(raw).map((e) => ({
      ...e,
      taints: this.expressionTaints(e.body, scope),
    }));
    if (state.record) {
      for (const e of expressions) {
        if (e.taints.length === 0) continue;
        this.injections.push({
          job,
          step,
          sink,
          start: offset + e.start,
          end: offset + e.end,
          expression: raw.slice(e.start, e.end),
          taints: e.taints,
        });
      }
    }
    if (sink !== 'run') return;
    for (const write of commandFileWrites(splitLines(raw, offset))) {
      const taints: Taint[] = [];
      for (const line of write.content) {
        const from = line.offset - offset;
        const to = from + line.text.length;
        for (const e of expressions) if (e.start >= from && e.end <= to) taints.push(...e.taints);
        for (const name of shellVariables(line.text))
          taints.push(...via(`$${name}`, lookupEnv(scope.env, name)));
        if (state.downloaded && this.privileged && readsFileOrCommand(line.text))
          taints.push({ source: 'downloaded artifact content', level: 'untrusted' });
      }
      const unique = dedupe(taints);
      if (unique.length === 0) continue;
      if (state.record)
        this.writes.push({
          job,
          step,
          file: write.file,
          line: write.line,
          ...(write.name === undefined ? {} : { name: write.name }),
          taints: unique,
        });
      if (write.name === undefined) continue;
      if (write.file === 'GITHUB_ENV') state.dynamicEnv.set(write.name, unique);
      if (write.file === 'GITHUB_OUTPUT' && step.id !== undefined)
        scope.stepOutputs.set(`${step.id}.${write.name}`, unique);
    }
  }
}

const cache = new WeakMap<GitHubFile, WorkflowFlow>();

/**
 * Follows untrusted data through a workflow: contexts into `env:`, env into shell variables,
 * command-file writes into later steps' env and outputs, step outputs into job outputs and
 * `needs.*`. Job outputs are iterated to a fixed point, so job order does not matter.
 */
export function analyzeFlow(gh: GitHubFile): WorkflowFlow {
  const cached = cache.get(gh);
  if (cached !== undefined) return cached;
  const analysis = new FlowAnalysis(gh);
  const none = new TaintTable();
  const workflowEnv = analysis.envLayer(gh.env, { env: [], stepOutputs: none, jobOutputs: none });
  let jobOutputs = new TaintTable();
  for (let round = 0; round < Math.min(MAX_ROUNDS, gh.jobs.length + 1); round++) {
    const next = new TaintTable();
    for (const job of gh.jobs)
      for (const [k, v] of analysis.job(job, workflowEnv, jobOutputs, false).entries())
        next.set(k, v);
    const stable = next.size === jobOutputs.size;
    jobOutputs = next;
    if (stable) break;
  }
  for (const job of gh.jobs) analysis.job(job, workflowEnv, jobOutputs, true);
  const flow = { injections: analysis.injections, commandFileWrites: analysis.writes };
  cache.set(gh, flow);
  return flow;
}
