import type { Suppression, VulnerabilityFinding } from '../../core/finding.ts';
import type { Remediation } from '../../core/report.ts';
import type { SeverityAssessment } from '../../core/severity.ts';
import { advisorySource } from '../common/advisory-links.ts';
import { isDateTime } from '../common/dates.ts';
import { compareText, packageLabel } from '../common/findings.ts';
import { groupBy } from '../common/group-by.ts';
import type { Inventory } from '../common/inventory.ts';
import { type RemediationLookup, remediationLookup } from '../common/remediation.ts';
import { cdxVersion } from './components.ts';

/** OpenVEX `not_affected` justifications → the closest CycloneDX 1.6 justification. */
const OPENVEX_TO_CYCLONEDX: Readonly<Record<string, string>> = {
  component_not_present: 'code_not_present',
  vulnerable_code_not_present: 'code_not_present',
  vulnerable_code_not_in_execute_path: 'code_not_reachable',
  vulnerable_code_cannot_be_controlled_by_adversary: 'requires_environment',
  inline_mitigations_already_exist: 'protected_by_mitigating_control',
};

const CYCLONEDX_JUSTIFICATIONS = new Set([
  'code_not_present',
  'code_not_reachable',
  'requires_configuration',
  'requires_dependency',
  'requires_environment',
  'protected_by_compiler',
  'protected_at_runtime',
  'protected_at_perimeter',
  'protected_by_mitigating_control',
]);

interface Analysis {
  state?: string;
  justification?: string;
  response?: string[];
  detail: string;
}

/**
 * A VEX suppression says what the vulnerability's state is; an ignore rule or baseline only
 * says someone accepted the risk, so it records a response without claiming a state.
 */
export function analysisFor(s: Suppression): Analysis {
  const detail = s.expires === undefined ? s.reason : `${s.reason} (until ${s.expires})`;
  if (s.by === 'vex') {
    if (s.justification === 'fixed') return { state: 'resolved', detail };
    const justification =
      s.justification === undefined
        ? undefined
        : CYCLONEDX_JUSTIFICATIONS.has(s.justification)
          ? s.justification
          : OPENVEX_TO_CYCLONEDX[s.justification];
    return {
      state: 'not_affected',
      ...(justification === undefined ? {} : { justification }),
      detail,
    };
  }
  return { response: ['will_not_fix'], detail: `${s.by}: ${detail}` };
}

function ratingMethod(sev: SeverityAssessment): string {
  switch (sev.source) {
    case 'CVSS_V4':
      return 'CVSSv4';
    case 'CVSS_V3':
      return sev.vector?.startsWith('CVSS:3.0/') === true ? 'CVSSv3' : 'CVSSv31';
    case 'CVSS_V2':
      return 'CVSSv2';
    default:
      return 'other';
  }
}

function rating(sev: SeverityAssessment, source: { name: string; url: string }) {
  return {
    source,
    ...(sev.score === undefined ? {} : { score: sev.score }),
    severity: sev.level === 'none' ? 'none' : sev.level,
    method: ratingMethod(sev),
    ...(sev.vector === undefined ? {} : { vector: sev.vector }),
  };
}

/** "Upgrade lodash to 4.17.21", or through the direct dependency that pulls it in. */
function recommendation(
  findings: readonly VulnerabilityFinding[],
  planFor: RemediationLookup,
): string | undefined {
  const lines = new Set<string>();
  for (const f of findings) {
    const plan = planFor(f.package, f.advisory.id);
    const target = plan?.fixedVersion ?? f.fixedVersions[0];
    if (target === undefined) continue;
    const via = plan?.viaDirect === undefined ? '' : ` (through ${plan.viaDirect})`;
    lines.add(`Upgrade ${packageLabel(f.package)} to ${target} or later${via}.`);
  }
  const all = [...lines].sort(compareText);
  if (all.length > 0) {
    const versions = [...new Set(findings.flatMap((f) => f.fixedVersions))];
    return `${all.join(' ')} Fixed versions: ${versions.join(', ')}.`;
  }
  return findings.length > 0 ? 'No fixed version is available yet.' : undefined;
}

/**
 * One CycloneDX vulnerability per advisory and suppression state: `analysis` belongs to the
 * vulnerability, so a finding waived in one package and not in another needs two entries.
 */
export function buildVulnerabilities(
  findings: readonly VulnerabilityFinding[],
  inventory: Inventory,
  remediation: readonly Remediation[],
) {
  const groups = groupBy(
    findings,
    (f) =>
      `${f.advisory.id}\u0000${f.suppressed === undefined ? '' : JSON.stringify(analysisFor(f.suppressed))}`,
  );
  const planFor = remediationLookup(remediation);
  return [...groups.keys()].sort(compareText).map((key) => {
    const group = groups.get(key) ?? [];
    const first = group[0] as VulnerabilityFinding;
    const { advisory } = first;
    const source = advisorySource(advisory.id);
    const affects = new Map<string, { version: string; status: string }[]>();
    for (const f of group) {
      const version = cdxVersion(f.package.version);
      const status = f.verdict === 'affected' ? 'affected' : 'unknown';
      affects.set(inventory.idOf(f.package), version === undefined ? [] : [{ version, status }]);
    }
    const advice = recommendation(group, planFor);
    const detail = advisory.details?.trim();
    return {
      id: advisory.id,
      source,
      ...(advisory.aliases.length > 0
        ? { references: advisory.aliases.map((id) => ({ id, source: advisorySource(id) })) }
        : {}),
      ratings: [rating(first.severity, source)],
      description: advisory.summary ?? first.title,
      ...(detail === undefined || detail === '' ? {} : { detail }),
      ...(advice === undefined ? {} : { recommendation: advice }),
      ...(advisory.references.length > 0
        ? { advisories: uniqueUrls(advisory.references.map((r) => r.url)).map((url) => ({ url })) }
        : {}),
      ...(isDateTime(advisory.published) ? { published: advisory.published } : {}),
      ...(isDateTime(advisory.modified) ? { updated: advisory.modified } : {}),
      ...(first.suppressed === undefined ? {} : { analysis: analysisFor(first.suppressed) }),
      affects: [...affects]
        .sort(([a], [b]) => compareText(a, b))
        .map(([ref, versions]) => ({ ref, ...(versions.length > 0 ? { versions } : {}) })),
    };
  });
}

function uniqueUrls(urls: readonly string[]): string[] {
  return [...new Set(urls.filter((u) => /^https?:\/\/\S+$/i.test(u) && URL.canParse(u)))];
}
