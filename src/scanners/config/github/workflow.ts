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
import { type ActionRef, parseUses } from './uses.ts';

/** A `uses:` with its node, parsed ref and any `# v1.2.3` comment written after it. */
export interface UsesRef {
  readonly node: Node;
  readonly ref: ActionRef;
  readonly comment?: string;
}

export interface Step {
  readonly index: number;
  /** Stable name for fingerprints: the step id, else its name, else the action, else #index. */
  readonly anchor: string;
  readonly node: Node;
  readonly id?: string;
  readonly uses?: UsesRef;
  readonly run?: Node;
  readonly with: readonly MapEntry[];
  readonly env: readonly MapEntry[];
}

export interface Job {
  readonly id: string;
  readonly anchor: string;
  readonly keyNode: Scalar;
  readonly node: Node | undefined;
  readonly permissions?: MapEntry;
  readonly runsOn?: Node;
  /** A reusable workflow call. */
  readonly uses?: UsesRef;
  readonly secrets?: MapEntry;
  readonly env: readonly MapEntry[];
  readonly outputs: readonly MapEntry[];
  readonly steps: readonly Step[];
}

/** A workflow (`.github/workflows/*.yml`) or an action metadata file (`action.yml`). */
export interface GitHubFile {
  readonly file: YamlFile;
  readonly kind: 'workflow' | 'action';
  /** Event name → its configuration node (undefined for `on: push` or `on: [push]`). */
  readonly triggers: ReadonlyMap<string, Node | undefined>;
  readonly permissions?: MapEntry;
  readonly env: readonly MapEntry[];
  /** Declared inputs and their type (`string` when untyped). */
  readonly inputs: ReadonlyMap<string, string>;
  readonly jobs: readonly Job[];
}

function trailingComment(file: YamlFile, node: Node): string | undefined {
  const end = node.range?.[1];
  if (end === undefined) return undefined;
  const lineEnd = file.text.indexOf('\n', end);
  const rest = file.text.slice(end, lineEnd === -1 ? undefined : lineEnd);
  const hash = rest.indexOf('#');
  return hash === -1 ? undefined : rest.slice(hash + 1).trim();
}

function usesRef(file: YamlFile, node: Node | undefined): UsesRef | undefined {
  const value = text(file, node);
  if (node === undefined || value === undefined) return undefined;
  const comment = trailingComment(file, node);
  return { node, ref: parseUses(value), ...(comment === undefined ? {} : { comment }) };
}

function readSteps(file: YamlFile, stepsNode: Node | undefined, prefix: string): Step[] {
  return items(file, stepsNode).map((node, index) => {
    const id = text(file, get(file, node, 'id'));
    const name = text(file, get(file, node, 'name'));
    const uses = usesRef(file, get(file, node, 'uses'));
    const action = uses?.ref.kind === 'repo' ? `${uses.ref.owner}/${uses.ref.repo}` : uses?.ref.raw;
    const label = id ?? name ?? action ?? `#${index}`;
    const run = get(file, node, 'run');
    return {
      index,
      anchor: `${prefix}.steps[${label}]`,
      node,
      ...(id === undefined ? {} : { id }),
      ...(uses === undefined ? {} : { uses }),
      ...(run === undefined ? {} : { run }),
      with: entries(file, get(file, node, 'with')),
      env: entries(file, get(file, node, 'env')),
    };
  });
}

function readTriggers(file: YamlFile, on: Node | undefined): Map<string, Node | undefined> {
  const triggers = new Map<string, Node | undefined>();
  const single = text(file, on);
  if (single !== undefined) triggers.set(single, undefined);
  for (const item of items(file, on)) {
    const name = text(file, item);
    if (name !== undefined) triggers.set(name, undefined);
  }
  for (const e of entries(file, on)) triggers.set(e.key, e.value);
  return triggers;
}

function readInputs(
  file: YamlFile,
  containers: readonly (Node | undefined)[],
): Map<string, string> {
  const inputs = new Map<string, string>();
  for (const container of containers) {
    for (const e of entries(file, container)) {
      const type = text(file, get(file, e.value, 'type')) ?? 'string';
      inputs.set(e.key.toLowerCase(), type.toLowerCase());
    }
  }
  return inputs;
}

function readJob(file: YamlFile, e: MapEntry): Job {
  const node = e.value;
  const anchor = `jobs.${e.key}`;
  const permissions = entry(file, node, 'permissions');
  const runsOn = get(file, node, 'runs-on');
  const uses = usesRef(file, get(file, node, 'uses'));
  const secrets = entry(file, node, 'secrets');
  return {
    id: e.key,
    anchor,
    keyNode: e.keyNode,
    node,
    ...(permissions === undefined ? {} : { permissions }),
    ...(runsOn === undefined ? {} : { runsOn }),
    ...(uses === undefined ? {} : { uses }),
    ...(secrets === undefined ? {} : { secrets }),
    env: entries(file, get(file, node, 'env')),
    outputs: entries(file, get(file, node, 'outputs')),
    steps: readSteps(file, get(file, node, 'steps'), anchor),
  };
}

/** Reads a workflow file into the model the GitHub checks walk. */
export function readWorkflow(file: YamlFile): GitHubFile {
  const root = file.doc.contents;
  const on = get(file, root, 'on');
  const triggers = readTriggers(file, on);
  const permissions = entry(file, root, 'permissions');
  return {
    file,
    kind: 'workflow',
    triggers,
    ...(permissions === undefined ? {} : { permissions }),
    env: entries(file, get(file, root, 'env')),
    inputs: readInputs(file, [
      get(file, triggers.get('workflow_dispatch'), 'inputs'),
      get(file, triggers.get('workflow_call'), 'inputs'),
    ]),
    jobs: entries(file, get(file, root, 'jobs')).map((e) => readJob(file, e)),
  };
}

/**
 * Reads an action metadata file. A composite action's steps become one job, `runs`, so the
 * step checks apply to it unchanged; other actions (node, docker) have no steps.
 */
export function readAction(file: YamlFile): GitHubFile {
  const root = file.doc.contents;
  const runs = entry(file, root, 'runs');
  const using = text(file, get(file, runs?.value, 'using'))?.toLowerCase();
  const jobs: Job[] =
    runs === undefined || using !== 'composite'
      ? []
      : [
          {
            id: 'runs',
            anchor: 'runs',
            keyNode: runs.keyNode,
            node: runs.value,
            env: [],
            outputs: [],
            steps: readSteps(file, get(file, runs.value, 'steps'), 'runs'),
          },
        ];
  return {
    file,
    kind: 'action',
    triggers: new Map(),
    env: [],
    inputs: readInputs(file, [get(file, root, 'inputs')]),
    jobs,
  };
}

/** True when the document looks like an action's metadata (it has `runs:`). */
export function isActionMetadata(file: YamlFile): boolean {
  return entry(file, file.doc.contents, 'runs') !== undefined;
}
