/**
 * Context paths an outside contributor controls as free text: titles, bodies, branch names,
 * commit messages, author names. From GitHub Security Lab's list of untrusted inputs; `*`
 * stands for one path segment (an array index). Numbers, SHAs, logins and URLs are not here.
 */
const UNTRUSTED_PATHS: readonly string[] = [
  'github.head_ref',
  'github.event.issue.title',
  'github.event.issue.body',
  'github.event.pull_request.title',
  'github.event.pull_request.body',
  'github.event.pull_request.head.ref',
  'github.event.pull_request.head.label',
  'github.event.pull_request.head.repo.default_branch',
  'github.event.comment.body',
  'github.event.review.body',
  'github.event.review_comment.body',
  'github.event.discussion.title',
  'github.event.discussion.body',
  'github.event.pages.*.page_name',
  'github.event.commits.*.message',
  'github.event.commits.*.author.email',
  'github.event.commits.*.author.name',
  'github.event.commits.*.committer.email',
  'github.event.commits.*.committer.name',
  'github.event.head_commit.message',
  'github.event.head_commit.author.email',
  'github.event.head_commit.author.name',
  'github.event.head_commit.committer.email',
  'github.event.head_commit.committer.name',
  'github.event.workflow_run.head_branch',
  'github.event.workflow_run.display_title',
  'github.event.workflow_run.head_commit.message',
  'github.event.workflow_run.head_commit.author.email',
  'github.event.workflow_run.head_commit.author.name',
  'github.event.workflow_run.pull_requests.*.head.ref',
].map((p) => p.toLowerCase());

const split = (path: string) => path.split('.');

function segmentsMatch(path: readonly string[], pattern: readonly string[]): boolean {
  for (let i = 0; i < path.length; i++) {
    const a = path[i];
    const b = pattern[i];
    if (b === undefined) return true; // the path goes below an untrusted field
    if (a !== b && a !== '*' && b !== '*') return false;
  }
  return true; // equal, or the path names an object that contains an untrusted field
}

/**
 * True when the context path is attacker-controlled text, or an object containing some
 * (`toJSON(github.event.pull_request)`); `github.event.pull_request.number` is not.
 */
export function isUntrustedContext(path: string): boolean {
  const segments = split(path.toLowerCase());
  return UNTRUSTED_PATHS.some((p) => segmentsMatch(segments, split(p)));
}

/** `inputs.name` or `github.event.inputs.name`: the input's name, else undefined. */
export function inputName(path: string): string | undefined {
  const m = /^(?:github\.event\.)?inputs\.([^.]+)$/.exec(path.toLowerCase());
  return m?.[1] === undefined || m[1] === '*' ? undefined : m[1];
}

/** `env.NAME`: the variable's name. */
export function envName(path: string): string | undefined {
  const m = /^env\.([^.]+)$/i.exec(path);
  return m?.[1] === '*' ? undefined : m?.[1];
}

/** `steps.ID.outputs.NAME` → `ID.NAME`. */
export function stepOutputKey(path: string): string | undefined {
  const m = /^steps\.([^.]+)\.outputs\.([^.]+)$/i.exec(path);
  return m === null ? undefined : `${m[1]}.${m[2]}`;
}

/** `needs.JOB.outputs.NAME` → `JOB.NAME`. */
export function needsOutputKey(path: string): string | undefined {
  const m = /^needs\.([^.]+)\.outputs\.([^.]+)$/i.exec(path);
  return m === null ? undefined : `${m[1]}.${m[2]}`;
}

/** Triggers that run with the base repository's secrets and a write token for outside input. */
export const PRIVILEGED_TRIGGERS: ReadonlySet<string> = new Set([
  'pull_request_target',
  'workflow_run',
  'issue_comment',
  'issues',
  'discussion',
  'discussion_comment',
]);

/** Triggers anyone on the internet can cause on a public repository. */
export const PUBLIC_TRIGGERS: ReadonlySet<string> = new Set([
  'pull_request',
  'pull_request_target',
  'pull_request_review',
  'pull_request_review_comment',
  'issue_comment',
  'issues',
  'discussion',
  'discussion_comment',
  'fork',
  'watch',
  'workflow_run',
]);

/** Triggers whose runs share the default branch's cache scope while handling outside input. */
export const CACHE_SHARING_TRIGGERS: ReadonlySet<string> = new Set([
  'pull_request_target',
  'workflow_run',
]);
