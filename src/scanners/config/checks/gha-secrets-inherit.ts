import type { GitHubFile } from '../github/workflow.ts';
import { spanOf, text } from '../yaml-positions.ts';
import type { Check, CheckHit } from './types.ts';

export const ghaSecretsInherit: Check<GitHubFile> = {
  meta: {
    id: 'gha-secrets-inherit',
    title: 'Reusable workflow receives every secret',
    severity: 'medium',
    target: 'github',
    description:
      "`secrets: inherit` passes all of the caller's repository, environment and organisation secrets to the called workflow, including ones it never uses. If the called workflow (or an action it runs) is compromised or later changed, every secret is exposed instead of the few it needed.",
    remediation:
      // biome-ignore lint/suspicious/noTemplateCurlyInString: GitHub expression syntax in prose, not a template
      'Pass only the secrets the called workflow declares: `secrets: { NPM_TOKEN: ${{ secrets.NPM_TOKEN }} }`.',
    references: [
      'https://docs.github.com/en/actions/sharing-automations/reusing-workflows#passing-inputs-and-secrets-to-a-reusable-workflow',
    ],
    examples: {
      bad: `name: Release
on:
  push:
    tags: ['v*']
permissions:
  contents: read
jobs:
  publish:
    uses: ./.github/workflows/publish.yml
    secrets: inherit
`,
      good: `name: Release
on:
  push:
    tags: ['v*']
permissions:
  contents: read
jobs:
  publish:
    uses: ./.github/workflows/publish.yml
    secrets:
      NPM_TOKEN: \${{ secrets.NPM_TOKEN }}
`,
    },
  },
  detect(gh) {
    return gh.jobs
      .filter((job) => job.secrets !== undefined && text(gh.file, job.secrets.value) === 'inherit')
      .map(
        (job): CheckHit => ({
          span: spanOf(gh.file, job.secrets?.value),
          title: `Job "${job.id}" passes every secret to ${job.uses?.ref.raw ?? 'a reusable workflow'}`,
          anchor: `${job.anchor}.secrets`,
          snippet: 'inherit',
        }),
      );
  },
};
