import { analyzeFlow } from '../github/flow.ts';
import type { GitHubFile } from '../github/workflow.ts';
import { spanOfRange } from '../yaml-positions.ts';
import type { Check, CheckHit } from './types.ts';

export const ghaGithubEnvInjection: Check<GitHubFile> = {
  meta: {
    id: 'gha-github-env-injection',
    title: 'Untrusted input written to GITHUB_ENV, GITHUB_PATH or GITHUB_OUTPUT',
    severity: 'high',
    severityNote: 'medium for GITHUB_OUTPUT, which only matters where the output is used again.',
    target: 'github',
    description:
      // biome-ignore lint/suspicious/noTemplateCurlyInString: GitHub expression syntax in prose, not a template
      'Lines appended to $GITHUB_ENV become environment variables of every later step, and $GITHUB_PATH entries are searched for commands. A value containing a newline adds lines of its own: an attacker-written title or a file from a downloaded artifact can set `LD_PRELOAD`, `NODE_OPTIONS` or `BASH_ENV` and run code in the following steps, even when the value is passed safely through an environment variable. Untrusted step outputs carry the same text into later `${{ }}` expressions.',
    remediation:
      'Do not write outside data to the command files; if a later step needs it, pass it again through `env:` from its source. When it must be written, validate it first, e.g. `[[ "$BRANCH" =~ ^[A-Za-z0-9._/-]+$ ]] || exit 1`, and use a random heredoc delimiter for multi-line values.',
    references: [
      'https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/workflow-commands-for-github-actions#environment-files',
      'https://securitylab.github.com/resources/github-actions-building-blocks/',
    ],
    examples: {
      bad: `name: Greet
on:
  pull_request_target:
permissions:
  contents: read
jobs:
  greet:
    runs-on: ubuntu-latest
    steps:
      - env:
          BRANCH: \${{ github.head_ref }}
        run: echo "BRANCH=$BRANCH" >> "$GITHUB_ENV"
      - run: ./scripts/greet.sh
`,
      good: `name: Greet
on:
  pull_request_target:
permissions:
  contents: read
jobs:
  greet:
    runs-on: ubuntu-latest
    steps:
      - env:
          NUMBER: \${{ github.event.pull_request.number }}
        run: echo "PR_NUMBER=$NUMBER" >> "$GITHUB_ENV"
      - env:
          BRANCH: \${{ github.head_ref }}
        run: ./scripts/greet.sh "$BRANCH"
`,
    },
  },
  detect(gh) {
    return analyzeFlow(gh).commandFileWrites.map((site): CheckHit => {
      const text = site.line.text;
      const indent = text.length - text.trimStart().length;
      const sources = site.taints.map((t) => t.source);
      const first = sources[0] ?? '';
      const subject = /^[a-z][a-z ]+$/.test(first)
        ? first[0]?.toUpperCase() + first.slice(1)
        : first;
      return {
        span: spanOfRange(
          gh.file,
          site.line.offset + indent,
          site.line.offset + text.trimEnd().length,
        ),
        title: `${subject} is written to ${site.file}${site.name === undefined ? '' : ` (${site.name})`}`,
        detail: `The written text comes from ${sources.join(', ')}.`,
        severity:
          site.file === 'GITHUB_OUTPUT'
            ? 'medium'
            : site.taints.every((t) => t.level === 'input')
              ? 'low'
              : 'high',
        anchor: `${site.step.anchor}.run`,
        snippet: text.trim().replace(/\s+/g, ' '),
      };
    });
  },
};
