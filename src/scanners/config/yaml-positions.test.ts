import { describe, expect, it } from 'vitest';
import { classifyConfigPath } from './classify.ts';
import { floatingImageReason, parseImageRef } from './image-ref.ts';
import { entries, get, parseYaml, spanInScalar, spanOf, text } from './yaml-positions.ts';

function parse(source: string) {
  const result = parseYaml('x.yml', source);
  if (!result.ok) throw new Error(result.message);
  return result.file;
}

describe('parseYaml', () => {
  it('gives line and column spans of nodes', () => {
    const file = parse('a:\n  b: "hello"\n');
    expect(spanOf(file, get(file, get(file, file.doc.contents, 'a'), 'b'))).toEqual({
      line: 2,
      column: 6,
      endLine: 2,
      endColumn: 13,
    });
  });

  it('folds merge keys into entries without letting them override', () => {
    const file = parse('base: &b {x: 1, y: 2}\njob:\n  <<: *b\n  y: 3\n');
    const job = get(file, file.doc.contents, 'job');
    expect(entries(file, job).map((e) => [e.key, text(file, e.value)])).toEqual([
      ['y', '3'],
      ['x', '1'],
    ]);
  });

  it('places a piece of a block scalar or a quoted string on its source line', () => {
    const file = parse('run: |\n  echo a\n  echo $X and $X\nq: "say \\"$X\\""\n');
    const run = get(file, file.doc.contents, 'run');
    const value = text(file, run) ?? '';
    expect(spanInScalar(file, run as never, value, value.lastIndexOf('$X'), 2)).toMatchObject({
      line: 3,
      column: 15,
    });
    const q = get(file, file.doc.contents, 'q');
    const qv = text(file, q) ?? '';
    expect(spanInScalar(file, q as never, qv, qv.indexOf('$X'), 2)).toMatchObject({
      line: 4,
      column: 11,
    });
  });

  it('uses the last document when a header document comes first', () => {
    const file = parse('spec:\n  inputs: {}\n---\njob:\n  script: [true]\n');
    expect(entries(file, file.doc.contents).map((e) => e.key)).toEqual(['job']);
  });

  it('reports syntax errors with their position', () => {
    expect(parseYaml('x.yml', 'a: [1, 2\nb: 3\n')).toMatchObject({
      ok: false,
      code: 'parse-error',
    });
    expect(parseYaml('x.yml', '')).toMatchObject({ ok: false, code: 'empty' });
  });
});

describe('image references', () => {
  it.each([
    ['node', 'has no tag, so it means :latest'],
    ['node:latest', 'uses the :latest tag'],
    ['registry:5000/team/app', 'has no tag, so it means :latest'],
    ['registry:5000/team/app:1.2', undefined],
    ['node@sha256:abc', undefined],
    ['node:latest@sha256:abc', undefined],
  ])('%s', (ref, reason) => {
    expect(floatingImageReason(parseImageRef(ref))).toBe(reason);
  });
});

describe('classifyConfigPath', () => {
  it.each([
    ['.github/workflows/ci.yml', 'github-workflow'],
    ['.github/workflows/ci.yaml', 'github-workflow'],
    ['.github/workflows/nested/ci.yml', undefined],
    ['action.yml', 'github-action'],
    ['tools/x/action.yaml', 'github-action'],
    ['.gitlab-ci.yml', 'gitlab-ci'],
    ['ci/build.gitlab-ci.yml', 'gitlab-ci'],
    ['Dockerfile', 'dockerfile'],
    ['api.Dockerfile', 'dockerfile'],
    ['Dockerfile.prod', 'dockerfile'],
    ['Containerfile', 'dockerfile'],
    ['Dockerfile.dockerignore', undefined],
    ['Dockerfile.j2', undefined],
    ['docs/Dockerfile.md', undefined],
    ['ci.yml', undefined],
  ])('%s → %s', (path, kind) => {
    expect(classifyConfigPath(path)).toBe(kind);
  });
});
