import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { SecretFinding } from '../../core/finding.ts';
import type { Scanner, ScannerContext } from '../scanner.ts';
import { walkFiles } from '../walk.ts';
import { applyBaseline, type Baseline } from './baseline.ts';
import { SecretFindingCollector } from './collect.ts';
import { SecretEngine } from './engine.ts';
import { scanGitHistory } from './git-history.ts';
import { type LoadedRules, loadSecretRules, type SecretRuleOptions } from './load-rules.ts';
import { scanFile, scanFiles } from './tree-scanner.ts';

export { applyBaseline, type Baseline, loadBaseline, writeBaseline } from './baseline.ts';
export { type LoadedRules, loadSecretRules, type SecretRuleOptions } from './load-rules.ts';

export interface SecretsScannerOptions {
  /** Rule configuration, or rules already loaded (tests, benchmarks). */
  readonly rules?: SecretRuleOptions | LoadedRules;
  /** Scan the files on disk (default true). */
  readonly workingTree?: boolean;
  /** Also scan every line ever added in the repository's history (`--git-history`). */
  readonly gitHistory?: boolean;
  /** Findings whose fingerprint is in it are marked suppressed by the baseline. */
  readonly baseline?: Baseline;
}

function isLoaded(rules: SecretRuleOptions | LoadedRules): rules is LoadedRules {
  return 'rules' in rules && Array.isArray((rules as LoadedRules).rules);
}

/**
 * The secrets scanner: provider and generic rules over the working tree (gitignore-aware,
 * binary and lockfiles skipped, large files chunked) and optionally over git history.
 */
export function createSecretsScanner(options: SecretsScannerOptions = {}): Scanner {
  return {
    id: 'secrets',
    async scan(ctx: ScannerContext): Promise<{ findings: SecretFinding[] }> {
      const rules =
        options.rules !== undefined && isLoaded(options.rules)
          ? options.rules
          : loadSecretRules(options.rules ?? {});
      for (const message of rules.warnings) {
        ctx.onWarning({ path: '.', code: 'secrets-config', message });
      }
      const engine = new SecretEngine(rules);
      const info = await stat(ctx.root);
      let findings: SecretFinding[] = [];
      let treeKeys = new Map<string, string>();
      if (options.workingTree !== false) {
        const tree = await scanTree(ctx, engine, info.isFile());
        findings = tree.findings();
        treeKeys = tree.valueKeys();
      }
      if (options.gitHistory === true) {
        const history = new SecretFindingCollector('history');
        await scanGitHistory({
          root: info.isFile() ? dirname(ctx.root) : ctx.root,
          engine,
          collector: history,
          onWarning: ctx.onWarning,
          ...(ctx.progress === undefined ? {} : { progress: ctx.progress }),
          ...(ctx.signal === undefined ? {} : { signal: ctx.signal }),
        });
        findings = mergeHistory(findings, treeKeys, history);
      }
      return {
        findings:
          options.baseline === undefined ? findings : applyBaseline(findings, options.baseline),
      };
    },
  };
}

async function scanTree(
  ctx: ScannerContext,
  engine: SecretEngine,
  single: boolean,
): Promise<SecretFindingCollector> {
  const collector = new SecretFindingCollector('tree');
  const target = {
    engine,
    collector,
    onWarning: ctx.onWarning,
    ...(ctx.signal === undefined ? {} : { signal: ctx.signal }),
  };
  if (single) {
    const { size } = await stat(ctx.root);
    await scanFile({ path: basename(ctx.root), absolutePath: ctx.root, size }, target);
    return collector;
  }
  ctx.progress?.start('secrets', undefined);
  let files = 0;
  const entries = walkFiles(ctx.root, {
    ...ctx.walk,
    onWarning: ctx.onWarning,
    ...(ctx.signal === undefined ? {} : { signal: ctx.signal }),
  });
  for await (const _ of scanFiles(readAhead(entries, 64), target)) ctx.progress?.update(++files);
  ctx.progress?.done(`secrets: ${files} files, ${collector.size} findings`);
  return collector;
}

/**
 * Keeps up to `depth` requests for the next entry queued, so the walk's stat calls run in the
 * thread pool while a file is being scanned instead of one after the other.
 */
async function* readAhead<T>(source: AsyncIterable<T>, depth: number): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  const queue: Promise<IteratorResult<T>>[] = [];
  for (;;) {
    while (queue.length < depth) queue.push(it.next());
    const next = await (queue.shift() as Promise<IteratorResult<T>>);
    if (next.done === true) return;
    yield next.value;
  }
}

/**
 * A secret still in the tree and also in history is one finding: the tree's, with the commit
 * that added it (matched on file first, then on the secret alone, which follows renames).
 * Secrets only in history (deleted since) are added as they are.
 */
function mergeHistory(
  tree: SecretFinding[],
  treeKeys: ReadonlyMap<string, string>,
  history: SecretFindingCollector,
): SecretFinding[] {
  const historyKeys = history.valueKeys();
  const historyFindings = history.findings();
  const byFingerprint = new Map<string, SecretFinding>();
  const byValue = new Map<string, SecretFinding>();
  for (const f of historyFindings) {
    byFingerprint.set(f.fingerprint, f);
    const key = historyKeys.get(f.fingerprint) as string;
    const seen = byValue.get(key);
    // Several files held it: the oldest commit is where it was added.
    if (seen === undefined || (f.commit?.date ?? '') < (seen.commit?.date ?? ''))
      byValue.set(key, f);
  }
  const merged = tree.map((f) => {
    const h = byFingerprint.get(f.fingerprint) ?? byValue.get(treeKeys.get(f.fingerprint) ?? '');
    return h?.commit === undefined ? f : { ...f, commit: h.commit };
  });
  const valueInTree = new Set(treeKeys.values());
  const onlyInHistory = historyFindings.filter(
    (f) => !valueInTree.has(historyKeys.get(f.fingerprint) ?? ''),
  );
  return [...merged, ...onlyInHistory];
}
