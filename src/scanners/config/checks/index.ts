import type { DockerfileModel } from '../dockerfile/model.ts';
import type { GitHubFile } from '../github/workflow.ts';
import type { Pipeline } from '../gitlab/pipeline.ts';
import { dockerfileAddUrl } from './dockerfile-add-url.ts';
import { dockerfileCurlPipeShell } from './dockerfile-curl-pipe-shell.ts';
import { dockerfileRootUser } from './dockerfile-root-user.ts';
import { dockerfileSecretInEnv } from './dockerfile-secret-in-env.ts';
import { dockerfileUnpinnedBaseImage } from './dockerfile-unpinned-base-image.ts';
import { dockerfileUnpinnedPackage } from './dockerfile-unpinned-package.ts';
import { ghaArtifactCredentials } from './gha-artifact-credentials.ts';
import { ghaCachePoisoning } from './gha-cache-poisoning.ts';
import { ghaDefaultPermissions } from './gha-default-permissions.ts';
import { ghaExcessivePermissions } from './gha-excessive-permissions.ts';
import { ghaGithubEnvInjection } from './gha-github-env-injection.ts';
import { ghaKnownVulnerableAction } from './gha-known-vulnerable-action.ts';
import { ghaSecretsInherit } from './gha-secrets-inherit.ts';
import { ghaSelfHostedRunner } from './gha-self-hosted-runner.ts';
import { ghaTemplateInjection } from './gha-template-injection.ts';
import { ghaUnpinnedAction } from './gha-unpinned-action.ts';
import { ghaUntrustedCheckout } from './gha-untrusted-checkout.ts';
import { gitlabDotenvArtifact } from './gitlab-dotenv-artifact.ts';
import { gitlabSecretInLog } from './gitlab-secret-in-log.ts';
import { gitlabUnpinnedImage } from './gitlab-unpinned-image.ts';
import { gitlabUnpinnedInclude } from './gitlab-unpinned-include.ts';
import { gitlabUntrustedVariableInjection } from './gitlab-untrusted-variable-injection.ts';
import type { Check, CheckMeta } from './types.ts';

export const GITHUB_CHECKS: readonly Check<GitHubFile>[] = [
  ghaTemplateInjection,
  ghaUntrustedCheckout,
  ghaUnpinnedAction,
  ghaDefaultPermissions,
  ghaExcessivePermissions,
  ghaSecretsInherit,
  ghaSelfHostedRunner,
  ghaArtifactCredentials,
  ghaCachePoisoning,
  ghaGithubEnvInjection,
  ghaKnownVulnerableAction,
];

export const GITLAB_CHECKS: readonly Check<Pipeline>[] = [
  gitlabUnpinnedInclude,
  gitlabUnpinnedImage,
  gitlabUntrustedVariableInjection,
  gitlabSecretInLog,
  gitlabDotenvArtifact,
];

export const DOCKERFILE_CHECKS: readonly Check<DockerfileModel>[] = [
  dockerfileRootUser,
  dockerfileAddUrl,
  dockerfileUnpinnedBaseImage,
  dockerfileCurlPipeShell,
  dockerfileSecretInEnv,
  dockerfileUnpinnedPackage,
];

/** Every check's metadata, in documentation order. */
export const ALL_CHECKS: readonly CheckMeta[] = [
  ...GITHUB_CHECKS.map((c) => c.meta),
  ...GITLAB_CHECKS.map((c) => c.meta),
  ...DOCKERFILE_CHECKS.map((c) => c.meta),
];

export function checkMeta(id: string): CheckMeta | undefined {
  return ALL_CHECKS.find((c) => c.id === id);
}
