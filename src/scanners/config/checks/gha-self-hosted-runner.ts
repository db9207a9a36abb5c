import type { Node } from 'yaml';
import { PUBLIC_TRIGGERS } from '../github/contexts.ts';
import { findExpressions, reachingContexts } from '../github/expressions.ts';
import type { GitHubFile, Job } from '../github/workflow.ts';
import { entries, get, items, spanOf, text } from '../yaml-positions.ts';
import type { Check, CheckHit } from './types.ts';

/** Every label `runs-on` can select, with `${{ matrix.x }}` expanded from the job's matrix. */
function runnerLabels(gh: GitHubFile, job: Job, node: Node | undefined): string[] {
  const f = gh.file;
  const labels: string[] = [];
  const add = (value: string) => {
    const expressions = findExpressions(value);
    if (expressions.length === 0) {
      labels.push(value);
      return;
    }
    const matrix = get(f, get(f, job.node, 'strategy'), 'matrix');
    for (const e of expressions) {
      for (const path of reachingContexts(e.body)) {
        const key = /^matrix\.([^.]+)$/i.exec(path)?.[1]?.toLowerCase();
        if (key === undefined) continue;
        for (const v of [...matrixValues(gh, matrix, key), ...includeValues(gh, matrix, key)])
          for (const item of [v, ...items(f, v)]) {
            const t = text(f, item);
            if (t !== undefined) labels.push(t);
          }
      }
    }
  };
  for (const n of [node, ...items(f, node), ...items(f, get(f, node, 'labels'), true)]) {
    const t = text(f, n);
    if (t !== undefined) add(t);
  }
  return labels;
}

function matrixValues(gh: GitHubFile, matrix: Node | undefined, key: string): Node[] {
  return entries(gh.file, matrix)
    .filter((e) => e.key.toLowerCase() === key)
    .flatMap((e) => items(gh.file, e.value, true));
}

function includeValues(gh: GitHubFile, matrix: Node | undefined, key: string): Node[] {
  return items(gh.file, get(gh.file, matrix, 'include')).flatMap((inc) =>
    entries(gh.file, inc)
      .filter((e) => e.key.toLowerCase() === key)
      .flatMap((e) => (e.value === undefined ? [] : [e.value])),
  );
}

export const ghaSelfHostedRunner: Check<GitHubFile> = {
  meta: {
    id: 'gha-self-hosted-runner',
    title: 'Self-hosted runner used by a workflow outsiders can trigger',
    severity: 'high',
    target: 'github',
    description:
      'Self-hosted runners are not wiped between jobs. On a public repository, a pull request, comment or issue from anyone can start this workflow, so outside code runs on your machine: it can persist on the runner, read credentials and caches left by later jobs, and reach your internal network.',
    remediation:
      'Run jobs that outsiders can trigger on GitHub-hosted runners (`runs-on: ubuntu-latest`), or use ephemeral, isolated self-hosted runners and require approval for all outside contributors.',
    references: [
      'https://docs.github.com/en/actions/hosting-your-own-runners/managing-self-hosted-runners/about-self-hosted-runners#self-hosted-runner-security',
    ],
    examples: {
      bad: `name: Test
on: pull_request
permissions:
  contents: read
jobs:
  test:
    runs-on: [self-hosted, linux, gpu]
    steps:
      - run: make test
`,
      good: `name: Test
on: pull_request
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-24.04
    steps:
      - run: make test
`,
    },
  },
  detect(gh) {
    const trigger = [...gh.triggers.keys()].find((t) => PUBLIC_TRIGGERS.has(t));
    if (trigger === undefined) return [];
    return gh.jobs
      .filter((job) =>
        runnerLabels(gh, job, job.runsOn).some((l) => l.toLowerCase() === 'self-hosted'),
      )
      .map(
        (job): CheckHit => ({
          span: spanOf(gh.file, job.runsOn),
          title: `Job "${job.id}" runs on a self-hosted runner and is triggered by ${trigger}`,
          anchor: `${job.anchor}.runs-on`,
          snippet: 'self-hosted',
        }),
      );
  },
};
