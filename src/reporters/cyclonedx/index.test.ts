import { describe, expect, it } from 'vitest';
import { cyclonedxViolations } from '../../../test/fixtures/schemas/validators.ts';
import {
  hostileReport,
  inventoryOnly,
  makeAdvisory,
  makePackage,
  makeReport,
  makeVulnerability,
  sampleImageReport,
  sampleReport,
} from '../../../test/helpers/report-factory.ts';
import type { ScanReport } from '../../core/report.ts';
import { cyclonedxReporter, TARGET_REF } from './index.ts';

interface Component {
  'bom-ref': string;
  type: string;
  group?: string;
  name: string;
  version?: string;
  scope?: string;
  purl?: string;
  properties?: { name: string; value: string }[];
}
interface Vulnerability {
  id: string;
  source: { name: string; url: string };
  references?: { id: string }[];
  ratings: { score?: number; severity: string; method: string; vector?: string }[];
  recommendation?: string;
  analysis?: { state?: string; justification?: string; response?: string[]; detail: string };
  affects: { ref: string; versions?: { version: string; status: string }[] }[];
}
interface Bom {
  serialNumber: string;
  metadata: { timestamp: string; component: Component; tools: { components: Component[] } };
  components: Component[];
  dependencies?: { ref: string; dependsOn: string[] }[];
  vulnerabilities?: Vulnerability[];
}

const render = (report: ScanReport, includeSuppressed = true): Bom =>
  JSON.parse(cyclonedxReporter.render(report, { color: false, includeSuppressed })) as Bom;

function component(bom: Bom, name: string): Component {
  const found = bom.components.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no component ${name}`);
  return found;
}

function vulnerabilities(bom: Bom, id: string): Vulnerability[] {
  return (bom.vulnerabilities ?? []).filter((v) => v.id === id);
}

describe('cyclonedx reporter', () => {
  it('validates against the CycloneDX 1.6 schema', () => {
    for (const report of [
      sampleReport(),
      sampleImageReport(),
      inventoryOnly(sampleReport()),
      inventoryOnly(sampleImageReport()),
      hostileReport(),
    ]) {
      expect(cyclonedxViolations(render(report))).toEqual([]);
    }
  });

  it('matches the reviewed snapshots', async () => {
    await expect(cyclonedxReporter.render(sampleReport(), { color: false })).toMatchFileSnapshot(
      '__snapshots__/sample.cdx.snap',
    );
    await expect(
      cyclonedxReporter.render(sampleImageReport(), { color: false }),
    ).toMatchFileSnapshot('__snapshots__/image.cdx.snap');
  });

  it('is deterministic, with a stable serial number and the report timestamp', () => {
    const a = cyclonedxReporter.render(sampleReport(), { color: false });
    expect(cyclonedxReporter.render(sampleReport(), { color: false })).toBe(a);
    const bom = JSON.parse(a) as Bom;
    expect(bom.serialNumber).toMatch(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(bom.metadata.timestamp).toBe('2026-01-15T10:00:03.250Z');
    expect(bom.metadata.tools.components[0]).toMatchObject({ name: 'secflow', version: '0.1.0' });
    expect(render(sampleImageReport()).serialNumber).not.toBe(bom.serialNumber);
  });

  it('splits Maven coordinates and npm scopes into group and name', () => {
    const bom = render(sampleReport());
    expect(component(bom, 'log4j-core')).toMatchObject({
      'bom-ref': 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
      type: 'library',
      group: 'org.apache.logging.log4j',
      version: '2.14.1',
      purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
    });
    expect(component(bom, 'traverse')).toMatchObject({ group: '@babel', scope: 'excluded' });
    expect(component(bom, 'golang.org/x/text').group).toBeUndefined();
  });

  it('records where each package was found and whether it is direct or dev-only', () => {
    const minimist = component(render(sampleReport()), 'minimist');
    expect(minimist.properties).toEqual([
      { name: 'secflow:ecosystem', value: 'npm' },
      { name: 'secflow:location', value: 'web/package-lock.json:60' },
      { name: 'secflow:direct', value: 'false' },
      { name: 'secflow:dev', value: 'true' },
    ]);
  });

  it('describes an image: container target, operating-system component, source packages', () => {
    const bom = render(sampleImageReport());
    expect(bom.metadata.component).toMatchObject({
      'bom-ref': TARGET_REF,
      type: 'container',
      name: 'registry.example.com/shop/api:1.4.2',
    });
    expect(component(bom, 'debian')).toMatchObject({
      type: 'operating-system',
      version: '10',
      'bom-ref': 'secflow:os:debian@10',
    });
    const zlib = component(bom, 'zlib1g');
    expect(zlib.purl).toBe(
      'pkg:deb/debian/zlib1g@1:1.2.11.dfsg-1+deb10u1?distro=debian-10&upstream=zlib',
    );
    expect(zlib.properties).toContainEqual({
      name: 'secflow:source',
      value: 'zlib@1:1.2.11.dfsg-1+deb10u1',
    });
    expect(zlib.properties).toContainEqual({ name: 'secflow:layer:index', value: '0' });
  });

  it('writes the dependency graph, with the target depending on direct packages', () => {
    const deps = render(sampleReport()).dependencies ?? [];
    expect(deps.find((d) => d.ref === TARGET_REF)?.dependsOn).toEqual([
      'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
      'pkg:pypi/django@3.2.18',
      'pkg:npm/%40babel/traverse@7.23.2',
      'pkg:npm/lodash@4.17.20',
      'pkg:npm/mkdirp@0.5.5',
    ]);
    expect(deps.find((d) => d.ref === 'pkg:npm/mkdirp@0.5.5')?.dependsOn).toEqual([
      'pkg:npm/minimist@1.2.5',
    ]);
  });

  it('rates vulnerabilities by CVSS method and points them at the affected components', () => {
    const [log4shell] = vulnerabilities(render(sampleReport()), 'GHSA-jfh8-c2jp-5v3q');
    expect(log4shell).toMatchObject({
      source: { name: 'GitHub', url: 'https://github.com/advisories/GHSA-jfh8-c2jp-5v3q' },
      references: [{ id: 'CVE-2021-44228' }],
      ratings: [
        {
          score: 10,
          severity: 'critical',
          method: 'CVSSv31',
          vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H',
        },
      ],
      affects: [
        {
          ref: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
          versions: [{ version: '2.14.1', status: 'affected' }],
        },
      ],
    });
    expect(log4shell?.recommendation).toContain(
      'Upgrade org.apache.logging.log4j:log4j-core@2.14.1 to 2.15.0 or later.',
    );
    const [libssl] = vulnerabilities(render(sampleImageReport()), 'DSA-5343-1');
    expect(libssl?.ratings).toEqual([
      {
        source: { name: 'OSV', url: 'https://osv.dev/vulnerability/DSA-5343-1' },
        severity: 'high',
        method: 'other',
      },
    ]);
    const [babel] = vulnerabilities(render(sampleReport()), 'GHSA-67hx-6x53-jw92');
    expect(babel?.affects[0]?.versions).toEqual([{ version: '7.23.2', status: 'unknown' }]);
    expect(babel?.recommendation).toBe('No fixed version is available yet.');
  });

  it('recommends upgrading through the direct dependency for transitive packages', () => {
    const [minimist] = vulnerabilities(render(sampleReport()), 'GHSA-xvch-5gv4-984h');
    expect(minimist?.recommendation).toBe(
      'Upgrade minimist@1.2.5 to 1.2.6 or later (through mkdirp@0.5.5). Fixed versions: 1.2.6.',
    );
  });

  it('turns VEX suppressions into analysis states and ignore rules into responses', () => {
    const bom = render(sampleReport());
    expect(vulnerabilities(bom, 'PYSEC-2023-100')[0]?.analysis).toEqual({
      state: 'not_affected',
      justification: 'code_not_reachable',
      detail: 'VEX vex/openvex.json: not_affected: validators are never fed user input',
    });
    expect(vulnerabilities(bom, 'GO-2022-1059')[0]?.analysis).toEqual({
      response: ['will_not_fix'],
      detail: 'ignore: build tool only, never handles requests (until 2026-06-30)',
    });
    expect(vulnerabilities(bom, 'GHSA-xvch-5gv4-984h')[0]?.analysis).toBeUndefined();
  });

  it('keeps one entry per suppression state when an advisory hits several packages', () => {
    const advisory = makeAdvisory({ id: 'GHSA-35jh-r3h4-6jhm', aliases: ['CVE-2021-23337'] });
    const lodash = makePackage({ ecosystem: 'npm', name: 'lodash', version: '4.17.20' });
    const lodashEs = makePackage({ ecosystem: 'npm', name: 'lodash-es', version: '4.17.20' });
    const other = makePackage({ ecosystem: 'npm', name: 'lodash', version: '4.17.19' });
    const report = makeReport({
      findings: [
        makeVulnerability({ package: lodash, advisory, severity: 'high' }),
        makeVulnerability({ package: other, advisory, severity: 'high' }),
        makeVulnerability({
          package: lodashEs,
          advisory,
          severity: 'high',
          suppressed: { by: 'vex', reason: 'VEX x: fixed', justification: 'fixed' },
        }),
      ],
    });
    const entries = vulnerabilities(render(report), 'GHSA-35jh-r3h4-6jhm');
    expect(entries).toHaveLength(2);
    expect(entries.find((e) => e.analysis === undefined)?.affects.map((a) => a.ref)).toEqual([
      'pkg:npm/lodash@4.17.19',
      'pkg:npm/lodash@4.17.20',
    ]);
    expect(entries.find((e) => e.analysis !== undefined)?.analysis?.state).toBe('resolved');
  });

  it('renders an inventory-only report as a plain SBOM', () => {
    const bom = render(inventoryOnly(sampleReport()));
    expect(bom.vulnerabilities).toBeUndefined();
    expect(bom.components.map((c) => c.name)).toEqual(
      render(sampleReport()).components.map((c) => c.name),
    );
  });

  it('merges the same package found in two files into one component', () => {
    const a = makePackage({
      ecosystem: 'npm',
      name: 'lodash',
      version: '4.17.21',
      locations: [{ path: 'a/package-lock.json' }],
      direct: true,
    });
    const b = makePackage({
      ecosystem: 'npm',
      name: 'lodash',
      version: '4.17.21',
      locations: [{ path: 'b/yarn.lock' }],
      direct: false,
    });
    const bom = render(makeReport({ packages: [a, b] }));
    expect(bom.components).toHaveLength(1);
    expect(
      bom.components[0]?.properties?.filter((p) => p.name === 'secflow:location'),
    ).toHaveLength(2);
    expect(bom.components[0]?.properties).toContainEqual({ name: 'secflow:direct', value: 'true' });
  });

  it('leaves out versions the schema cannot carry instead of writing an invalid document', () => {
    const bom = render(hostileReport());
    const long = bom.components.find((c) => c.name.startsWith('xxx'));
    expect(long?.version).toBeUndefined();
    expect(long?.purl).toContain('pkg:pypi/');
  });
});
