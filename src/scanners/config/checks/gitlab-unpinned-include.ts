import type { Include, Pipeline } from '../gitlab/pipeline.ts';
import { spanOf } from '../yaml-positions.ts';
import type { Check, CheckHit } from './types.ts';

const SHA = /\b[0-9a-f]{40}\b/i;

function hitFor(include: Include): CheckHit | undefined {
  const base = { path: include.file.path, anchor: `include.${include.kind}:${include.value}` };
  switch (include.kind) {
    case 'remote':
      if (SHA.test(include.value)) return undefined;
      return {
        ...base,
        span: spanOf(include.file, include.node),
        title: `Remote include ${include.value} is not pinned to a commit`,
        detail: 'Whoever controls that URL changes this pipeline.',
        snippet: include.value,
      };
    case 'project': {
      const ref = include.ref;
      if (ref !== undefined && SHA.test(ref.value)) return undefined;
      return {
        ...base,
        span: spanOf(include.file, ref?.node ?? include.node),
        title:
          ref === undefined
            ? `Include from project ${include.value} follows its default branch`
            : `Include from project ${include.value} is pinned to "${ref.value}", not a commit SHA`,
        detail: 'Anyone who can push to that branch or move that tag changes this pipeline.',
        snippet: `${include.value}@${ref?.value ?? ''}`,
      };
    }
    case 'component': {
      const version = include.value.slice(include.value.lastIndexOf('@') + 1);
      if (include.value.includes('@') && SHA.test(version)) return undefined;
      const tag = /^v?\d+(?:\.\d+){0,2}$/.test(version);
      return {
        ...base,
        span: spanOf(include.file, include.node),
        title: tag
          ? `Component ${include.value} is pinned to a tag, not a commit SHA`
          : `Component ${include.value} follows a moving version`,
        severity: tag ? 'low' : 'medium',
        snippet: include.value,
      };
    }
    default:
      return undefined;
  }
}

export const gitlabUnpinnedInclude: Check<Pipeline> = {
  meta: {
    id: 'gitlab-unpinned-include',
    title: 'Included CI configuration not pinned to a commit',
    severity: 'medium',
    severityNote: 'low for CI/CD components pinned to a release tag.',
    target: 'gitlab',
    description:
      "Remote and cross-project includes are fetched when the pipeline is created. A URL, a branch or a tag can start serving different YAML at any time, and that YAML runs with this project's CI/CD variables, runners and deploy credentials.",
    remediation:
      'Pin project includes and components to a full commit SHA: `include: [{ project: platform/ci-templates, ref: 3f2a1c…40-hex…, file: /build.yml }]`; vendor remote files into the repository and include them with `local:`.',
    references: [
      'https://docs.gitlab.com/ci/yaml/includes/',
      'https://docs.gitlab.com/ci/components/#use-a-component',
    ],
    examples: {
      bad: `include:
  - project: platform/ci-templates
    file: /templates/build.yml
  - remote: https://example.com/ci/lint.yml

build:
  extends: .build
`,
      good: `include:
  - project: platform/ci-templates
    ref: 5b0ab881cd631a127e26907f2bf139067a854af4
    file: /templates/build.yml
  - local: /ci/lint.yml

build:
  extends: .build
`,
    },
  },
  detect(pipeline) {
    return pipeline.includes.flatMap((i) => hitFor(i) ?? []);
  },
};
