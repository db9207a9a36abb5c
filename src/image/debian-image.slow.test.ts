import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { writeZip } from '../../test/helpers/image/zip-writer.ts';
import {
  debianBullseyeRootfs,
  dpkgQuery,
  type ImageSpec,
  workDir,
  writeDockerArchive,
  writeOciArchive,
  writeOciLayout,
} from '../../test/helpers/image-builder.ts';
import type { Inventory } from '../scanners/inventory.ts';
import { collectImageInventory, collectRootfsInventory } from './index.ts';

/**
 * Real images from real packages: a debootstrapped Debian 11 (cached under test/.work/image),
 * plus a layer with language packages and a Go binary built here with a versioned dependency
 * served from a local module proxy, plus a layer of deletions. Needs root, debootstrap, the
 * Debian mirror (first run only) and golang-go.
 */
const suite = join(workDir, 'debian-image-v1');
/** The shared DSA/DLA data (read-only, beside the repository). */
const advisoryZip = join(import.meta.dirname, '../../../shared/advisories/Debian/all.zip');
const now = new Date('2025-06-01');
let root: string;
let expected: string[];
const images = {
  docker: join(suite, 'image.tar'),
  oci: join(suite, 'oci'),
  ociArchive: join(suite, 'oci.tar'),
};

/** Builds a Go program depending on example.com/greet v1.2.3 from a file:// module proxy. */
function buildGoBinary(dir: string): Buffer {
  const proxy = join(dir, 'proxy/example.com/greet/@v');
  mkdirSync(proxy, { recursive: true });
  const mod = 'module example.com/greet\n\ngo 1.19\n';
  writeFileSync(join(proxy, 'list'), 'v1.2.3\n');
  writeFileSync(join(proxy, 'v1.2.3.info'), '{"Version":"v1.2.3","Time":"2024-01-01T00:00:00Z"}');
  writeFileSync(join(proxy, 'v1.2.3.mod'), mod);
  writeFileSync(
    join(proxy, 'v1.2.3.zip'),
    writeZip([
      { name: 'example.com/greet@v1.2.3/go.mod', content: mod },
      {
        name: 'example.com/greet@v1.2.3/greet.go',
        content: 'package greet\n\nfunc Hello() string { return "hello" }\n',
      },
    ]),
  );
  const app = join(dir, 'app');
  mkdirSync(app, { recursive: true });
  writeFileSync(
    join(app, 'go.mod'),
    'module example.com/app\n\ngo 1.19\n\nrequire example.com/greet v1.2.3\n',
  );
  writeFileSync(
    join(app, 'main.go'),
    'package main\n\nimport (\n\t"fmt"\n\t"example.com/greet"\n)\n\nfunc main() { fmt.Println(greet.Hello()) }\n',
  );
  const env = {
    ...process.env,
    GOPROXY: `file://${join(dir, 'proxy')}`,
    GOSUMDB: 'off',
    GOFLAGS: '-mod=mod',
    GOPATH: join(dir, 'gopath'),
    GOCACHE: join(dir, 'gocache'),
    CGO_ENABLED: '0',
  };
  execFileSync('go', ['build', '-trimpath', '-ldflags=-s -w', '-o', join(dir, 'app.bin'), '.'], {
    cwd: app,
    env,
  });
  return readFileSync(join(dir, 'app.bin'));
}

function spec(rootfs: string, goBinary: Buffer): ImageSpec {
  return {
    reference: 'secflow/bullseye-app:1',
    emptySteps: [{ before: 1, createdBy: 'ENV NODE_ENV=production' }],
    layers: [
      { createdBy: '/bin/sh -c #(nop) ADD file:bullseye-minbase.tar in / ', fromDir: rootfs },
      {
        createdBy: 'RUN npm ci && pip install requests && go build -o /usr/local/bin/app',
        compression: 'zstd',
        entries: [
          { path: 'app/hello.txt', content: 'hello\n' },
          {
            path: 'app/node_modules/express/package.json',
            content: '{"name":"express","version":"4.17.1"}',
          },
          {
            path: 'usr/local/lib/python3.9/dist-packages/requests-2.25.1.dist-info/METADATA',
            content: 'Metadata-Version: 2.1\nName: requests\nVersion: 2.25.1\n',
          },
          { path: 'usr/local/bin/app', mode: 0o755, content: goBinary },
        ],
      },
      {
        createdBy:
          'RUN rm -rf /usr/share/doc/bash /var/lib/apt/lists/* && ln -s /etc/passwd /app/passwd',
        compression: 'none',
        entries: [
          { path: 'usr/share/doc/.wh.bash' },
          { path: 'var/lib/apt/lists/.wh..wh..opq' },
          { path: 'app/passwd', type: 'symlink', linkname: '/etc/passwd' },
        ],
      },
    ],
  };
}

beforeAll(async () => {
  root = await debianBullseyeRootfs();
  expected = dpkgQuery(root);
  if (!existsSync(join(suite, '.complete'))) {
    rmSync(suite, { recursive: true, force: true });
    mkdirSync(suite, { recursive: true });
    const go = buildGoBinary(join(suite, 'go'));
    const image = spec(root, go);
    await writeDockerArchive(image, images.docker);
    await writeOciLayout([image], images.oci);
    await writeOciArchive([image], images.ociArchive);
    writeFileSync(join(suite, '.complete'), '');
  }
}, 900_000);

const dpkgLines = (inv: Inventory) =>
  inv.packages
    .filter((p) => p.extractor === 'debian/dpkg-status')
    .map((p) => `${p.name} ${p.version} ${p.source?.name} ${p.source?.version}`)
    .sort();

describe('a debootstrapped Debian 11 image', () => {
  it('has the packages dpkg-query lists', () => {
    expect(expected.length).toBeGreaterThan(80);
  });

  it.each(['docker', 'oci', 'ociArchive'] as const)(
    '%s: dpkg packages equal dpkg-query',
    async (form) => {
      const inv = await collectImageInventory(images[form], { now });
      expect(dpkgLines(inv)).toEqual(expected);
      expect(
        new Set(
          inv.packages.filter((p) => p.extractor === 'debian/dpkg-status').map((p) => p.ecosystem),
        ),
      ).toEqual(new Set(['Debian:11']));
      expect(inv.target.os).toMatchObject({ id: 'debian', release: '11' });
      expect(inv.warnings).toEqual([]);
      const base = inv.packages.find((p) => p.name === 'libc6');
      expect(base?.layer).toMatchObject({
        index: 0,
        createdBy: expect.stringContaining('ADD file:bullseye'),
      });
      const others = inv.packages
        .filter((p) => p.extractor !== 'debian/dpkg-status')
        .map((p) => `${p.ecosystem} ${p.name}@${p.version} L${p.layer?.index}`)
        .sort();
      expect(others).toEqual([
        'Go example.com/greet@1.2.3 L1',
        `Go stdlib@${goVersion()} L1`,
        'PyPI requests@2.25.1 L1',
        'npm express@4.17.1 L1',
      ]);
    },
  );

  it('the unpacked root filesystem gives the same dpkg packages', async () => {
    const inv = await collectRootfsInventory(root, { now });
    expect(dpkgLines(inv)).toEqual(expected);
    expect(inv.target).toMatchObject({ kind: 'rootfs', os: { id: 'debian', release: '11' } });
  });

  it.runIf(existsSync(advisoryZip))(
    'names source packages that Debian 11 advisories are keyed by',
    async () => {
      const inv = await collectImageInventory(images.oci, { now });
      const sources = new Set(
        inv.packages.filter((p) => p.ecosystem === 'Debian:11').map((p) => p.source?.name),
      );
      const advised = await debian11AdvisoryPackages();
      const overlap = [...sources].filter((s) => s !== undefined && advised.has(s));
      // The DSA/DLA lists (up to April 2023) name these bullseye minbase sources, among others.
      expect(overlap).toEqual(
        expect.arrayContaining(['openssl', 'gzip', 'zlib', 'dpkg', 'xz-utils']),
      );
    },
  );

  it('reports bullseye as end of life after 2026-08-31', async () => {
    const inv = await collectImageInventory(images.docker, { now: new Date('2026-12-01') });
    expect(inv.findings?.map((f) => f.ruleId)).toEqual(['distro-end-of-life']);
  });
});

function goVersion(): string {
  const out = spawnSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' }).stdout.trim();
  const m = /^go(\d+)\.(\d+)(?:\.(\d+))?/.exec(out);
  return m ? `${m[1]}.${m[2]}.${m[3] ?? '0'}` : out;
}

/** Package names with a Debian:11 affected entry in the shared DSA/DLA data. */
async function debian11AdvisoryPackages(): Promise<Set<string>> {
  const names = new Set<string>();
  const zip = await yauzl.openPromise(advisoryZip);
  for await (const entry of zip.eachEntry()) {
    const stream = await zip.openReadStreamPromise(entry);
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    const record = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      affected?: { package?: { ecosystem?: string; name?: string } }[];
    };
    for (const a of record.affected ?? []) {
      if (a.package?.ecosystem === 'Debian:11' && a.package.name) names.add(a.package.name);
    }
  }
  zip.close();
  return names;
}
