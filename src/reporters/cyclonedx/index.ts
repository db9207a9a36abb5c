import type { ScanReport } from '../../core/report.ts';
import { isDateTime } from '../common/dates.ts';
import { documentUuid } from '../common/document-id.ts';
import { isVulnerability, visibleFindings } from '../common/findings.ts';
import { buildInventory } from '../common/inventory.ts';
import type { Reporter } from '../reporter.ts';
import { component, osComponent, TARGET_REF, targetComponent } from './components.ts';
import { buildVulnerabilities } from './vulnerabilities.ts';

export { TARGET_REF };

export const CYCLONEDX_SCHEMA_URI = 'http://cyclonedx.org/schema/bom-1.6.schema.json';

/**
 * CycloneDX 1.6 JSON: the inventory as components with their dependency graph and, when the
 * report has any, its vulnerabilities with ratings, affected refs and VEX-style analysis. An
 * inventory-only report (no findings) renders a plain SBOM.
 */
export const cyclonedxReporter: Reporter = {
  id: 'cyclonedx',
  defaultExtension: 'cdx.json',
  render(report, options) {
    const vulns = visibleFindings(report, options).filter(isVulnerability);
    // Affected packages are normally in report.packages; include them anyway so refs resolve.
    const inventory = buildInventory([...report.packages, ...vulns.map((f) => f.package)]);
    const os = osComponent(report.target);
    const components = [...(os === undefined ? [] : [os]), ...inventory.components.map(component)];
    const direct = inventory.components.filter((c) => c.direct === true).map((c) => c.id);
    const dependencies = [
      ...(direct.length > 0 ? [{ ref: TARGET_REF, dependsOn: direct }] : []),
      ...inventory.components.flatMap((c) =>
        c.dependsOn === undefined ? [] : [{ ref: c.id, dependsOn: c.dependsOn }],
      ),
    ];
    const vulnerabilities = buildVulnerabilities(vulns, inventory, report.remediation);
    const bom = {
      $schema: CYCLONEDX_SCHEMA_URI,
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      serialNumber: `urn:uuid:${documentUuid(report)}`,
      version: 1,
      metadata: metadata(report),
      components,
      ...(dependencies.length > 0 ? { dependencies } : {}),
      ...(vulnerabilities.length > 0 ? { vulnerabilities } : {}),
    };
    return `${JSON.stringify(bom, null, 2)}\n`;
  },
};

function metadata(report: ScanReport) {
  return {
    ...(isDateTime(report.finishedAt) ? { timestamp: report.finishedAt } : {}),
    tools: {
      components: [{ type: 'application', name: 'secflow', version: report.tool.version }],
    },
    component: targetComponent(report.target),
    properties: [
      { name: 'secflow:target:kind', value: report.target.kind },
      { name: 'secflow:scanners', value: report.scanners.join(',') },
      ...(report.findings.length > 0
        ? [
            { name: 'secflow:gate:failOn', value: report.gate.failOn },
            { name: 'secflow:gate:failed', value: String(report.gate.failed) },
          ]
        : []),
    ],
  };
}
