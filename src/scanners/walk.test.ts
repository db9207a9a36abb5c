import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScanWarning } from '../core/report.ts';
import { walkFiles } from './walk.ts';

let root: string;
let outside: string;

function file(rel: string, text = 'x'): void {
  const p = join(root, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, text);
}

async function collect(options: Parameters<typeof walkFiles>[1] = {}) {
  const warnings: ScanWarning[] = [];
  const paths: string[] = [];
  for await (const e of walkFiles(root, { ...options, onWarning: (w) => warnings.push(w) })) {
    paths.push(e.path);
  }
  return { paths, warnings };
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'walk-'));
  outside = mkdtempSync(join(tmpdir(), 'walk-outside-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('walkFiles', () => {
  it('yields files in name order, depth first, with sizes', async () => {
    file('b.txt', 'hello');
    file('a/z.txt');
    file('a/b/c.txt');
    const seen = [];
    for await (const e of walkFiles(root)) seen.push([e.path, e.size]);
    expect(seen).toEqual([
      ['b.txt', 5],
      ['a/z.txt', 1],
      ['a/b/c.txt', 1],
    ]);
  });

  it('skips VCS and vendored directories and --skip globs', async () => {
    file('.git/config');
    file('node_modules/x/package.json');
    file('vendor/github.com/x/go.mod');
    file('test/fixtures/package-lock.json');
    file('app/package-lock.json');
    const { paths } = await collect({ skip: ['test/**'] });
    expect(paths).toEqual(['app/package-lock.json']);
  });

  it('honours root and nested .gitignore files, including negation', async () => {
    file('.gitignore', 'build/\n*.log\n');
    file('build/out.json');
    file('x.log');
    file('keep.txt');
    file('sub/.gitignore', '*.txt\n!important.txt\n');
    file('sub/a.txt');
    file('sub/important.txt');
    const { paths } = await collect();
    expect(paths.sort()).toEqual(['.gitignore', 'keep.txt', 'sub/.gitignore', 'sub/important.txt']);
    const all = await collect({ gitignore: false });
    expect(all.paths).toContain('build/out.json');
  });

  it('ends symlink loops with a warning', async () => {
    file('a/f.txt');
    symlinkSync(join(root, 'a'), join(root, 'a', 'loop'));
    const { paths, warnings } = await collect();
    expect(paths).toEqual(['a/f.txt']);
    expect(warnings.map((w) => w.code)).toEqual(['symlink-loop']);
  });

  it('never follows links out of the root, and reports broken links', async () => {
    writeFileSync(join(outside, 'secret.txt'), 'nope');
    symlinkSync(join(outside, 'secret.txt'), join(root, 'link.txt'));
    symlinkSync(outside, join(root, 'dir-link'));
    symlinkSync(join(root, 'missing'), join(root, 'broken'));
    file('inside.txt');
    symlinkSync(join(root, 'inside.txt'), join(root, 'alias.txt'));
    const { paths, warnings } = await collect();
    expect(paths).toEqual(['alias.txt', 'inside.txt']);
    expect(warnings.map((w) => `${w.path}:${w.code}`).sort()).toEqual([
      'broken:broken-symlink',
      'dir-link:symlink-outside-root',
      'link.txt:symlink-outside-root',
    ]);
  });

  it('handles deep trees without recursion', async () => {
    const deep = Array.from({ length: 200 }, (_, i) => `d${i}`).join('/');
    file(`${deep}/leaf.txt`);
    const { paths } = await collect();
    expect(paths).toEqual([`${deep}/leaf.txt`]);
  });
});
