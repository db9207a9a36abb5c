import { createHash } from 'node:crypto';
import type { VulnerabilityFinding } from '../../core/finding.ts';
import type { ScanReport } from '../../core/report.ts';
import { advisorySource } from '../common/advisory-links.ts';
import { documentUuid } from '../common/document-id.ts';
import {
  compareText,
  formatLocation,
  isVulnerability,
  suppressionText,
  visibleFindings,
} from '../common/findings.ts';
import { groupBy } from '../common/group-by.ts';
import { buildInventory, type InventoryComponent } from '../common/inventory.ts';
import type { Reporter } from '../reporter.ts';

const DOCUMENT_ID = 'SPDXRef-DOCUMENT';
const TARGET_ID = 'SPDXRef-Target';
const NOASSERTION = 'NOASSERTION';

/**
 * SPDX 2.3 JSON: one package per distinct component, the target described by the document and
 * containing them all, DEPENDS_ON edges from the dependency graph, and each vulnerability as a
 * SECURITY advisory reference on the package it affects (SPDX 2.3 has no VEX state, so a
 * suppressed one says so in the reference's comment).
 */
export const spdxReporter: Reporter = {
  id: 'spdx',
  defaultExtension: 'spdx.json',
  render(report, options) {
    const vulns = visibleFindings(report, options).filter(isVulnerability);
    const inventory = buildInventory([...report.packages, ...vulns.map((f) => f.package)]);
    const spdxIds = assignSpdxIds(inventory.components);
    const byComponent = groupBy(vulns, (f) => inventory.idOf(f.package));
    const packages = [
      targetPackage(report),
      ...inventory.components.map((c) =>
        spdxPackage(c, spdxIds.get(c.id) ?? '', byComponent.get(c.id) ?? []),
      ),
    ];
    const relationships = [
      { spdxElementId: DOCUMENT_ID, relationshipType: 'DESCRIBES', relatedSpdxElement: TARGET_ID },
      ...inventory.components.map((c) => ({
        spdxElementId: TARGET_ID,
        relationshipType: 'CONTAINS',
        relatedSpdxElement: spdxIds.get(c.id) ?? '',
      })),
      ...inventory.components
        .filter((c) => c.direct === true)
        .map((c) => ({
          spdxElementId: TARGET_ID,
          relationshipType: 'DEPENDS_ON',
          relatedSpdxElement: spdxIds.get(c.id) ?? '',
        })),
      ...inventory.components.flatMap((c) =>
        (c.dependsOn ?? []).map((dep) => ({
          spdxElementId: spdxIds.get(c.id) ?? '',
          relationshipType: 'DEPENDS_ON',
          relatedSpdxElement: spdxIds.get(dep) ?? '',
        })),
      ),
    ];
    const name = documentName(report);
    const doc = {
      spdxVersion: 'SPDX-2.3',
      dataLicense: 'CC0-1.0',
      SPDXID: DOCUMENT_ID,
      name,
      documentNamespace: `https://spdx.org/spdxdocs/secflow-${slug(name)}-${documentUuid(report)}`,
      creationInfo: {
        created: spdxTimestamp(report.finishedAt),
        creators: [`Tool: secflow-${report.tool.version}`],
        comment: `Inventory of ${report.target.kind} ${report.target.path} by secflow.`,
      },
      packages,
      relationships,
    };
    return `${JSON.stringify(doc, null, 2)}\n`;
  },
};

function documentName(report: ScanReport): string {
  return report.target.image?.reference ?? report.target.path;
}

/** SPDX wants "YYYY-MM-DDThh:mm:ssZ": UTC, no fractional seconds. */
export function spdxTimestamp(iso: string): string {
  const time = Date.parse(iso);
  const date = Number.isNaN(time) ? new Date(0) : new Date(time);
  return `${date.toISOString().slice(0, 19)}Z`;
}

function slug(text: string): string {
  return (
    text
      .replace(/[^A-Za-z0-9.-]+/g, '-')
      .replace(/^[-.]+|[-.]+$/g, '')
      .slice(0, 64) || 'scan'
  );
}

/**
 * SPDXRef-Package-<readable>-<hash>: readable for people, the hash of the component id keeps
 * two components whose names slug alike apart.
 */
function assignSpdxIds(components: readonly InventoryComponent[]): Map<string, string> {
  const ids = new Map<string, string>();
  for (const c of components) {
    const hash = createHash('sha256').update(c.id).digest('hex').slice(0, 12);
    const readable = slug(`${c.ecosystem.split(':')[0]}-${c.name}-${c.version}`).slice(0, 80);
    ids.set(c.id, `SPDXRef-Package-${readable}-${hash}`);
  }
  return ids;
}

function targetPackage(report: ScanReport) {
  const { target } = report;
  const purpose =
    target.kind === 'image'
      ? 'CONTAINER'
      : target.kind === 'file'
        ? 'FILE'
        : target.kind === 'rootfs'
          ? 'OPERATING-SYSTEM'
          : 'APPLICATION';
  return {
    name: documentName(report),
    SPDXID: TARGET_ID,
    ...(target.image?.digest === undefined ? {} : { versionInfo: target.image.digest }),
    downloadLocation: NOASSERTION,
    filesAnalyzed: false,
    primaryPackagePurpose: purpose,
    ...(target.os === undefined
      ? {}
      : {
          comment: `Operating system: ${target.os.prettyName ?? `${target.os.id} ${target.os.release}`}`,
        }),
  };
}

function spdxPackage(
  c: InventoryComponent,
  spdxId: string,
  findings: readonly VulnerabilityFinding[],
) {
  const securityRefs = [...findings]
    .sort((a, b) => compareText(a.advisory.id, b.advisory.id))
    .map((f) => ({
      referenceCategory: 'SECURITY',
      referenceType: 'advisory',
      referenceLocator: advisorySource(f.advisory.id).url,
      comment: advisoryComment(f),
    }));
  const externalRefs = [
    ...(c.purl === undefined
      ? []
      : [
          { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: c.purl },
        ]),
    ...securityRefs,
  ];
  const where = c.locations.map(formatLocation);
  return {
    name: c.name,
    SPDXID: spdxId,
    ...(c.version === '' ? {} : { versionInfo: c.version }),
    downloadLocation: NOASSERTION,
    filesAnalyzed: false,
    ...(where.length > 0 ? { sourceInfo: `found in ${where.join(', ')}` } : {}),
    ...(externalRefs.length > 0 ? { externalRefs } : {}),
    primaryPackagePurpose: 'LIBRARY',
    ...(c.source === undefined
      ? {}
      : { comment: `Source package ${c.source.name} ${c.source.version}` }),
  };
}

function advisoryComment(f: VulnerabilityFinding): string {
  const aliases = f.advisory.aliases.length > 0 ? ` (${f.advisory.aliases.join(', ')})` : '';
  const severity =
    f.severity.score === undefined ? f.severity.level : `${f.severity.level} ${f.severity.score}`;
  const fixed = f.fixedVersions.length > 0 ? ` Fixed in ${f.fixedVersions.join(', ')}.` : '';
  const waived = f.suppressed === undefined ? '' : ` Suppressed: ${suppressionText(f)}.`;
  return `${f.advisory.id}${aliases}: ${f.title.replace(/\s+/g, ' ').trim()} [${severity}].${fixed}${waived}`;
}
