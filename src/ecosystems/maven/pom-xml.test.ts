import { describe, expect, it } from 'vitest';
import { pomXmlExtractor } from './pom-xml.ts';

type Files = Record<string, string>;

const extract = (path: string, files: Files) =>
  pomXmlExtractor.extract({
    path,
    content: files[path] ?? '',
    // Paths are relative to the scanned file's folder, as the scanner resolves them.
    readRelated: async (relative) => {
      const parts = [...path.split('/').slice(0, -1), ...relative.split('/')];
      const resolved: string[] = [];
      for (const part of parts) {
        if (part === '..') resolved.pop();
        else if (part !== '.' && part !== '') resolved.push(part);
      }
      return files[resolved.join('/')];
    },
  });

const summary = (
  packages: readonly {
    name: string;
    version: string;
    dev?: boolean;
    locations: readonly { path: string; line?: number }[];
  }[],
) =>
  packages.map(
    (p) =>
      `${p.name}@${p.version}${p.dev === true ? ' dev' : ''} ${p.locations[0]?.path}:${p.locations[0]?.line}`,
  );

describe('pom.xml', () => {
  it('interpolates properties, including project and parent coordinates', async () => {
    const { packages, skipped } = await extract('app/pom.xml', {
      'app/pom.xml': `<project>
  <parent>
    <groupId>org.acme</groupId>
    <artifactId>parent</artifactId>
    <version>7</version>
    <relativePath>../none/pom.xml</relativePath>
  </parent>
  <groupId>org.acme</groupId>
  <artifactId>app</artifactId>
  <version>1.2.0</version>
  <properties>
    <netty.version>4.1.42.Final</netty.version>
    <indirect>\${netty.version}</indirect>
  </properties>
  <dependencies>
    <dependency><groupId>io.netty</groupId><artifactId>netty-all</artifactId><version>\${indirect}</version></dependency>
    <dependency><groupId>\${project.groupId}</groupId><artifactId>core</artifactId><version>\${project.version}</version></dependency>
    <dependency><groupId>org.acme</groupId><artifactId>bom-user</artifactId><version>\${project.parent.version}</version></dependency>
    <dependency><groupId>org.acme</groupId><artifactId>unknown</artifactId><version>\${nowhere}</version></dependency>
  </dependencies>
</project>`,
    });
    expect(summary(packages)).toEqual([
      'io.netty:netty-all@4.1.42.Final app/pom.xml:16',
      'org.acme:core@1.2.0 app/pom.xml:17',
      'org.acme:bom-user@7 app/pom.xml:18',
    ]);
    expect(skipped).toEqual([
      expect.objectContaining({
        name: 'org.acme:unknown',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a Maven property reference as written
        version: '${nowhere}',
        reason: 'unpinned',
        line: 19,
      }),
    ]);
    expect(packages.every((p) => p.direct === true)).toBe(true);
  });

  it('merges local parents: properties, inherited dependencies and dependencyManagement', async () => {
    const { packages, skipped } = await extract('modules/app/pom.xml', {
      'pom.xml': `<project>
  <groupId>org.acme</groupId>
  <artifactId>root</artifactId>
  <version>3</version>
  <properties><guava.version>32.1.3-jre</guava.version></properties>
  <dependencyManagement>
    <dependencies>
      <dependency><groupId>com.google.guava</groupId><artifactId>guava</artifactId><version>\${guava.version}</version></dependency>
      <dependency><groupId>junit</groupId><artifactId>junit</artifactId><version>4.13.2</version><scope>test</scope></dependency>
    </dependencies>
  </dependencyManagement>
  <dependencies>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-api</artifactId><version>2.0.9</version></dependency>
  </dependencies>
</project>`,
      'modules/app/pom.xml': `<project>
  <parent>
    <groupId>org.acme</groupId>
    <artifactId>root</artifactId>
    <version>3</version>
    <relativePath>../..</relativePath>
  </parent>
  <artifactId>app</artifactId>
  <dependencies>
    <dependency><groupId>com.google.guava</groupId><artifactId>guava</artifactId></dependency>
    <dependency><groupId>junit</groupId><artifactId>junit</artifactId></dependency>
    <dependency><groupId>org.acme</groupId><artifactId>missing</artifactId></dependency>
  </dependencies>
</project>`,
    });
    expect(summary(packages)).toEqual([
      'com.google.guava:guava@32.1.3-jre modules/app/pom.xml:10',
      'junit:junit@4.13.2 dev modules/app/pom.xml:11',
      'org.slf4j:slf4j-api@2.0.9 pom.xml:13',
    ]);
    expect(skipped).toEqual([
      expect.objectContaining({ name: 'org.acme:missing', version: '', reason: 'unpinned' }),
    ]);
  });

  it('only merges a parent whose coordinates match the declaration', async () => {
    const { packages } = await extract('app/pom.xml', {
      'pom.xml': `<project><groupId>other</groupId><artifactId>root</artifactId><version>1</version>
  <dependencies><dependency><groupId>a</groupId><artifactId>b</artifactId><version>1</version></dependency></dependencies>
</project>`,
      'app/pom.xml': `<project><parent><groupId>org.acme</groupId><artifactId>root</artifactId><version>1</version></parent>
  <artifactId>app</artifactId></project>`,
    });
    expect(packages).toEqual([]);
  });

  it('refuses parents that form a cycle with one error naming the file', async () => {
    const pom = (self: string, parent: string, path: string) =>
      `<project><groupId>g</groupId><artifactId>${self}</artifactId><version>1</version>
  <parent><groupId>g</groupId><artifactId>${parent}</artifactId><version>1</version><relativePath>${path}</relativePath></parent>
</project>`;
    await expect(async () =>
      extract('a/pom.xml', {
        'a/pom.xml': pom('a', 'b', '../b/pom.xml'),
        'b/pom.xml': pom('b', 'a', '../a/pom.xml'),
      }),
    ).rejects.toThrow('a/pom.xml: parent POMs form a cycle: a/pom.xml → b/pom.xml → a/pom.xml');
  });

  it('reads activeByDefault profiles, ranges, classifiers and duplicate declarations', async () => {
    const { packages, skipped } = await extract('pom.xml', {
      'pom.xml': `<project>
  <dependencies>
    <dependency><groupId>a</groupId><artifactId>exact</artifactId><version>[1.5]</version></dependency>
    <dependency><groupId>a</groupId><artifactId>ranged</artifactId><version>[1.0,2.0)</version></dependency>
    <dependency><groupId>a</groupId><artifactId>lib</artifactId><version>1.0</version><classifier>sources</classifier><type>pom</type></dependency>
    <dependency><groupId>a</groupId><artifactId>dup</artifactId><version>1.0</version></dependency>
    <dependency><groupId>a</groupId><artifactId>dup</artifactId><version>2.0</version></dependency>
    <dependency><artifactId>no-group</artifactId><version>1</version></dependency>
  </dependencies>
  <profiles>
    <profile><activation><activeByDefault>true</activeByDefault></activation>
      <dependencies><dependency><groupId>p</groupId><artifactId>on</artifactId><version>1</version></dependency></dependencies>
    </profile>
    <profile><activation><jdk>21</jdk></activation>
      <dependencies><dependency><groupId>p</groupId><artifactId>off</artifactId><version>1</version></dependency></dependencies>
    </profile>
  </profiles>
</project>`,
    });
    expect(packages.map((p) => [p.name, p.version, p.purl])).toEqual([
      ['a:exact', '1.5', 'pkg:maven/a/exact@1.5'],
      ['a:lib', '1.0', 'pkg:maven/a/lib@1.0?classifier=sources&type=pom'],
      ['a:dup', '1.0', 'pkg:maven/a/dup@1.0'],
      ['p:on', '1', 'pkg:maven/p/on@1'],
    ]);
    expect(skipped.map((s) => [s.reason, s.name, s.version, s.line])).toEqual([
      ['unpinned', 'a:ranged', '1.0', 4],
      ['malformed', undefined, undefined, 7],
      ['malformed', undefined, undefined, 8],
    ]);
  });

  it('imports a BOM that is a module of the same tree', async () => {
    const { packages } = await extract('app/pom.xml', {
      'pom.xml': `<project><groupId>g</groupId><artifactId>root</artifactId><version>1</version>
  <modules><module>bom</module><module>app</module></modules></project>`,
      'bom/pom.xml': `<project><groupId>g</groupId><artifactId>bom</artifactId><version>1</version>
  <dependencyManagement><dependencies>
    <dependency><groupId>x</groupId><artifactId>y</artifactId><version>9.9</version></dependency>
  </dependencies></dependencyManagement></project>`,
      'app/pom.xml': `<project>
  <parent><groupId>g</groupId><artifactId>root</artifactId><version>1</version></parent>
  <artifactId>app</artifactId>
  <dependencyManagement><dependencies>
    <dependency><groupId>g</groupId><artifactId>bom</artifactId><version>\${project.version}</version><type>pom</type><scope>import</scope></dependency>
  </dependencies></dependencyManagement>
  <dependencies><dependency><groupId>x</groupId><artifactId>y</artifactId></dependency></dependencies>
</project>`,
    });
    expect(packages.map((p) => `${p.name}@${p.version}`)).toEqual(['x:y@9.9']);
  });

  it('refuses files that are not a POM', async () => {
    await expect(async () => extract('pom.xml', { 'pom.xml': '<settings />' })).rejects.toThrow(
      'pom.xml: not a valid Maven pom.xml: root element is <settings>, not <project>',
    );
  });
});
