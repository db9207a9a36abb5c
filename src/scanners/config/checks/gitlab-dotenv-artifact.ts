import type { Pipeline } from '../gitlab/pipeline.ts';
import { runsOnMergeRequests } from '../gitlab/pipeline.ts';
import { get, items, spanOf, text } from '../yaml-positions.ts';
import type { Check, CheckHit } from './types.ts';

/** Artifact paths that pick up dotenv files. */
const DOTENV_PATH = /(?:^|\/)(?:\*\*\/)?(?:\.env(?:\.[^/]*)?|\*\.env|\.env\*)$/;

export const gitlabDotenvArtifact: Check<Pipeline> = {
  meta: {
    id: 'gitlab-dotenv-artifact',
    title: '.env file kept as a job artifact',
    severity: 'medium',
    severityNote: 'high when the job runs in merge request pipelines.',
    target: 'gitlab',
    description:
      '`.env` files hold the credentials a job writes for its tools (database passwords, API keys, tokens fetched at run time). Kept as artifacts, they can be downloaded by everyone who can see the pipeline for as long as the artifact lives, and by later jobs that did not need them.',
    remediation:
      'Keep only build output as artifacts and pass variables between jobs with a dotenv report, which is not downloadable: `artifacts: { paths: [dist/], reports: { dotenv: build.env } }` with build.env holding no secrets.',
    references: [
      'https://docs.gitlab.com/ci/yaml/artifacts_reports/#artifactsreportsdotenv',
      'https://docs.gitlab.com/ci/jobs/job_artifacts/',
    ],
    examples: {
      bad: `build:
  script:
    - ./configure --write-env .env
    - make
  artifacts:
    paths:
      - dist/
      - .env
`,
      good: `build:
  script:
    - ./configure --write-env .env
    - make
  artifacts:
    paths:
      - dist/
`,
    },
  },
  detect(pipeline) {
    const hits: CheckHit[] = [];
    for (const job of pipeline.jobs) {
      const f = job.file;
      for (const node of items(f, get(f, get(f, job.node, 'artifacts'), 'paths'))) {
        const value = text(f, node)?.trim();
        if (value === undefined || value.length > 4096) continue;
        if (!DOTENV_PATH.test(value.replace(/\/+$/, ''))) continue;
        const mr = runsOnMergeRequests(pipeline, job);
        hits.push({
          path: f.path,
          span: spanOf(f, node),
          title: `Job "${job.name}" keeps ${value} as an artifact`,
          severity: mr ? 'high' : 'medium',
          anchor: `${job.name}.artifacts.paths`,
          snippet: value,
        });
      }
    }
    return hits;
  },
};
