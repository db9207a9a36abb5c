import { describe, expect, it } from 'vitest';
import { spdxViolations } from '../../../test/fixtures/schemas/validators.ts';
import {
  hostileReport,
  inventoryOnly,
  sampleImageReport,
  sampleReport,
} from '../../../test/helpers/report-factory.ts';
import type { ScanReport } from '../../core/report.ts';
import { spdxReporter, spdxTimestamp } from './index.ts';

interface ExternalRef {
  referenceCategory: string;
  referenceType: string;
  referenceLocator: string;
  comment?: string;
}
interface SpdxPackage {
  SPDXID: string;
  name: string;
  versionInfo?: string;
  downloadLocation: string;
  externalRefs?: ExternalRef[];
  primaryPackagePurpose?: string;
  sourceInfo?: string;
}
interface SpdxDocument {
  spdxVersion: string;
  documentNamespace: string;
  creationInfo: { created: string; creators: string[] };
  packages: SpdxPackage[];
  relationships: { spdxElementId: string; relationshipType: string; relatedSpdxElement: string }[];
}

const render = (report: ScanReport, includeSuppressed = true): SpdxDocument =>
  JSON.parse(spdxReporter.render(report, { color: false, includeSuppressed })) as SpdxDocument;

function pkg(doc: SpdxDocument, name: string): SpdxPackage {
  const found = doc.packages.find((p) => p.name === name);
  if (found === undefined) throw new Error(`no package ${name}`);
  return found;
}

describe('spdx reporter', () => {
  it('validates against the SPDX 2.3 schema', () => {
    for (const report of [
      sampleReport(),
      sampleImageReport(),
      inventoryOnly(sampleReport()),
      hostileReport(),
    ]) {
      expect(spdxViolations(render(report))).toEqual([]);
    }
  });

  it('writes document metadata deterministically', () => {
    const doc = render(sampleReport());
    expect(doc.spdxVersion).toBe('SPDX-2.3');
    expect(doc.creationInfo).toMatchObject({
      created: '2026-01-15T10:00:03Z',
      creators: ['Tool: secflow-0.1.0'],
    });
    expect(doc.documentNamespace).toMatch(
      /^https:\/\/spdx\.org\/spdxdocs\/secflow-scan-[0-9a-f-]{36}$/,
    );
    expect(spdxReporter.render(sampleReport(), { color: false })).toBe(
      spdxReporter.render(sampleReport(), { color: false }),
    );
  });

  it('gives every package a unique SPDXID, a purl and NOASSERTION download location', () => {
    const doc = render(sampleReport());
    const ids = doc.packages.map((p) => p.SPDXID);
    expect(new Set(ids).size).toBe(ids.length);
    const log4j = pkg(doc, 'org.apache.logging.log4j:log4j-core');
    expect(log4j).toMatchObject({ versionInfo: '2.14.1', downloadLocation: 'NOASSERTION' });
    expect(log4j.externalRefs?.[0]).toEqual({
      referenceCategory: 'PACKAGE-MANAGER',
      referenceType: 'purl',
      referenceLocator: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
    });
    expect(log4j.sourceInfo).toBe('found in services/api/pom.xml:37');
  });

  it('relates the document to the target, the target to its packages, and packages to theirs', () => {
    const doc = render(sampleReport());
    const id = (name: string) => pkg(doc, name).SPDXID;
    expect(doc.relationships).toContainEqual({
      spdxElementId: 'SPDXRef-DOCUMENT',
      relationshipType: 'DESCRIBES',
      relatedSpdxElement: 'SPDXRef-Target',
    });
    expect(doc.relationships).toContainEqual({
      spdxElementId: 'SPDXRef-Target',
      relationshipType: 'CONTAINS',
      relatedSpdxElement: id('minimist'),
    });
    expect(doc.relationships).toContainEqual({
      spdxElementId: id('mkdirp'),
      relationshipType: 'DEPENDS_ON',
      relatedSpdxElement: id('minimist'),
    });
    expect(doc.relationships).toContainEqual({
      spdxElementId: 'SPDXRef-Target',
      relationshipType: 'DEPENDS_ON',
      relatedSpdxElement: id('lodash'),
    });
    expect(doc.relationships).not.toContainEqual({
      spdxElementId: 'SPDXRef-Target',
      relationshipType: 'DEPENDS_ON',
      relatedSpdxElement: id('minimist'),
    });
  });

  it('lists vulnerabilities as SECURITY advisory references on the affected package', () => {
    const doc = render(sampleReport());
    const security = pkg(doc, 'lodash').externalRefs?.filter(
      (r) => r.referenceCategory === 'SECURITY',
    );
    expect(security).toEqual([
      {
        referenceCategory: 'SECURITY',
        referenceType: 'advisory',
        referenceLocator: 'https://github.com/advisories/GHSA-29mw-wpgm-hmr9',
        comment:
          'GHSA-29mw-wpgm-hmr9 (CVE-2020-28500): Regular Expression Denial of Service (ReDoS) in lodash [medium 5.3]. Fixed in 4.17.21.',
      },
      {
        referenceCategory: 'SECURITY',
        referenceType: 'advisory',
        referenceLocator: 'https://github.com/advisories/GHSA-35jh-r3h4-6jhm',
        comment:
          'GHSA-35jh-r3h4-6jhm (CVE-2021-23337): Command Injection in lodash [high 7.2]. Fixed in 4.17.21.',
      },
    ]);
    const django = pkg(doc, 'django').externalRefs?.find((r) => r.referenceCategory === 'SECURITY');
    expect(django?.comment).toContain('Suppressed: vex: VEX vex/openvex.json: not_affected');
    const hidden = render(sampleReport(), false);
    expect(
      pkg(hidden, 'django').externalRefs?.some((r) => r.referenceCategory === 'SECURITY'),
    ).toBe(false);
  });

  it('renders an inventory-only report without security references', () => {
    const doc = render(inventoryOnly(sampleImageReport()));
    expect(
      doc.packages
        .flatMap((p) => p.externalRefs ?? [])
        .every((r) => r.referenceCategory !== 'SECURITY'),
    ).toBe(true);
    expect(pkg(doc, 'registry.example.com/shop/api:1.4.2').primaryPackagePurpose).toBe('CONTAINER');
    expect(pkg(doc, 'zlib1g').externalRefs?.[0]?.referenceLocator).toBe(
      'pkg:deb/debian/zlib1g@1:1.2.11.dfsg-1+deb10u1?distro=debian-10&upstream=zlib',
    );
  });

  it('formats timestamps the way SPDX requires', () => {
    expect(spdxTimestamp('2026-01-15T10:00:03.250Z')).toBe('2026-01-15T10:00:03Z');
    expect(spdxTimestamp('2026-01-15T12:00:03+02:00')).toBe('2026-01-15T10:00:03Z');
    expect(spdxTimestamp('garbage')).toBe('1970-01-01T00:00:00Z');
  });
});
