// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are shell, Dockerfile and workflow text
import { describe, expect, it } from 'vitest';
import { isUntrustedContext } from './contexts.ts';
import { findExpressions, reachingContexts } from './expressions.ts';

describe('findExpressions', () => {
  it('finds each ${{ }} with offsets, skipping braces inside string literals', () => {
    const text = "a ${{ github.x }} b ${{ format('}}{0}', env.Y) }} c ${{ unclosed";
    expect(findExpressions(text)).toEqual([
      { start: 2, end: 17, body: 'github.x' },
      { start: 20, end: 49, body: "format('}}{0}', env.Y)" },
    ]);
  });
});

describe('reachingContexts', () => {
  it.each([
    ['github.event.issue.title', ['github.event.issue.title']],
    ["github.event['issue'].Title", ['github.event.issue.Title']],
    ['github.event.commits[0].message', ['github.event.commits.*.message']],
    ["format('{0} {1}', github.head_ref, env.X)", ['github.head_ref', 'env.X']],
    ['toJSON(github.event.pull_request)', ['github.event.pull_request']],
    ['fromJSON(steps.meta.outputs.json).title', ['steps.meta.outputs.json']],
    ["github.event.issue.title || 'untitled'", ['github.event.issue.title']],
    ["github.event.issue.title == 'x'", []],
    ['!github.event.issue.title', []],
    ["contains(github.event.issue.title, 'bug')", []],
    ["startsWith(github.head_ref, 'dependabot/')", []],
    ["hashFiles('**/package-lock.json')", []],
    ['github.event.pull_request.number', ['github.event.pull_request.number']],
    ['matrix.os', ['matrix.os']],
    ["inputs.name && 'yes'", ['inputs.name']],
    [
      'github.event.pages[github.run_number].page_name',
      ['github.run_number', 'github.event.pages.*.page_name'],
    ],
  ])('%s', (body, expected) => {
    expect(reachingContexts(body)).toEqual(expected);
  });

  it('falls back to every context mentioned when the expression cannot be parsed', () => {
    expect(reachingContexts(`${'('.repeat(500)}github.event.issue.body`)).toEqual([
      'github.event.issue.body',
    ]);
    expect(reachingContexts('github.event.issue.title ===== ]')).toEqual([
      'github.event.issue.title',
    ]);
  });
});

describe('isUntrustedContext', () => {
  it.each([
    ['github.event.issue.title', true],
    ['github.event.pull_request.body', true],
    ['github.head_ref', true],
    ['github.event.pull_request.head.ref', true],
    ['github.event.commits.*.message', true],
    ['github.event.pages.*.page_name', true],
    ['github.event.workflow_run.head_branch', true],
    ['github.event.pull_request', true],
    ['github.event', true],
    ['github.event.pull_request.number', false],
    ['github.event.pull_request.head.sha', false],
    ['github.event.issue.user.login', false],
    ['github.sha', false],
    ['env.title', false],
  ])('%s → %s', (path, expected) => {
    expect(isUntrustedContext(path)).toBe(expected);
  });
});
