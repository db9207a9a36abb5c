import { CACHE_SHARING_TRIGGERS } from '../github/contexts.ts';
import { refVersion, repoKey } from '../github/uses.ts';
import type { GitHubFile, Step } from '../github/workflow.ts';
import { get, spanOf, text } from '../yaml-positions.ts';
import type { Check, CheckHit } from './types.ts';

/** How a step uses the Actions cache, or undefined when it does not. */
function cacheUse(gh: GitHubFile, step: Step): string | undefined {
  const ref = step.uses?.ref;
  if (ref?.kind !== 'repo') return undefined;
  const action = repoKey(ref);
  const input = (key: string) => text(gh.file, step.with.find((w) => w.key === key)?.value);
  switch (action) {
    case 'actions/cache':
      return ref.path === 'save' ? 'saves a cache' : 'restores a cache';
    case 'actions/setup-node':
    case 'actions/setup-python':
    case 'actions/setup-java':
    case 'actions/setup-dotnet': {
      const cache = input('cache');
      return cache !== undefined && cache !== '' && cache !== 'false'
        ? `caches ${cache} dependencies`
        : undefined;
    }
    case 'actions/setup-go': {
      // setup-go caches by default from v4 on.
      const cache = input('cache');
      const major = refVersion(ref.ref, step.uses?.comment)?.[0];
      const byDefault = major === undefined || major >= 4;
      return cache === 'true' || (byDefault && cache !== 'false') ? 'caches Go modules' : undefined;
    }
    case 'astral-sh/setup-uv':
      return input('enable-cache') === 'true' ? 'caches uv downloads' : undefined;
    case 'ruby/setup-ruby':
      return input('bundler-cache') === 'true' ? 'caches installed gems' : undefined;
    case 'swatinem/rust-cache':
      return 'caches Cargo builds';
    case 'gradle/actions':
    case 'gradle/gradle-build-action':
      return input('cache-disabled') === 'true' ? undefined : 'caches Gradle state';
    default:
      return undefined;
  }
}

/** The trigger that makes cache use risky, and how risky. */
function riskyTrigger(gh: GitHubFile): { name: string; privileged: boolean } | undefined {
  const shared = [...gh.triggers.keys()].find((t) => CACHE_SHARING_TRIGGERS.has(t));
  if (shared !== undefined) return { name: shared, privileged: true };
  if (gh.triggers.has('release')) return { name: 'release', privileged: false };
  const push = gh.triggers.get('push');
  if (push !== undefined && get(gh.file, push, 'tags') !== undefined)
    return { name: 'push of tags', privileged: false };
  return undefined;
}

export const ghaCachePoisoning: Check<GitHubFile> = {
  meta: {
    id: 'gha-cache-poisoning',
    title: 'Actions cache used where it can be poisoned',
    severity: 'high',
    severityNote:
      'high in pull_request_target and workflow_run workflows; medium in release and tag-push workflows.',
    target: 'github',
    description:
      "Caches are shared by every workflow run on the default branch. pull_request_target and workflow_run runs belong to the default branch, so a cache they save — after building a contributor's code, or after any injection — is restored by later trusted runs. Release workflows that restore caches ship whatever a poisoned cache entry contains.",
    remediation:
      'Do not use caching in workflows that handle outside input, and build releases from a clean state: remove `cache:` from setup-* steps there (setup-go: `cache: false`) and drop actions/cache from release jobs.',
    references: [
      'https://adnanthekhan.com/2024/05/06/the-monsters-in-your-build-cache-github-actions-cache-poisoning/',
      'https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/caching-dependencies-to-speed-up-workflows#restrictions-for-accessing-a-cache',
    ],
    examples: {
      bad: `name: Release
on:
  release:
    types: [published]
permissions:
  contents: read
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
      - uses: actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020 # v4.4.0
        with:
          node-version: 22
          cache: npm
      - run: npm ci && npm publish
`,
      good: `name: Release
on:
  release:
    types: [published]
permissions:
  contents: read
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
      - uses: actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020 # v4.4.0
        with:
          node-version: 22
      - run: npm ci && npm publish
`,
    },
  },
  detect(gh) {
    const trigger = riskyTrigger(gh);
    if (trigger === undefined) return [];
    const hits: CheckHit[] = [];
    for (const job of gh.jobs) {
      for (const step of job.steps) {
        const use = cacheUse(gh, step);
        if (use === undefined || step.uses === undefined) continue;
        hits.push({
          span: spanOf(gh.file, step.uses.node),
          title: `Step ${use} in a workflow triggered by ${trigger.name}`,
          severity: trigger.privileged ? 'high' : 'medium',
          anchor: step.anchor,
          snippet: use,
        });
      }
    }
    return hits;
  },
};
