import { advisoriesFor, isAffected } from '../github/known-vulnerable-actions.ts';
import { repoKey } from '../github/uses.ts';
import type { GitHubFile, UsesRef } from '../github/workflow.ts';
import { spanOf } from '../yaml-positions.ts';
import type { Check, CheckHit } from './types.ts';

function hits(gh: GitHubFile, uses: UsesRef, anchor: string): CheckHit[] {
  const ref = uses.ref;
  if (ref.kind !== 'repo') return [];
  return advisoriesFor(repoKey(ref))
    .filter((a) => isAffected(a, ref.ref, uses.comment))
    .map((a) => ({
      span: spanOf(gh.file, uses.node),
      title: `${ref.owner}/${ref.repo}@${ref.ref} is affected by ${[a.id, ...a.aliases].join(' / ')}`,
      detail: `${a.summary}${a.fixed === undefined ? '' : `; fixed in ${a.fixed}`} (${a.source}).`,
      severity: a.severity,
      anchor: `${anchor}.${a.id}`,
      snippet: ref.raw,
    }));
}

export const ghaKnownVulnerableAction: Check<GitHubFile> = {
  meta: {
    id: 'gha-known-vulnerable-action',
    title: 'Action version with a published advisory',
    severity: 'high',
    severityNote:
      "the advisory's own rating (critical for the tj-actions/branch-names injections).",
    target: 'github',
    description:
      'The referenced version of the action has a published security advisory: a supply-chain compromise that leaked secrets, a command injection, or unsafe artifact handling. Pinning to an affected SHA does not help; the code itself is the problem.',
    remediation:
      'Upgrade to a fixed release and pin its SHA, e.g. `uses: tj-actions/changed-files@ed68ef82c095e0d48ec87eccea555d944a631a4c # v46.0.5`; for past compromises also rotate every secret the affected runs could read.',
    references: [
      'https://github.com/advisories?query=type%3Areviewed+ecosystem%3Aactions',
      'https://www.cisa.gov/news-events/alerts/2025/03/18/supply-chain-compromise-third-party-tj-actionschanged-files-cve-2025-30066-and-reviewdogaction',
    ],
    examples: {
      bad: `name: Changed files
on: pull_request
permissions:
  contents: read
jobs:
  changed:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
      - uses: tj-actions/changed-files@v45
`,
      good: `name: Changed files
on: pull_request
permissions:
  contents: read
jobs:
  changed:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
      - uses: tj-actions/changed-files@ed68ef82c095e0d48ec87eccea555d944a631a4c # v46.0.5
`,
    },
  },
  detect(gh) {
    return gh.jobs.flatMap((job) => [
      ...(job.uses === undefined ? [] : hits(gh, job.uses, `${job.anchor}.uses`)),
      ...job.steps.flatMap((s) =>
        s.uses === undefined ? [] : hits(gh, s.uses, `${s.anchor}.uses`),
      ),
    ]);
  },
};
