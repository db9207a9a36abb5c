import { describe, expect, it } from 'vitest';
import { detectDistro } from './detect.ts';
import { distroNaming } from './distro.ts';
import { parseOsRelease } from './os-release.ts';

describe('os-release', () => {
  it('parses quoted values and ignores junk', () => {
    const fields = parseOsRelease(
      '# c\nNAME="Debian \\"GNU\\"/Linux"\nID=debian\nVERSION_ID=\'11\'\nbogus line\n',
    );
    expect(Object.fromEntries(fields)).toEqual({
      NAME: 'Debian "GNU"/Linux',
      ID: 'debian',
      VERSION_ID: '11',
    });
  });
});

describe('distribution naming', () => {
  it.each([
    [{ id: 'debian', versionId: '11' }, 'Debian:11', 'debian-11'],
    [{ id: 'ubuntu', versionId: '22.04' }, 'Ubuntu:22.04', 'ubuntu-22.04'],
    [{ id: 'alpine', versionId: '3.18.4' }, 'Alpine:v3.18', 'alpine-3.18.4'],
    [{ id: 'rhel', versionId: '9.3' }, 'Red Hat:enterprise_linux:9', 'rhel-9.3'],
    [{ id: 'rocky', versionId: '8.9' }, 'Rocky Linux:8', 'rocky-8.9'],
    [{ id: 'almalinux', versionId: '9.4' }, 'AlmaLinux:9', 'almalinux-9.4'],
    [{ id: 'sles', versionId: '15.5' }, 'SUSE:Linux Enterprise Server 15 SP5', 'sles-15.5'],
    [{ id: 'opensuse-leap', versionId: '15.5' }, 'openSUSE:Leap 15.5', 'opensuse-15.5'],
    [{ id: 'photon', versionId: '5.0' }, 'Photon OS:5.0', 'photon-5.0'],
    [{ id: 'fedora', versionId: '39' }, 'Fedora:39', 'fedora-39'],
  ])('%o → %s', (distro, ecosystem, purlDistro) => {
    expect(distroNaming(distro)).toMatchObject({ ecosystem, purlDistro });
  });

  it('leaves rolling releases without a release', () => {
    expect(distroNaming({ id: 'wolfi' })).toEqual({ ecosystem: 'Wolfi', purlNamespace: 'wolfi' });
    expect(distroNaming({ id: 'debian' }).ecosystem).toBe('Debian');
  });
});

describe('distribution detection', () => {
  const reader = (files: Record<string, string>) => async (p: string) => files[p];

  it('prefers /etc/os-release, then /usr/lib/os-release, then release files', async () => {
    expect(
      await detectDistro(reader({ 'usr/lib/os-release': 'ID=ubuntu\nVERSION_ID="20.04"\n' })),
    ).toEqual({
      distro: { id: 'ubuntu', versionId: '20.04' },
      evidence: 'usr/lib/os-release',
    });
    expect((await detectDistro(reader({ 'etc/alpine-release': '3.19.1\n' })))?.distro).toEqual({
      id: 'alpine',
      versionId: '3.19.1',
    });
    expect(
      (await detectDistro(reader({ 'etc/debian_version': 'bookworm/sid\n' })))?.distro,
    ).toEqual({
      id: 'debian',
      versionId: '12',
    });
    expect(
      (
        await detectDistro(
          reader({
            'etc/redhat-release': 'CentOS Linux release 7.9.2009 (Core)\n',
            'etc/centos-release': 'CentOS Linux release 7.9.2009 (Core)\n',
          }),
        )
      )?.distro,
    ).toMatchObject({ id: 'centos', versionId: '7.9.2009' });
    expect(await detectDistro(reader({}))).toBeUndefined();
  });
});
