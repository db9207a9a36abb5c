import type { GitHubFile } from '../github/workflow.ts';
import { spanOf } from '../yaml-positions.ts';
import type { Check, CheckHit } from './types.ts';

export const ghaDefaultPermissions: Check<GitHubFile> = {
  meta: {
    id: 'gha-default-permissions',
    title: 'Job runs with the default GITHUB_TOKEN permissions',
    severity: 'medium',
    target: 'github',
    description:
      "Without a `permissions:` block the job's GITHUB_TOKEN gets the repository or organisation default, which is read-write on every scope for repositories created before February 2023 and for many organisations. Any compromised step (an injected script, a hijacked action) can then push code, create releases or approve pull requests.",
    remediation:
      'Declare the least the workflow needs at the top and widen it per job only where required: `permissions: { contents: read }` at the top level, `permissions: { contents: read, pull-requests: write }` on the job that comments.',
    references: [
      'https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/controlling-permissions-for-github_token',
    ],
    examples: {
      bad: `name: CI
on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: make test
`,
      good: `name: CI
on: push
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: make test
`,
    },
  },
  detect(gh) {
    if (gh.kind !== 'workflow' || gh.permissions !== undefined) return [];
    return gh.jobs
      .filter((job) => job.permissions === undefined)
      .map(
        (job): CheckHit => ({
          span: spanOf(gh.file, job.keyNode),
          title: `Job "${job.id}" runs with the default GITHUB_TOKEN permissions`,
          detail: 'Neither the workflow nor the job declares `permissions:`.',
          anchor: job.anchor,
          snippet: 'permissions',
        }),
      );
  },
};
