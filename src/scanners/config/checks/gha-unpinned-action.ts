import { isFirstParty, isFullSha, repoKey } from '../github/uses.ts';
import type { GitHubFile, UsesRef } from '../github/workflow.ts';
import { spanOf } from '../yaml-positions.ts';
import type { Check, CheckHit } from './types.ts';

function hitFor(gh: GitHubFile, uses: UsesRef, anchor: string): CheckHit | undefined {
  const ref = uses.ref;
  const base = { span: spanOf(gh.file, uses.node), anchor, snippet: ref.raw };
  if (ref.kind === 'docker') {
    if (ref.digest?.startsWith('sha256:')) return undefined;
    return {
      ...base,
      title: `Docker action image ${ref.image} is not pinned by digest`,
      detail: 'A tag can be re-pushed to point at another image.',
    };
  }
  if (ref.kind !== 'repo' || isFullSha(ref.ref)) return undefined;
  // The SLSA generator verifies its own provenance by tag and refuses SHA references.
  if (repoKey(ref) === 'slsa-framework/slsa-github-generator') return undefined;
  const name = `${ref.owner}/${ref.repo}${ref.path === '' ? '' : `/${ref.path}`}`;
  const firstParty = isFirstParty(ref);
  return {
    ...base,
    title: `${name}@${ref.ref} is not pinned to a commit SHA`,
    detail: firstParty
      ? `${ref.owner}/* is maintained by GitHub, but its tags can still be moved.`
      : `Whoever controls ${ref.owner}/${ref.repo} can move "${ref.ref}" to new code that runs in this job.`,
    severity: firstParty ? 'low' : 'medium',
  };
}

export const ghaUnpinnedAction: Check<GitHubFile> = {
  meta: {
    id: 'gha-unpinned-action',
    title: 'Action or reusable workflow not pinned to a commit SHA',
    severity: 'medium',
    severityNote:
      'low for actions published by GitHub (actions/*, github/*); local actions (./…), docker:// images pinned by @sha256 digest and slsa-framework/slsa-github-generator (which must be referenced by tag) are not reported.',
    target: 'github',
    description:
      "A tag or branch is a movable pointer: if the action's repository is compromised (as tj-actions/changed-files and reviewdog/action-setup were in March 2025) or its owner retags a release, the next run executes the new code with this job's token and secrets. Only a full 40-character commit SHA names immutable code.",
    remediation:
      'Pin to the full commit SHA of the release and keep the tag as a comment so update tools can follow it: `uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2`.',
    references: [
      'https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-third-party-actions',
    ],
    examples: {
      bad: `name: Lint
on: push
permissions:
  contents: read
jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
      - uses: golangci/golangci-lint-action@v6
`,
      good: `name: Lint
on: push
permissions:
  contents: read
jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
      - uses: golangci/golangci-lint-action@1481404843c368bc19ca9406f87d6e0fc97bdcfd # v7.0.0
      - uses: ./.github/actions/report
`,
    },
  },
  detect(gh) {
    const hits: CheckHit[] = [];
    for (const job of gh.jobs) {
      if (job.uses !== undefined) {
        const hit = hitFor(gh, job.uses, `${job.anchor}.uses`);
        if (hit !== undefined) hits.push(hit);
      }
      for (const step of job.steps) {
        if (step.uses === undefined) continue;
        const hit = hitFor(gh, step.uses, `${step.anchor}.uses`);
        if (hit !== undefined) hits.push(hit);
      }
    }
    return hits;
  },
};
