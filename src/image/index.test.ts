import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeGoElf } from '../../test/helpers/image/elf-writer.ts';
import { writeZip } from '../../test/helpers/image/zip-writer.ts';
import {
  type ImageSpec,
  writeDockerArchive,
  writeOciArchive,
  writeOciLayout,
} from '../../test/helpers/image-builder.ts';
import { SecflowError } from '../core/errors.ts';
import type { Inventory } from '../scanners/inventory.ts';
import { collectImageInventory, detectImageKind } from './index.ts';

const work = mkdtempSync(join(tmpdir(), 'secflow-image-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const osRelease = 'PRETTY_NAME="Debian GNU/Linux 11 (bullseye)"\nID=debian\nVERSION_ID="11"\n';
const dpkg = (...pkgs: [string, string, string?][]) =>
  pkgs
    .map(
      ([name, version, source]) =>
        `Package: ${name}\nStatus: install ok installed\nArchitecture: amd64\n${source ? `Source: ${source}\n` : ''}Version: ${version}\n`,
    )
    .join('\n');
const npmPackage = (name: string, version: string) => JSON.stringify({ name, version });

/** Three layers: a base, a RUN that installs things, a RUN that deletes things. */
function spec(platform = { os: 'linux', architecture: 'amd64' }, marker = 'amd64'): ImageSpec {
  return {
    reference: `example.com/app:${marker}`,
    platform,
    emptySteps: [
      { before: 1, createdBy: 'ENV LANG=C.UTF-8' },
      { before: 2, createdBy: 'WORKDIR /app' },
    ],
    layers: [
      {
        createdBy: '/bin/sh -c #(nop) ADD file:base.tar in / ',
        compression: 'gzip',
        entries: [
          { path: 'etc', type: 'dir' },
          { path: 'etc/os-release', type: 'symlink', linkname: '../usr/lib/os-release' },
          { path: 'usr/lib/os-release', content: osRelease },
          {
            path: 'var/lib/dpkg/status',
            content: dpkg(['libc6', '2.31-13+deb11u5', 'glibc'], ['zlib1g', '1:1.2.11.dfsg-2']),
          },
          { path: 'opt/old/node_modules/old/package.json', content: npmPackage('old', '1.0.0') },
          { path: 'srv/node_modules/gone/package.json', content: npmPackage('gone', '1.0.0') },
        ],
      },
      {
        createdBy: `RUN apt-get install -y curl && npm install left-pad # ${marker}`,
        compression: 'zstd',
        entries: [
          {
            path: 'var/lib/dpkg/status',
            content: dpkg(
              ['libc6', '2.31-13+deb11u5', 'glibc'],
              ['zlib1g', '1:1.2.11.dfsg-2+deb11u2'],
              ['curl', '7.74.0-1.3+deb11u7'],
            ),
          },
          {
            path: 'app/node_modules/left-pad/package.json',
            content: npmPackage('left-pad', '1.3.0'),
          },
          {
            path: 'usr/lib/python3/dist-packages/requests-2.25.1.dist-info/METADATA',
            content: 'Metadata-Version: 2.1\nName: requests\nVersion: 2.25.1\n',
          },
          {
            path: 'usr/local/bin/app',
            mode: 0o755,
            content: writeGoElf({
              goVersion: 'go1.21.5',
              format: 'inline',
              modinfo:
                'path\tex.com/app\nmod\tex.com/app\t(devel)\t\ndep\tgithub.com/pkg/errors\tv0.9.1\th1:x=\n',
            }),
          },
          {
            path: 'app/lib/app.jar',
            content: writeZip([
              {
                name: 'META-INF/maven/org.yaml/snakeyaml/pom.properties',
                content: 'groupId=org.yaml\nartifactId=snakeyaml\nversion=1.33\n',
              },
            ]),
          },
          { path: 'usr/local/bin/not-go.sh', mode: 0o755, content: '#!/bin/sh\necho hi\n' },
        ],
      },
      {
        createdBy: 'RUN rm -rf /opt/old /srv/* && ln -s /etc/passwd /app/passwd',
        compression: 'none',
        entries: [
          { path: 'opt/.wh.old' },
          { path: 'srv/.wh..wh..opq' },
          { path: 'srv/node_modules/kept/package.json', content: npmPackage('kept', '2.0.0') },
          { path: 'app/passwd', type: 'symlink', linkname: '/etc/passwd' },
        ],
      },
    ],
  };
}

const now = new Date('2025-01-01T00:00:00Z');
const paths = {
  docker: join(work, 'image.tar'),
  oci: join(work, 'oci'),
  ociArchive: join(work, 'oci.tar'),
  multi: join(work, 'multi'),
};

beforeAll(async () => {
  await writeDockerArchive(spec(), paths.docker);
  await writeOciLayout([spec()], paths.oci);
  await writeOciArchive([spec()], paths.ociArchive);
  await writeOciLayout(
    [spec(), spec({ os: 'linux', architecture: 'arm64' }, 'arm64')],
    paths.multi,
    { attestation: true, nestedIndex: true },
  );
});

const summary = (inv: Inventory) =>
  inv.packages.map((p) => `${p.ecosystem} ${p.name}@${p.version} L${p.layer?.index}`).sort();

const expected = [
  'Debian:11 curl@7.74.0-1.3+deb11u7 L1',
  'Debian:11 libc6@2.31-13+deb11u5 L0',
  'Debian:11 zlib1g@1:1.2.11.dfsg-2+deb11u2 L1',
  'Go github.com/pkg/errors@0.9.1 L1',
  'Go stdlib@1.21.5 L1',
  'Maven org.yaml:snakeyaml@1.33 L1',
  'PyPI requests@2.25.1 L1',
  'npm kept@2.0.0 L2',
  'npm left-pad@1.3.0 L1',
];

describe('container images', () => {
  it('detects the three image forms', async () => {
    expect(await detectImageKind(paths.docker)).toBe('docker-archive');
    expect(await detectImageKind(paths.oci)).toBe('oci-layout');
    expect(await detectImageKind(paths.ociArchive)).toBe('oci-archive');
    expect(await detectImageKind(work)).toBeUndefined();
    expect(await detectImageKind(join(work, 'nope'))).toBeUndefined();
  });

  it.each(['docker', 'oci', 'ociArchive'] as const)(
    'inventories a %s image: final state, whiteouts, layer attribution',
    async (form) => {
      const inv = await collectImageInventory(paths[form], { now });
      expect(summary(inv)).toEqual(expected);
      expect(inv.warnings).toEqual([]);
      expect(inv.target).toMatchObject({
        kind: 'image',
        os: { id: 'debian', release: '11', prettyName: 'Debian GNU/Linux 11 (bullseye)' },
        image: { reference: 'example.com/app:amd64', platform: 'linux/amd64' },
      });
      const curl = inv.packages.find((p) => p.name === 'curl');
      expect(curl?.layer?.createdBy).toBe(
        'RUN apt-get install -y curl && npm install left-pad # amd64',
      );
      expect(curl?.source).toEqual({ name: 'curl', version: '7.74.0-1.3+deb11u7' });
      expect(inv.packages.find((p) => p.name === 'libc6')?.layer?.createdBy).toContain(
        'ADD file:base.tar',
      );
      expect(inv.findings).toEqual([]);
      expect(inv.filesScanned).toBe(11);
    },
  );

  it('uses stored-blob digests: diff_ids for docker save, compressed digests for OCI', async () => {
    const docker = await collectImageInventory(paths.docker, { now });
    const oci = await collectImageInventory(paths.oci, { now });
    const layerOf = (inv: Inventory) => inv.packages.find((p) => p.name === 'curl')?.layer?.digest;
    expect(layerOf(docker)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(layerOf(oci)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(layerOf(docker)).not.toBe(layerOf(oci)); // zstd blob vs uncompressed diff
    expect(docker.target.image?.digest).toMatch(/^sha256:/);
  });

  it('reports an end-of-life release against the injected clock', async () => {
    const inv = await collectImageInventory(paths.oci, { now: new Date('2027-01-01') });
    expect(inv.findings).toEqual([
      expect.objectContaining({
        kind: 'end-of-life',
        distro: { id: 'debian', release: '11', eol: '2026-08-31' },
      }),
    ]);
  });

  it('picks the host platform from a multi-platform index and skips attestations', async () => {
    const inv = await collectImageInventory(paths.multi, { now });
    expect(inv.target.image?.platform).toBe('linux/amd64');
    const arm = await collectImageInventory(paths.multi, { now, platform: 'linux/arm64' });
    expect(arm.target.image?.platform).toBe('linux/arm64');
    expect(arm.packages.find((p) => p.name === 'curl')?.layer?.createdBy).toContain('# arm64');
  });

  it('names the available platforms when the wanted one is missing', async () => {
    const attempt = collectImageInventory(paths.multi, { now, platform: 'linux/s390x' });
    await expect(attempt).rejects.toThrow(SecflowError);
    await expect(attempt).rejects.toMatchObject({
      code: 'usage',
      message: expect.stringContaining('it has linux/amd64, linux/arm64'),
    });
  });

  it('refuses something that is not an image', async () => {
    await expect(collectImageInventory(work)).rejects.toMatchObject({ code: 'input' });
  });
});
