import { describe, expect, it } from 'vitest';
import { joinInsideRoot, normalizeEntryPath } from './paths.ts';
import { Vfs } from './vfs.ts';
import { whiteoutOf } from './whiteout.ts';

describe('paths', () => {
  it('normalizes tar names and refuses ones that climb out of the root', () => {
    expect(normalizeEntryPath('./etc//os-release')).toBe('etc/os-release');
    expect(normalizeEntryPath('/etc/shadow')).toBe('etc/shadow');
    expect(normalizeEntryPath('usr/../etc/x/')).toBe('etc/x');
    expect(normalizeEntryPath('../../etc/passwd')).toBeUndefined();
    expect(normalizeEntryPath('a/../../b')).toBeUndefined();
  });

  it('joins symlink targets like a chroot', () => {
    expect(joinInsideRoot('etc', '../usr/lib/os-release')).toBe('usr/lib/os-release');
    expect(joinInsideRoot('etc', '/../../../../etc/passwd')).toBe('etc/passwd');
    expect(joinInsideRoot('', '../../x')).toBe('x');
  });
});

describe('whiteouts', () => {
  it('classifies whiteout names', () => {
    expect(whiteoutOf('usr/share/doc/.wh.bash')).toEqual({
      kind: 'file',
      path: 'usr/share/doc/bash',
    });
    expect(whiteoutOf('.wh.app')).toEqual({ kind: 'file', path: 'app' });
    expect(whiteoutOf('srv/.wh..wh..opq')).toEqual({ kind: 'opaque', dir: 'srv' });
    expect(whiteoutOf('.wh..wh.plnk/1234.5678')).toBeUndefined();
    expect(whiteoutOf('x/.wh..wh.aufs')).toEqual({ kind: 'meta' });
    expect(whiteoutOf('etc/passwd')).toBeUndefined();
  });
});

describe('final-state filesystem', () => {
  it('applies whiteouts and opaque directories to lower layers only', () => {
    const vfs = new Vfs<string>();
    vfs.setFile('srv/a', 0, 'a0');
    vfs.setFile('srv/sub/b', 0, 'b0');
    vfs.setFile('srv/c', 1, 'c1');
    vfs.opaque('srv', 1);
    expect([...vfs.files()].map(([p]) => p)).toEqual(['srv/c']);
    vfs.setFile('opt/x/y', 0, 'y0');
    vfs.whiteout('opt/x', 2);
    expect(vfs.lookup('opt/x')).toBeUndefined();
    vfs.setFile('etc/z', 3, 'z3');
    vfs.whiteout('etc/z', 3);
    expect(vfs.lookup('etc/z')).toBeDefined();
  });

  it('lets a file replace a directory tree and a directory replace a symlink', () => {
    const vfs = new Vfs<string>();
    vfs.setFile('lib/x/y', 0, 'y');
    vfs.setFile('lib/x', 1, 'file');
    expect([...vfs.files()]).toEqual([['lib/x', { kind: 'file', layer: 1, data: 'file' }]]);
    vfs.setSymlink('bin', 0, 'usr/bin');
    vfs.setDir('bin', 1);
    expect(vfs.lookup('bin')?.kind).toBe('dir');
  });

  it('resolves symlinks inside the root, absolute and relative, and stops loops', () => {
    const vfs = new Vfs<string>();
    vfs.setFile('usr/lib/os-release', 0, 'debian');
    vfs.setSymlink('etc/os-release', 0, '../usr/lib/os-release');
    vfs.setSymlink('lib', 0, 'usr/lib');
    vfs.setSymlink('escape', 0, '/../../../../usr/lib/os-release');
    vfs.setSymlink('loop/a', 0, 'b');
    vfs.setSymlink('loop/b', 0, '/loop/a');
    expect(vfs.resolve('etc/os-release')).toMatchObject({ ok: true, path: 'usr/lib/os-release' });
    expect(vfs.resolve('lib/os-release')).toMatchObject({ ok: true, path: 'usr/lib/os-release' });
    expect(vfs.resolve('escape')).toMatchObject({ ok: true, path: 'usr/lib/os-release' });
    expect(vfs.resolve('loop/a')).toEqual({ ok: false, reason: 'loop' });
    expect(vfs.resolve('missing/file')).toEqual({
      ok: true,
      path: 'missing/file',
      node: undefined,
    });
  });
});
