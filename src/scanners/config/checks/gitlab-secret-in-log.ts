import type { Node } from 'yaml';
import {
  globalScriptJob,
  type Job,
  type Pipeline,
  runsOnMergeRequests,
  scriptLines,
} from '../gitlab/pipeline.ts';
import { commands, expansions } from '../gitlab/shell.ts';
import { entries, get, spanInScalar, spanOf, text, type YamlFile } from '../yaml-positions.ts';
import type { Check, CheckHit } from './types.ts';

const SECRET_NAME =
  /^(?:CI_JOB_TOKEN|CI_JOB_JWT(?:_V[12])?|CI_BUILD_TOKEN|CI_REGISTRY_PASSWORD|CI_DEPLOY_PASSWORD|CI_DEPENDENCY_PROXY_PASSWORD)$|TOKEN|PASSWORD|PASSWD|SECRET|API_?KEY|PRIVATE_KEY|ACCESS_KEY|CREDENTIAL/i;

/** What a command prints to the job log that it should not, or undefined. */
function leak(command: string, piped: boolean): { what: string; index: number } | undefined {
  const xtrace = /\bset\s+(?:-[a-zA-Z]*x[a-zA-Z]*|-o\s+xtrace)\b|\b(?:ba)?sh\s+-[a-zA-Z]*x/.exec(
    command,
  );
  if (xtrace !== null)
    return {
      what: 'turns on shell tracing, which prints every command with its variables expanded',
      index: xtrace.index,
    };
  if (/>/.test(command.replace(/2>&1|>&2/g, ''))) return undefined;
  const dump = /^(?:printenv|env|export\s+-p|declare\s+-[px]|set)\s*$/.exec(command);
  if (dump !== null) return { what: 'prints every environment variable', index: 0 };
  if (piped) return undefined;
  if (!/^(?:echo|printf)\b/.test(command)) return undefined;
  const secret = expansions(command).find((x) => SECRET_NAME.test(x.name));
  return secret === undefined ? undefined : { what: `prints $${secret.name}`, index: secret.index };
}

const whereText = (mr: boolean) => (mr ? ' in a job that runs in merge request pipelines' : '');

function scriptHits(job: Job, mr: boolean): CheckHit[] {
  const hits: CheckHit[] = [];
  for (const line of scriptLines(job)) {
    let from = 0;
    for (const c of commands(line.text)) {
      const start = line.text.indexOf(c.text, from);
      from = start + c.text.length;
      const found = leak(c.text, c.piped);
      if (found === undefined) continue;
      const shown = c.text.length > 60 ? `${c.text.slice(0, 57)}…` : c.text;
      hits.push({
        path: job.file.path,
        span: spanInScalar(job.file, line.node, line.text, start, c.text.length),
        title: `\`${shown}\` ${found.what}${whereText(mr)}`,
        severity: mr ? 'high' : 'medium',
        anchor: `${job.name}.${line.key}`,
        snippet: c.text.replace(/\s+/g, ' '),
      });
    }
  }
  return hits;
}

/** `CI_DEBUG_TRACE: "true"` (or CI_DEBUG_SERVICES) in a `variables:` block. */
function debugTraceHits(
  file: YamlFile,
  owner: Node | undefined,
  name: string,
  mr: boolean,
): CheckHit[] {
  return entries(file, get(file, owner, 'variables')).flatMap((v): CheckHit[] => {
    if (!/^CI_DEBUG_(?:TRACE|SERVICES)$/.test(v.key)) return [];
    const value = text(file, v.value) ?? text(file, get(file, v.value, 'value'));
    if (value?.toLowerCase() !== 'true') return [];
    return [
      {
        path: file.path,
        span: spanOf(file, v.keyNode),
        title: `${v.key} prints every CI/CD variable to the job log${whereText(mr)}`,
        severity: mr ? 'high' : 'medium',
        anchor: `${name}.variables.${v.key}`,
        snippet: `${v.key}=true`,
      },
    ];
  });
}

export const gitlabSecretInLog: Check<Pipeline> = {
  meta: {
    id: 'gitlab-secret-in-log',
    title: 'Job prints secrets to its log',
    severity: 'medium',
    severityNote: 'high when the job runs in merge request pipelines.',
    target: 'gitlab',
    description:
      'Job logs are readable by everyone who can see the pipeline — every reporter on a private project, anyone on a public one. `set -x`, `env`/`printenv` and `CI_DEBUG_TRACE` print variables in clear text (masking misses derived, encoded and multi-line values), and echoing `$CI_JOB_TOKEN` or a password hands it to readers of the log. In merge request pipelines the person reading may be the one who opened the merge request.',
    remediation:
      'Remove the tracing and dumps and feed secrets to commands through stdin or files: `echo "$CI_REGISTRY_PASSWORD" | docker login -u "$CI_REGISTRY_USER" --password-stdin "$CI_REGISTRY"`; debug with `set -x` only around commands that see no secrets.',
    references: [
      'https://docs.gitlab.com/ci/variables/#mask-a-cicd-variable',
      'https://docs.gitlab.com/ci/variables/variables_troubleshooting/#enable-debug-logging',
    ],
    examples: {
      bad: `deploy:
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
  script:
    - set -x
    - ./deploy.sh --token "$DEPLOY_TOKEN"
`,
      good: `deploy:
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
  script:
    - echo "$DEPLOY_TOKEN" | ./deploy.sh --token-stdin
`,
    },
  },
  detect(pipeline) {
    const hits: CheckHit[] = [];
    for (const job of pipeline.jobs) {
      const mr = runsOnMergeRequests(pipeline, job);
      hits.push(...scriptHits(job, mr), ...debugTraceHits(job.file, job.node, job.name, mr));
    }
    const anyMr = pipeline.jobs.some((j) => !j.hidden && runsOnMergeRequests(pipeline, j));
    for (const file of pipeline.files) {
      const global = globalScriptJob(file);
      if (global !== undefined) hits.push(...scriptHits(global, anyMr));
      hits.push(...debugTraceHits(file, file.doc.contents ?? undefined, '(global)', anyMr));
    }
    return hits;
  },
};
