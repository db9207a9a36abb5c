/** Which kind of build or pipeline definition a file is, by its path. */
export type ConfigKind = 'github-workflow' | 'github-action' | 'gitlab-ci' | 'dockerfile';

/** Dockerfile-named files that are templates or side files, not Dockerfiles. */
const NOT_A_DOCKERFILE =
  /\.(?:dockerignore|md|txt|json|ya?ml|sh|ps1|py|j2|jinja2?|tmpl|tpl|template|in|erb|mustache|hbs|bak|orig|swp)$/i;

export function classifyConfigPath(path: string): ConfigKind | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (/(?:^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(path)) return 'github-workflow';
  if (name === 'action.yml' || name === 'action.yaml') return 'github-action';
  if (/^(?:.+\.)?\.?gitlab-ci\.ya?ml$/.test(name)) return 'gitlab-ci';
  if (NOT_A_DOCKERFILE.test(name)) return undefined;
  if (
    /^(?:Dockerfile|Containerfile)(?:\..+)?$/i.test(name) ||
    /\.(?:Dockerfile|Containerfile)$/i.test(name)
  )
    return 'dockerfile';
  return undefined;
}
