import type { Node, Scalar } from 'yaml';
import {
  entries,
  entry,
  get,
  items,
  type MapEntry,
  text,
  type YamlFile,
} from '../yaml-positions.ts';

/** Top-level keys that configure the pipeline rather than name a job. */
const GLOBAL_KEYWORDS = new Set([
  'default',
  'include',
  'stages',
  'variables',
  'workflow',
  'image',
  'services',
  'cache',
  'before_script',
  'after_script',
  'spec',
]);

export type IncludeKind = 'local' | 'remote' | 'project' | 'template' | 'component';

/** One `include:` entry. */
export interface Include {
  readonly file: YamlFile;
  readonly kind: IncludeKind;
  /** The path, URL, project or component as written. */
  readonly value: string;
  readonly node: Node;
  /** `ref:` of a project include. */
  readonly ref?: { readonly value: string; readonly node: Node };
  /** `file:` of a project include (one or several). */
  readonly files: readonly string[];
}

/** A job (hidden `.templates` and `default:` included), in the file that defines it. */
export interface Job {
  readonly name: string;
  readonly file: YamlFile;
  readonly keyNode: Scalar;
  readonly node: Node | undefined;
  readonly hidden: boolean;
  /** Names of the jobs it extends, nearest first. */
  readonly extends: readonly string[];
}

/** A pipeline: the entry file, every local file it includes, and their jobs. */
export interface Pipeline {
  readonly root: YamlFile;
  readonly files: readonly YamlFile[];
  readonly includes: readonly Include[];
  /** Every job of every file; `default` appears as a job named `default`. */
  readonly jobs: readonly Job[];
}

const isUrl = (s: string) => /^https?:\/\//i.test(s);

/** Reads the `include:` entries of one file (string, list or mapping forms). */
export function readIncludes(file: YamlFile): Include[] {
  const root = file.doc.contents;
  const includeNode = get(file, root, 'include');
  const list = items(file, includeNode, true);
  const out: Include[] = [];
  for (const item of list) {
    const single = text(file, item);
    if (single !== undefined) {
      out.push({
        file,
        kind: isUrl(single) ? 'remote' : 'local',
        value: single,
        node: item,
        files: [],
      });
      continue;
    }
    for (const kind of ['local', 'remote', 'project', 'template', 'component'] as const) {
      const e = entry(file, item, kind);
      const value = text(file, e?.value);
      if (e === undefined || value === undefined || e.value === undefined) continue;
      const refEntry = entry(file, item, 'ref');
      const refValue = text(file, refEntry?.value);
      const files = items(file, get(file, item, 'file'), true).flatMap((n) => text(file, n) ?? []);
      out.push({
        file,
        kind,
        value,
        node: e.value,
        ...(refValue === undefined || refEntry?.value === undefined
          ? {}
          : { ref: { value: refValue, node: refEntry.value } }),
        files,
      });
      break;
    }
  }
  return out;
}

/** The jobs of one file. */
export function readJobs(file: YamlFile): Job[] {
  const jobs: Job[] = [];
  for (const e of entries(file, file.doc.contents)) {
    const isDefault = e.key === 'default';
    if (!isDefault && GLOBAL_KEYWORDS.has(e.key)) continue;
    if (e.value === undefined || entries(file, e.value).length === 0) continue;
    const ext = get(file, e.value, 'extends');
    jobs.push({
      name: e.key,
      file,
      keyNode: e.keyNode,
      node: e.value,
      hidden: e.key.startsWith('.'),
      extends: items(file, ext, true).flatMap((n) => text(file, n) ?? []),
    });
  }
  return jobs;
}

/** Jobs by name, and the merge request answer, computed once per pipeline. */
interface JobIndex {
  readonly byName: ReadonlyMap<string, Job>;
  mergeRequests?: ReadonlySet<string>;
}

const indexes = new WeakMap<Pipeline, JobIndex>();

function indexOf(pipeline: Pipeline): JobIndex {
  let index = indexes.get(pipeline);
  if (index === undefined) {
    const byName = new Map<string, Job>();
    for (const job of pipeline.jobs) if (!byName.has(job.name)) byName.set(job.name, job);
    index = { byName };
    indexes.set(pipeline, index);
  }
  return index;
}

/** A job's own value for a key, else the first one found along its `extends` chain. */
export function inherited(
  pipeline: Pipeline,
  job: Job,
  key: string,
  seen: Set<string> = new Set(),
): { readonly job: Job; readonly entry: MapEntry } | undefined {
  const own = entry(job.file, job.node, key);
  if (own !== undefined) return { job, entry: own };
  if (seen.has(job.name) || seen.size > 20) return undefined;
  seen.add(job.name);
  for (const parentName of [...job.extends].reverse()) {
    const parent = indexOf(pipeline).byName.get(parentName);
    if (parent === undefined) continue;
    const found = inherited(pipeline, parent, key, seen);
    if (found !== undefined) return found;
  }
  return undefined;
}

function mentionsMergeRequests(file: YamlFile, node: Node | undefined): boolean {
  for (const rule of items(file, node)) {
    const condition = text(file, get(file, rule, 'if')) ?? '';
    const when = text(file, get(file, rule, 'when'));
    if (when !== 'never' && /merge_request_event|CI_MERGE_REQUEST_/.test(condition)) return true;
  }
  return false;
}

/** True when a (non-hidden) job would be created in merge request pipelines. */
function jobRunsOnMergeRequests(pipeline: Pipeline, job: Job): boolean {
  const rules = inherited(pipeline, job, 'rules');
  if (rules !== undefined) return mentionsMergeRequests(rules.job.file, rules.entry.value);
  const only = inherited(pipeline, job, 'only');
  if (only !== undefined) {
    const f = only.job.file;
    const refs = [
      ...items(f, only.entry.value, true),
      ...items(f, get(f, only.entry.value, 'refs')),
    ];
    return refs.some((n) => text(f, n) === 'merge_requests');
  }
  const workflowRules = get(
    pipeline.root,
    get(pipeline.root, pipeline.root.doc.contents, 'workflow'),
    'rules',
  );
  return mentionsMergeRequests(pipeline.root, workflowRules);
}

/**
 * Names of jobs whose scripts can run in a merge request pipeline: jobs that run there
 * themselves and every template they extend, directly or not. One pass over the pipeline.
 */
function mergeRequestJobs(pipeline: Pipeline): ReadonlySet<string> {
  const index = indexOf(pipeline);
  if (index.mergeRequests !== undefined) return index.mergeRequests;
  const marked = new Set<string>();
  for (const job of pipeline.jobs) {
    if (job.hidden || !jobRunsOnMergeRequests(pipeline, job)) continue;
    const stack = [job.name];
    for (let name = stack.pop(); name !== undefined; name = stack.pop()) {
      if (marked.has(name)) continue;
      marked.add(name);
      stack.push(...(index.byName.get(name)?.extends ?? []));
    }
  }
  index.mergeRequests = marked;
  return marked;
}

/**
 * True when the job's scripts can run in a merge request pipeline: the job itself, or any job
 * extending it (for templates), or any job at all (for `default:`).
 */
export function runsOnMergeRequests(pipeline: Pipeline, job: Job): boolean {
  const marked = mergeRequestJobs(pipeline);
  return job.name === 'default' ? marked.size > 0 : marked.has(job.name);
}

/** A script line: its scalar node and text. */
export interface ScriptLine {
  readonly file: YamlFile;
  readonly node: Node;
  readonly text: string;
  readonly key: string;
}

/** Lines of `before_script`, `script` and `after_script` (nested lists flattened). */
export function scriptLines(job: Job): ScriptLine[] {
  const lines: ScriptLine[] = [];
  const visit = (node: Node | undefined, key: string, depth: number) => {
    const t = text(job.file, node);
    if (t !== undefined && node !== undefined) {
      lines.push({ file: job.file, node, text: t, key });
      return;
    }
    if (depth < 5) for (const item of items(job.file, node)) visit(item, key, depth + 1);
  };
  for (const key of ['before_script', 'script', 'after_script'])
    visit(get(job.file, job.node, key), key, 0);
  return lines;
}

/** The top-level `before_script`/`after_script` of a file, as a pseudo-job. */
export function globalScriptJob(file: YamlFile): Job | undefined {
  const root = file.doc.contents;
  const key = entry(file, root, 'before_script') ?? entry(file, root, 'after_script');
  if (key === undefined) return undefined;
  return {
    name: 'default',
    file,
    keyNode: key.keyNode,
    node: root ?? undefined,
    hidden: false,
    extends: [],
  };
}
