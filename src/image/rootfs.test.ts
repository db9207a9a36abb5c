import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectRootfsInventory } from './index.ts';

const work = mkdtempSync(join(tmpdir(), 'secflow-rootfs-test-'));
chmodSync(work, 0o755);
afterAll(() => rmSync(work, { recursive: true, force: true }));

function tree(root: string, files: Record<string, string | { link: string } | 'fifo'>): string {
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    if (content === 'fifo') execFileSync('mkfifo', [full]);
    else if (typeof content === 'string') writeFileSync(full, content);
    else symlinkSync(content.link, full);
  }
  return root;
}

const status = 'Package: musl\nStatus: install ok installed\nVersion: 1.2.3\n';

describe('root filesystems', () => {
  it('reads packages and resolves symlinks against the root, not the host', async () => {
    const root = tree(join(work, 'alpine'), {
      'usr/lib/os-release': 'ID=alpine\nVERSION_ID=3.18.4\n',
      // On the host /usr/lib/os-release is Debian's: following it there would be wrong.
      'etc/os-release': { link: '/usr/lib/os-release' },
      'lib/apk/db/installed': 'P:musl\nV:1.2.4-r2\nA:x86_64\no:musl\n',
      'app/node_modules/x/package.json': '{"name":"x","version":"1.0.0"}',
      'loop/a': { link: 'b' },
      'loop/b': { link: '/loop/a' },
      'loop/up': { link: '../../../../..' },
      dangling: { link: '/does/not/exist' },
      // A FIFO where a database is expected must not hang the scan.
      'var/lib/dpkg/status.d/fifo': 'fifo',
    });
    const inv = await collectRootfsInventory(root, { now: new Date('2025-01-01') });
    expect(inv.target).toEqual({
      path: root,
      kind: 'rootfs',
      os: { id: 'alpine', release: '3.18.4' },
    });
    expect(inv.packages.map((p) => `${p.ecosystem} ${p.name}@${p.version}`)).toEqual([
      'npm x@1.0.0',
      'Alpine:v3.18 musl@1.2.4-r2',
    ]);
    expect(inv.packages.every((p) => p.layer === undefined)).toBe(true);
    expect(inv.warnings).toEqual([]);
    expect(inv.findings).toEqual([]);
  });

  it('refuses a path that is not a directory', async () => {
    await expect(collectRootfsInventory(join(work, 'nope'))).rejects.toMatchObject({
      code: 'input',
    });
  });

  // Root reads everything, so unreadable files need an unprivileged user: run the scan as nobody.
  const canDropPrivileges =
    process.getuid?.() === 0 && spawnSync('setpriv', ['--help']).status === 0;
  it.runIf(canDropPrivileges)('reports unreadable files and directories instead of failing', () => {
    const root = tree(join(work, 'locked'), {
      'etc/os-release': 'ID=debian\nVERSION_ID=12\n',
      'var/lib/dpkg/status': status,
      'secret/inner/file': 'x',
    });
    chmodSync(join(root, 'var/lib/dpkg/status'), 0o600);
    chmodSync(join(root, 'secret'), 0o700);
    const script = `import { collectRootfsInventory } from ${JSON.stringify(join(import.meta.dirname, 'index.ts'))};
const inv = await collectRootfsInventory(${JSON.stringify(root)});
process.stdout.write(JSON.stringify({ warnings: inv.warnings, os: inv.target.os, packages: inv.packages.length }));`;
    const result = spawnSync(
      'setpriv',
      [
        '--reuid=65534',
        '--regid=65534',
        '--clear-groups',
        '--',
        process.execPath,
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        script,
      ],
      {
        encoding: 'utf8',
        cwd: join(import.meta.dirname, '../..'),
        env: { ...process.env, HOME: '/tmp' },
      },
    );
    expect(result.stderr).toBe('');
    const out = JSON.parse(result.stdout);
    expect(out.os).toEqual({ id: 'debian', release: '12' });
    expect(out.packages).toBe(0);
    expect(
      out.warnings.map((w: { code: string; path: string }) => [w.code, w.path]).sort(),
    ).toEqual([
      ['unreadable', 'secret'],
      ['unreadable', 'var/lib/dpkg/status'],
    ]);
  });
});
