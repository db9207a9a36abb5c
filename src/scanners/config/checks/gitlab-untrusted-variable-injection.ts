import { globalScriptJob, type Job, type Pipeline, scriptLines } from '../gitlab/pipeline.ts';
import { commands, expansions, firstEvaluator } from '../gitlab/shell.ts';
import { spanInScalar } from '../yaml-positions.ts';
import type { Check, CheckHit } from './types.ts';

/** Predefined variables whose text the author of a commit, branch or merge request chooses. */
export const UNTRUSTED_VARIABLES = new Set([
  'CI_MERGE_REQUEST_TITLE',
  'CI_MERGE_REQUEST_DESCRIPTION',
  'CI_MERGE_REQUEST_SOURCE_BRANCH_NAME',
  'CI_EXTERNAL_PULL_REQUEST_SOURCE_BRANCH_NAME',
  'CI_COMMIT_MESSAGE',
  'CI_COMMIT_TITLE',
  'CI_COMMIT_DESCRIPTION',
  'CI_COMMIT_TAG_MESSAGE',
  'CI_COMMIT_AUTHOR',
  'CI_COMMIT_BRANCH',
  'CI_COMMIT_REF_NAME',
]);

function jobHits(job: Job): CheckHit[] {
  const hits: CheckHit[] = [];
  for (const line of scriptLines(job)) {
    let from = 0;
    for (const command of commands(line.text)) {
      const start = line.text.indexOf(command.text, from);
      from = start + command.text.length;
      const evaluator = firstEvaluator(command.text);
      for (const x of expansions(command.text)) {
        if (!UNTRUSTED_VARIABLES.has(x.name)) continue;
        const executed =
          evaluator !== undefined && evaluator.index < x.index ? evaluator.text : undefined;
        if (executed === undefined && x.quote !== 'unquoted') continue;
        hits.push({
          path: job.file.path,
          span: spanInScalar(job.file, line.node, line.text, start + x.index, x.text.length),
          title:
            executed === undefined
              ? `$${x.name} is used unquoted in ${job.name}'s ${line.key}`
              : `$${x.name} is executed as code by \`${executed.trim()}\` in ${job.name}'s ${line.key}`,
          detail:
            executed === undefined
              ? 'Unquoted, its text is split into words and glob patterns, which can inject options into the command.'
              : 'The command parses its argument as code, so quoting does not help.',
          severity: executed === undefined ? 'low' : 'high',
          anchor: `${job.name}.${line.key}`,
          snippet: `${executed ?? ''} ${x.text}`,
        });
      }
    }
  }
  return hits;
}

export const gitlabUntrustedVariableInjection: Check<Pipeline> = {
  meta: {
    id: 'gitlab-untrusted-variable-injection',
    title: 'Merge request or commit text executed or unquoted in a script',
    severity: 'high',
    severityNote:
      'high when the variable reaches a command that runs its argument as code (eval, sh -c, ssh, python -c…); low when it is only unquoted.',
    target: 'gitlab',
    description:
      'Merge request titles and descriptions, branch names and commit messages are written by whoever opens the merge request or pushes the commit. Passed to `eval`, `sh -c`, `ssh host "…"` or an interpreter\'s `-c`/`-e`, they run as code with the job\'s CI/CD variables; unquoted, they are split and globbed and can add options to a command.',
    remediation:
      'Never build code from these variables; use them as data, double-quoted: `echo "$CI_MERGE_REQUEST_TITLE"`, `git log -1 -- "$CI_COMMIT_REF_NAME"`, or `printf \'%s\\n\' "$CI_COMMIT_MESSAGE" | ./check-message`.',
    references: [
      'https://docs.gitlab.com/ci/variables/predefined_variables/',
      'https://docs.gitlab.com/ci/pipelines/merge_request_pipelines/#use-with-forked-projects',
    ],
    examples: {
      bad: `notify:
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
  script:
    - sh -c "echo Building $CI_MERGE_REQUEST_TITLE"
`,
      good: `notify:
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
  script:
    - echo "Building $CI_MERGE_REQUEST_TITLE"
`,
    },
  },
  detect(pipeline) {
    const globals = pipeline.files.flatMap((f) => globalScriptJob(f) ?? []);
    return [...pipeline.jobs, ...globals].flatMap(jobHits);
  },
};
