import type { ExtractInput, Extractor, ExtractResult } from '../extractor.ts';
import type { DeclaredAs, DependencyGraph } from './graph.ts';
import { inputError, textOf } from './input-error.ts';
import { declaredDependencies, readManifest } from './manifest.ts';
import { toResult } from './result.ts';
import { readYarnBerry, type Workspace } from './yarn-berry.ts';
import { YarnSyntaxError } from './yarn-lines.ts';
import { readYarnV1 } from './yarn-lock-v1.ts';

const ID = 'npm/yarn-lock';
const FORMAT = 'yarn.lock';
const HINT = 'Regenerate it with `yarn install`, or remove it if it is not used.';
/** Workspace manifests read to tell dev from prod; more than this and the rest stay unknown. */
const MAX_WORKSPACE_MANIFESTS = 1000;

/** yarn.lock, both yarn classic (v1) and yarn 2+ (berry, recognised by its __metadata block). */
export const yarnLockExtractor: Extractor = {
  id: ID,
  matches(path) {
    const parts = path.split('/');
    return parts[parts.length - 1] === 'yarn.lock' && !parts.slice(0, -1).includes('node_modules');
  },
  async extract(input) {
    const text = textOf(input.path, input.content, FORMAT);
    try {
      return await extract(input, text);
    } catch (error) {
      if (!(error instanceof YarnSyntaxError)) throw error;
      const what = `line ${error.line}: ${error.message}`;
      throw inputError(input.path, FORMAT, what, HINT, error);
    }
  },
};

async function extract(input: ExtractInput, text: string): Promise<ExtractResult> {
  if (text.startsWith('__metadata:') || text.includes('\n__metadata:')) {
    const { graph, workspaces } = readYarnBerry(text);
    await addWorkspaceRoots(graph, workspaces, input);
    return toResult(graph, { path: input.path, extractor: ID });
  }
  const graph = readYarnV1(text, await readManifest(input, 'package.json'));
  return toResult(graph, { path: input.path, extractor: ID });
}

/**
 * Berry lists what each workspace depends on but merges dev and prod; the workspace's own
 * package.json, when it can be read, says which is which.
 */
async function addWorkspaceRoots(
  graph: DependencyGraph,
  workspaces: readonly Workspace[],
  input: ExtractInput,
): Promise<void> {
  if (workspaces.length === 0) return;
  graph.markRootsKnown();
  for (const [i, workspace] of workspaces.entries()) {
    const manifestPath =
      workspace.folder === '.' ? 'package.json' : `${workspace.folder}/package.json`;
    const manifest =
      i < MAX_WORKSPACE_MANIFESTS ? await readManifest(input, manifestPath) : undefined;
    const declared = new Map<string, DeclaredAs>(
      declaredDependencies(manifest).map((d) => [d.name, d.declaredAs]),
    );
    for (const dep of workspace.dependencies) {
      graph.addRoot(dep.node, declared.get(dep.name) ?? 'unknown');
    }
  }
}
