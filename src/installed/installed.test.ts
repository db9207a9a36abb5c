import { describe, expect, it } from 'vitest';
import { writeGoElf } from '../../test/helpers/image/elf-writer.ts';
import { writeZip } from '../../test/helpers/image/zip-writer.ts';
import { goBinaryExtractor, goToolchainVersion } from './go-binary/index.ts';
import { installedExtractors } from './index.ts';
import { javaArchiveExtractor } from './java-archive/index.ts';
import { nodePackageExtractor } from './node-package.ts';
import { pythonMetadataExtractor } from './python-metadata.ts';
import { rubyGemspecExtractor } from './ruby-gemspec.ts';

const file = (path: string, content: string | Buffer) => ({
  path,
  content: Buffer.isBuffer(content) ? content : Buffer.from(content),
});

describe('node_modules package.json', () => {
  it('reads name and version, scoped or not, at any depth', async () => {
    const scoped = await nodePackageExtractor.extract(
      file(
        'app/node_modules/a/node_modules/@babel/core/package.json',
        '{"name":"@babel/core","version":"7.22.0"}',
      ),
    );
    expect(scoped.packages).toEqual([
      {
        ecosystem: 'npm',
        name: '@babel/core',
        version: '7.22.0',
        purl: 'pkg:npm/%40babel/core@7.22.0',
        locations: [{ path: 'app/node_modules/a/node_modules/@babel/core/package.json' }],
        extractor: 'installed/node-package-json',
      },
    ]);
  });

  it('skips broken manifests and matches only package roots', async () => {
    const broken = await nodePackageExtractor.extract(file('node_modules/x/package.json', '{'));
    expect(broken.skipped[0]).toMatchObject({ reason: 'malformed', detail: 'not valid JSON' });
    const info = { size: 10, mode: 0o644 };
    expect(nodePackageExtractor.matches('node_modules/x/package.json', info)).toBe(true);
    expect(nodePackageExtractor.matches('node_modules/@s/x/package.json', info)).toBe(true);
    expect(nodePackageExtractor.matches('node_modules/x/lib/package.json', info)).toBe(false);
    expect(nodePackageExtractor.matches('node_modules/.bin/package.json', info)).toBe(false);
    expect(nodePackageExtractor.matches('app/package.json', info)).toBe(false);
  });
});

describe('Python metadata', () => {
  it('reads dist-info METADATA, egg-info PKG-INFO and distutils egg-info files', async () => {
    const metadata =
      'Metadata-Version: 2.1\nName: Requests_OAuthlib\nVersion: 1.3.1\nSummary: x\n\nName: not-this\n';
    const result = await pythonMetadataExtractor.extract(
      file('usr/lib/python3/dist-packages/requests_oauthlib-1.3.1.dist-info/METADATA', metadata),
    );
    expect(result.packages[0]).toMatchObject({
      ecosystem: 'PyPI',
      name: 'Requests_OAuthlib',
      version: '1.3.1',
      purl: 'pkg:pypi/requests-oauthlib@1.3.1',
    });
    const info = { size: 10, mode: 0o644 };
    expect(pythonMetadataExtractor.matches('x/six-1.16.0.egg-info/PKG-INFO', info)).toBe(true);
    expect(pythonMetadataExtractor.matches('x/python_apt-2.2.1.egg-info', info)).toBe(true);
    expect(pythonMetadataExtractor.matches('x/six-1.16.0.dist-info/RECORD', info)).toBe(false);
    const missing = await pythonMetadataExtractor.extract(
      file('a.dist-info/METADATA', 'Name: x\n'),
    );
    expect(missing.skipped[0]).toMatchObject({ name: 'x', reason: 'malformed' });
  });
});

describe('Ruby gemspecs', () => {
  it('reads the installed specification', async () => {
    const spec = `# -*- encoding: utf-8 -*-
# stub: rake 13.0.6 ruby lib
Gem::Specification.new do |s|
  s.name = "rake".freeze
  s.version = "13.0.6"
end
`;
    const result = await rubyGemspecExtractor.extract(
      file('usr/local/bundle/specifications/rake-13.0.6.gemspec', spec),
    );
    expect(result.packages[0]).toMatchObject({
      ecosystem: 'RubyGems',
      name: 'rake',
      version: '13.0.6',
      purl: 'pkg:gem/rake@13.0.6',
    });
  });

  it('falls back to the file name for the version', async () => {
    const spec =
      'Gem::Specification.new do |s|\n  s.name = "nokogiri".freeze\n  s.version = Gem::Version.new("1.15.4")\nend\n';
    const result = await rubyGemspecExtractor.extract(
      file('gems/specifications/nokogiri-1.15.4-x86_64-linux.gemspec', spec),
    );
    expect(result.packages[0]?.version).toBe('1.15.4');
  });
});

describe('Go binaries', () => {
  const modinfo = [
    'path\texample.com/app',
    'mod\texample.com/app\t(devel)\t',
    'dep\tgithub.com/pkg/errors\tv0.9.1\th1:abc=',
    'dep\tgolang.org/x/net\tv0.0.0-20220722155237-a158d28d115b\th1:def=',
    '=>\tgolang.org/x/net\tv0.17.0\th1:ghi=',
    'dep\texample.com/local\tv1.0.0\t',
    '=>\t../local\t\t',
    'build\t-compiler=gc',
    '',
  ].join('\n');
  const expected = [
    ['stdlib', '1.21.5'],
    ['github.com/pkg/errors', '0.9.1'],
    ['golang.org/x/net', '0.17.0'],
  ];

  it.each([
    { format: 'inline', bits: 64, sections: true },
    { format: 'inline', bits: 64, sections: false },
    { format: 'pointer', bits: 64, sections: true },
    { format: 'pointer', bits: 32, sections: false },
    { format: 'pointer', bits: 64, bigEndian: true, sections: true },
  ] as const)('reads build info in the $format format ($bits-bit)', async (layout) => {
    const elf = writeGoElf({ goVersion: 'go1.21.5', modinfo, ...layout });
    expect(goBinaryExtractor.sniff?.(elf)).toBe(true);
    const result = await goBinaryExtractor.extract(file('usr/local/bin/app', elf));
    expect(result.packages.map((p) => [p.name, p.version])).toEqual(expected);
    expect(result.packages[2]?.purl).toBe('pkg:golang/golang.org/x/net@v0.17.0');
    expect(result.skipped).toEqual([
      expect.objectContaining({ name: 'example.com/local', reason: 'non-registry' }),
    ]);
  });

  it('ignores ELF files without Go build info and reports damaged ELF headers', async () => {
    const plain = writeGoElf({ goVersion: 'go1.21.5', modinfo: '', format: 'inline' });
    plain.write('\x00\x00\x00\x00', 0x1000, 'latin1'); // break the magic
    expect(await goBinaryExtractor.extract(file('bin/true', plain))).toEqual({
      packages: [],
      skipped: [],
    });
    const damaged = Buffer.concat([
      Buffer.from('\x7fELF\x02\x01\x01', 'latin1'),
      Buffer.alloc(60, 0xff),
    ]);
    const result = await goBinaryExtractor.extract(file('bin/bad', damaged));
    expect(result.skipped[0]).toMatchObject({ reason: 'malformed' });
  });

  it('maps toolchain versions the way OSV writes stdlib versions', () => {
    expect(goToolchainVersion('go1.19')).toBe('1.19.0');
    expect(goToolchainVersion('go1.21rc2')).toBe('1.21.0-rc.2');
    expect(goToolchainVersion('go1.22.1 X:boringcrypto')).toBe('1.22.1');
    expect(goToolchainVersion('devel')).toBeUndefined();
  });
});

describe('Java archives', () => {
  const pom = (g: string, a: string, v: string) =>
    `#Generated by Maven\ngroupId=${g}\nartifactId=${a}\nversion=${v}\n`;

  it('reads pom.properties, nested jars and manifests', async () => {
    const inner = writeZip([
      { name: 'META-INF/MANIFEST.MF', content: 'Manifest-Version: 1.0\n' },
      {
        name: 'META-INF/maven/org.yaml/snakeyaml/pom.properties',
        content: pom('org.yaml', 'snakeyaml', '1.33'),
      },
    ]);
    const manifestOnly = writeZip([
      {
        name: 'META-INF/MANIFEST.MF',
        content:
          'Manifest-Version: 1.0\nImplementation-Title: jackson-core\nImplementation-Version: 2.13.\n 4\nImplementation-Vendor-Id: com.fasterxml.jackson.core\n',
      },
    ]);
    const app = writeZip([
      {
        name: 'META-INF/maven/com.example/app/pom.properties',
        content: pom('com.example', 'app', '1.0.0'),
      },
      { name: 'BOOT-INF/lib/snakeyaml-1.33.jar', content: inner, stored: true },
      { name: 'BOOT-INF/lib/jackson-core-2.13.4.jar', content: manifestOnly },
      {
        name: 'BOOT-INF/lib/mystery-2.0.jar',
        content: writeZip([{ name: 'a.class', content: 'x' }]),
      },
    ]);
    const result = await javaArchiveExtractor.extract(file('app/app.jar', app));
    expect(result.packages.map((p) => [p.name, p.version, p.locations[0]?.path])).toEqual([
      ['org.yaml:snakeyaml', '1.33', 'app/app.jar!/BOOT-INF/lib/snakeyaml-1.33.jar'],
      [
        'com.fasterxml.jackson.core:jackson-core',
        '2.13.4',
        'app/app.jar!/BOOT-INF/lib/jackson-core-2.13.4.jar',
      ],
      ['com.example:app', '1.0.0', 'app/app.jar'],
    ]);
    expect(result.packages[0]?.purl).toBe('pkg:maven/org.yaml/snakeyaml@1.33');
    expect(result.skipped).toEqual([
      expect.objectContaining({
        path: 'app/app.jar!/BOOT-INF/lib/mystery-2.0.jar',
        name: 'mystery',
        version: '2.0',
      }),
    ]);
  });

  it('reports a file that is not a zip instead of throwing', async () => {
    const result = await javaArchiveExtractor.extract(
      file('lib/fake.jar', 'PK\x03\x04 not really'),
    );
    expect(result.skipped[0]).toMatchObject({ reason: 'malformed' });
  });

  it('stops at nested archives three deep', async () => {
    let jar = writeZip([
      { name: 'META-INF/maven/g/deep/pom.properties', content: pom('g', 'deep', '1') },
    ]);
    for (let i = 0; i < 5; i++) jar = writeZip([{ name: `lib/level${i}.jar`, content: jar }]);
    const result = await javaArchiveExtractor.extract(file('x.jar', jar));
    expect(result.packages).toEqual([]);
  });
});

describe('installed extractor registry', () => {
  it('gives every file to at most one extractor, in a fixed order', () => {
    const ids = installedExtractors.map((x) => x.id);
    expect(ids).toEqual([
      'installed/node-package-json',
      'installed/python-metadata',
      'installed/ruby-gemspec',
      'installed/java-archive',
      'installed/go-binary',
    ]);
  });
});
