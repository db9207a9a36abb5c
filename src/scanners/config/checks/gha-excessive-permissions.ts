import type { Node } from 'yaml';
import type { GitHubFile } from '../github/workflow.ts';
import { entries, type MapEntry, spanOf, text } from '../yaml-positions.ts';
import type { Check, CheckHit } from './types.ts';

/** Scopes whose write access lets a job change code, workflows, packages or cloud access. */
const SENSITIVE_SCOPES = new Set([
  'actions',
  'contents',
  'id-token',
  'packages',
  'pages',
  'deployments',
]);

/** Events an outside contributor can cause (their PR, comment or issue). */
const CONTRIBUTOR_TRIGGERS = [
  'pull_request_target',
  'workflow_run',
  'pull_request',
  'pull_request_review',
  'pull_request_review_comment',
  'issue_comment',
  'issues',
  'discussion',
  'discussion_comment',
];
const PRIVILEGED = new Set(['pull_request_target', 'workflow_run']);

function permissionHits(
  gh: GitHubFile,
  permissions: MapEntry,
  anchor: string,
  trigger: string | undefined,
): CheckHit[] {
  const whole = text(gh.file, permissions.value);
  if (whole === 'write-all') {
    return [
      {
        span: spanOf(gh.file, permissions.value as Node),
        title: '`permissions: write-all` grants every scope write access',
        detail: 'The token can push code, edit workflows, publish packages and mint OIDC tokens.',
        severity: 'high',
        anchor,
        snippet: 'write-all',
      },
    ];
  }
  if (trigger === undefined) return [];
  return entries(gh.file, permissions.value)
    .filter((e) => SENSITIVE_SCOPES.has(e.key) && text(gh.file, e.value) === 'write')
    .map(
      (e): CheckHit => ({
        span: spanOf(gh.file, e.value),
        title: `\`${e.key}: write\` in a workflow triggered by ${trigger}`,
        detail: `Code or text from an outside contributor reaches this workflow, and the token can write ${e.key}.`,
        severity: PRIVILEGED.has(trigger) ? 'high' : 'medium',
        anchor: `${anchor}.${e.key}`,
        snippet: `${e.key}: write`,
      }),
    );
}

export const ghaExcessivePermissions: Check<GitHubFile> = {
  meta: {
    id: 'gha-excessive-permissions',
    title: 'GITHUB_TOKEN granted more than the workflow needs',
    severity: 'medium',
    severityNote:
      'high for `write-all`, and for sensitive write scopes in pull_request_target or workflow_run workflows.',
    target: 'github',
    description:
      "`write-all` gives the job's token write access to every scope. In workflows that contributors can trigger (pull requests, comments, issues), write access to contents, actions, packages, pages, deployments or id-token turns any injection or compromised step into a push to the default branch, a modified workflow, a poisoned release or a cloud credential.",
    remediation:
      'Grant only the scopes the job uses, per job: `permissions: { contents: read, pull-requests: write }`; move steps that need to write (publishing, pushing) into a separate workflow that contributors cannot trigger.',
    references: [
      'https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/controlling-permissions-for-github_token',
    ],
    examples: {
      bad: `name: Label
on:
  pull_request_target:
    types: [opened]
permissions: write-all
jobs:
  label:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/labeler@8558fd74291d67161a8a78ce36a881fa63b766a9 # v5.0.0
`,
      good: `name: Label
on:
  pull_request_target:
    types: [opened]
permissions:
  contents: read
  pull-requests: write
jobs:
  label:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/labeler@8558fd74291d67161a8a78ce36a881fa63b766a9 # v5.0.0
`,
    },
  },
  detect(gh) {
    if (gh.kind !== 'workflow') return [];
    const trigger = CONTRIBUTOR_TRIGGERS.find((t) => gh.triggers.has(t));
    const hits: CheckHit[] = [];
    if (gh.permissions !== undefined)
      hits.push(...permissionHits(gh, gh.permissions, 'permissions', trigger));
    for (const job of gh.jobs) {
      if (job.permissions !== undefined)
        hits.push(...permissionHits(gh, job.permissions, `${job.anchor}.permissions`, trigger));
    }
    return hits;
  },
};
