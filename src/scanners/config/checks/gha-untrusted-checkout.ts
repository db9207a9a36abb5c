import type { Node } from 'yaml';
import { findExpressions, reachingContexts } from '../github/expressions.ts';
import { splitLines } from '../github/run-script.ts';
import { repoKey } from '../github/uses.ts';
import type { GitHubFile, Job, Step } from '../github/workflow.ts';
import { sourceOf, spanOf, spanOfRange, text } from '../yaml-positions.ts';
import type { Check, CheckHit, Span } from './types.ts';

/** Triggers that run with base-repository privileges but may be asked to build outside code. */
const PRIVILEGED_BUILD_TRIGGERS = ['pull_request_target', 'workflow_run', 'issue_comment'];

/** Context paths that name the contributor's code rather than the base branch. */
const HEAD_CONTEXTS = new Set([
  'github.event.pull_request.head.sha',
  'github.event.pull_request.head.ref',
  'github.event.pull_request.merge_commit_sha',
  'github.head_ref',
  'github.event.workflow_run.head_sha',
  'github.event.workflow_run.head_branch',
  'github.event.workflow_run.head_commit.id',
  'github.event.pull_request.head.repo.full_name',
  'github.event.workflow_run.head_repository.full_name',
]);

const PR_REF = /refs\/pull\/|(?:^|\/)pull\/\$\{\{/;
const RUN_CHECKOUT =
  /\bgh\s+pr\s+checkout\b|\bgit\s+(?:fetch|checkout|switch|pull)\b[^\n]*(?:refs\/pull\/|\bpull\/|head\.sha|head_sha|head\.ref|head_ref)/;

function namesHead(value: string): boolean {
  if (PR_REF.test(value)) return true;
  return findExpressions(value).some((e) =>
    reachingContexts(e.body).some((p) => HEAD_CONTEXTS.has(p.toLowerCase())),
  );
}

/** The node that makes a checkout step fetch the contributor's code, if it does. */
function untrustedCheckoutNode(gh: GitHubFile, step: Step): Node | undefined {
  const uses = step.uses?.ref;
  if (uses?.kind !== 'repo' || repoKey(uses) !== 'actions/checkout') return undefined;
  for (const key of ['ref', 'repository']) {
    const node = step.with.find((w) => w.key === key)?.value;
    const value = text(gh.file, node);
    if (node !== undefined && value !== undefined && namesHead(value)) return node;
  }
  return undefined;
}

function executesCode(step: Step): boolean {
  return step.run !== undefined || step.uses?.ref.kind === 'local';
}

function jobHits(gh: GitHubFile, job: Job, trigger: string): CheckHit[] {
  const hits: CheckHit[] = [];
  let lastExecuting = -1;
  job.steps.forEach((step, i) => {
    if (executesCode(step)) lastExecuting = i;
  });
  job.steps.forEach((step, i) => {
    const laterRuns = lastExecuting > i;
    const make = (span: Span, snippet: string, how: string, runs: boolean): CheckHit => ({
      span,
      title: runs
        ? `${trigger} workflow checks out and runs pull request code`
        : `${trigger} workflow checks out pull request code`,
      detail: `${how}${runs ? ', and code from the checkout runs afterwards' : ''}.`,
      severity: runs ? 'critical' : 'high',
      anchor: step.anchor,
      snippet,
    });
    const node = untrustedCheckoutNode(gh, step);
    if (node !== undefined) {
      const how = "actions/checkout fetches the contributor's commit";
      hits.push(make(spanOf(gh.file, node), text(gh.file, node) ?? '', how, laterRuns));
      return;
    }
    if (step.run === undefined) return;
    const { raw, offset } = sourceOf(gh.file, step.run);
    const lines = splitLines(raw, offset);
    const at = lines.findIndex((l) => RUN_CHECKOUT.test(l.text));
    const line = lines[at];
    if (line === undefined) return;
    const m = RUN_CHECKOUT.exec(line.text) as RegExpExecArray;
    const start = line.offset + m.index;
    // A script that fetches the pull request usually goes on to build it.
    const runs = laterRuns || lines.slice(at + 1).some((l) => l.text.trim() !== '');
    const how = "the script fetches the pull request's commits";
    hits.push(make(spanOfRange(gh.file, start, start + m[0].length), m[0], how, runs));
  });
  return hits;
}

export const ghaUntrustedCheckout: Check<GitHubFile> = {
  meta: {
    id: 'gha-untrusted-checkout',
    title: 'Privileged workflow checks out pull request code',
    severity: 'high',
    severityNote: 'critical when a later step in the same job runs a script or a local action.',
    target: 'github',
    description:
      'Workflows triggered by pull_request_target, workflow_run or issue_comment run in the base repository with its secrets and a token that can write. Checking out the pull request\'s head (its SHA, branch or merge ref) puts attacker-written files in the workspace; any build, test, install script or local action that then runs executes them with those privileges ("pwn request").',
    remediation:
      // biome-ignore lint/suspicious/noTemplateCurlyInString: GitHub expression syntax in prose, not a template
      'Build untrusted code in a `pull_request` workflow (no secrets, read-only token) and hand results to a privileged workflow as data; if the privileged job must see the code, check it out into a separate path and never execute it, e.g. `with: { ref: ${{ github.event.pull_request.head.sha }}, path: pr, persist-credentials: false }` followed only by read-only steps.',
    references: [
      'https://securitylab.github.com/resources/github-actions-preventing-pwn-requests/',
      'https://docs.github.com/en/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows#pull_request_target',
    ],
    examples: {
      bad: `name: Preview
on:
  pull_request_target:
permissions:
  contents: read
  pull-requests: write
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with:
          ref: \${{ github.event.pull_request.head.sha }}
      - run: npm ci && npm run build
`,
      good: `name: Preview
on:
  pull_request:
permissions:
  contents: read
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with:
          persist-credentials: false
      - run: npm ci && npm run build
`,
    },
  },
  detect(gh) {
    const trigger = PRIVILEGED_BUILD_TRIGGERS.find((t) => gh.triggers.has(t));
    if (trigger === undefined) return [];
    return gh.jobs.flatMap((job) => jobHits(gh, job, trigger));
  },
};
