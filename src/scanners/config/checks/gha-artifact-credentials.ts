import { refVersion, repoKey } from '../github/uses.ts';
import type { GitHubFile, Step } from '../github/workflow.ts';
import { spanOf, text } from '../yaml-positions.ts';
import type { Check, CheckHit } from './types.ts';

function withValue(gh: GitHubFile, step: Step, key: string): string | undefined {
  return text(gh.file, step.with.find((w) => w.key === key)?.value);
}

function usesAction(step: Step, key: string): boolean {
  const ref = step.uses?.ref;
  return ref?.kind === 'repo' && repoKey(ref) === key;
}

/** Normalises an upload or checkout path: workspace-relative, no `./`, no trailing slash. */
function normalise(path: string): string {
  return path
    .trim()
    .replace(
      /^\$\{\{\s*github\.workspace\s*\}\}\/?|^\$GITHUB_WORKSPACE\/?|^\$\{GITHUB_WORKSPACE\}\/?/,
      '',
    )
    .replace(/^(?:\.\/)+/, '')
    .replace(/\/+$/, '');
}

/**
 * upload-artifact leaves hidden files (and so `.git`) out since v4.4.0, and the floating v3
 * tag got the same change; older pinned versions, SHAs without a version comment and
 * `include-hidden-files: true` upload them.
 */
function uploadsHiddenFiles(gh: GitHubFile, step: Step): boolean {
  if (withValue(gh, step, 'include-hidden-files') === 'true') return true;
  const ref = step.uses?.ref;
  if (ref?.kind !== 'repo') return false;
  const version = refVersion(ref.ref, step.uses?.comment);
  if (version === undefined) return /^[0-9a-f]{40}$/i.test(ref.ref);
  const [major = 0, minor = 0] = version;
  if (major >= 5) return false;
  if (major === 4) return minor !== Number.POSITIVE_INFINITY && minor < 4;
  if (major === 3) return minor !== Number.POSITIVE_INFINITY;
  return true;
}

function coversGitDir(uploadPaths: readonly string[], checkoutPath: string): boolean {
  const excluded = uploadPaths.some(
    (p) => p.startsWith('!') && /(^|\/)\.git(\/|$|\*)/.test(normalise(p.slice(1))),
  );
  if (excluded) return false;
  const root = normalise(checkoutPath);
  return uploadPaths
    .filter((p) => !p.startsWith('!'))
    .map(normalise)
    .some(
      (p) =>
        ['', '.', '*', '**', '**/*'].includes(p) ||
        p === root ||
        p === `${root === '' ? '' : `${root}/`}.git` ||
        p.startsWith(`${root === '' ? '' : `${root}/`}.git/`) ||
        (root !== '' && root.startsWith(`${p}/`)),
    );
}

export const ghaArtifactCredentials: Check<GitHubFile> = {
  meta: {
    id: 'gha-artifact-credentials',
    title: 'Checkout credentials uploaded in an artifact',
    severity: 'high',
    target: 'github',
    description:
      "actions/checkout writes the job's GITHUB_TOKEN into `.git/config` unless `persist-credentials: false` is set. Uploading the workspace root (or `.git`) as an artifact with a version of upload-artifact that includes hidden files publishes that token to everyone who can download the run's artifacts — on a public repository, anyone — while it is still valid.",
    remediation:
      'Set `persist-credentials: false` on the checkout and upload only the build output: `with: { persist-credentials: false }` on actions/checkout, `path: dist/` on actions/upload-artifact (v4.4.0 or later leaves hidden files out).',
    references: [
      'https://unit42.paloaltonetworks.com/github-repo-artifacts-leak-tokens/',
      'https://github.com/actions/upload-artifact/issues/602',
    ],
    examples: {
      bad: `name: Build
on: push
permissions:
  contents: read
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@b4ffde65f46336ab88eb53be808477a3936bae11 # v4.1.1
      - run: make
      - uses: actions/upload-artifact@1eb3cb2b3e0f29609092a73eb033bb759a334595 # v4.1.0
        with:
          name: workspace
          path: .
`,
      good: `name: Build
on: push
permissions:
  contents: read
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@b4ffde65f46336ab88eb53be808477a3936bae11 # v4.1.1
        with:
          persist-credentials: false
      - run: make
      - uses: actions/upload-artifact@1eb3cb2b3e0f29609092a73eb033bb759a334595 # v4.1.0
        with:
          name: workspace
          path: .
`,
    },
  },
  detect(gh) {
    const hits: CheckHit[] = [];
    for (const job of gh.jobs) {
      const checkouts: { step: Step; path: string }[] = [];
      for (const step of job.steps) {
        if (usesAction(step, 'actions/checkout')) {
          if (withValue(gh, step, 'persist-credentials') !== 'false')
            checkouts.push({ step, path: withValue(gh, step, 'path') ?? '.' });
          continue;
        }
        if (!usesAction(step, 'actions/upload-artifact') || !uploadsHiddenFiles(gh, step)) continue;
        const pathNode = step.with.find((w) => w.key === 'path')?.value;
        const paths = (text(gh.file, pathNode) ?? '').split('\n').filter((p) => p.trim() !== '');
        const leaked = checkouts.find((c) => coversGitDir(paths, c.path));
        if (leaked === undefined) continue;
        hits.push({
          span: spanOf(gh.file, pathNode),
          title: `Artifact "${withValue(gh, step, 'name') ?? 'artifact'}" includes .git with the checkout's token`,
          detail: `${leaked.step.anchor} keeps credentials in .git/config (no \`persist-credentials: false\`).`,
          anchor: step.anchor,
          snippet: paths.join('|'),
        });
      }
    }
    return hits;
  },
};
