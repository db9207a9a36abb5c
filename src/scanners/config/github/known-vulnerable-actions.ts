import type { SeverityLevel } from '../../../core/severity.ts';
import { compareVersions, refVersion } from './uses.ts';

/** A published advisory against a GitHub Action, with the versions it affects. */
export interface ActionAdvisory {
  /** `owner/repo`, lower case. */
  readonly action: string;
  readonly id: string;
  readonly aliases: readonly string[];
  readonly summary: string;
  readonly severity: SeverityLevel;
  /** Affected: `introduced` ≤ version < `fixed`. */
  readonly introduced?: string;
  readonly fixed?: string;
  /** Affected refs named exactly (a compromised floating tag). */
  readonly refs?: readonly string[];
  /** Where the ranges were checked. */
  readonly source: string;
}

/**
 * A small, hand-kept list (no network at scan time). Ranges are the GitHub advisories' own;
 * each entry names the advisory page it was taken from.
 */
export const ACTION_ADVISORIES: readonly ActionAdvisory[] = [
  {
    action: 'tj-actions/changed-files',
    id: 'GHSA-mrrh-fwg8-r2c3',
    aliases: ['CVE-2025-30066'],
    summary:
      "compromised in March 2025: every tag up to v45.0.7 was moved to a commit that printed the runner's secrets into the build log",
    severity: 'high',
    fixed: '46.0.1',
    source: 'https://github.com/advisories/GHSA-mrrh-fwg8-r2c3',
  },
  {
    action: 'tj-actions/changed-files',
    id: 'GHSA-mcph-m25j-8j63',
    aliases: ['CVE-2023-51664'],
    summary: 'file names from the pull request are interpolated into shell commands',
    severity: 'high',
    fixed: '41',
    source: 'https://github.com/tj-actions/changed-files/security/advisories/GHSA-mcph-m25j-8j63',
  },
  {
    action: 'tj-actions/branch-names',
    id: 'GHSA-8v8w-v8xg-79rf',
    aliases: ['CVE-2023-49291'],
    summary: 'branch names are interpolated into shell commands (code injection)',
    severity: 'critical',
    fixed: '7.0.7',
    source: 'https://github.com/advisories/GHSA-8v8w-v8xg-79rf',
  },
  {
    action: 'tj-actions/branch-names',
    id: 'GHSA-gq52-6phf-x2r6',
    aliases: ['CVE-2025-54416'],
    summary: "branch names reach `eval` through the action's outputs (command injection)",
    severity: 'critical',
    fixed: '9.0.0',
    source: 'https://github.com/tj-actions/branch-names/security/advisories/GHSA-gq52-6phf-x2r6',
  },
  {
    action: 'reviewdog/action-setup',
    id: 'GHSA-qmg3-hpqr-gqvc',
    aliases: ['CVE-2025-30154'],
    summary:
      'the v1 tag pointed at a malicious commit on 2025-03-11 between 18:42 and 20:31 UTC that dumped secrets into build logs; runs in that window must rotate their secrets',
    severity: 'high',
    refs: ['v1'],
    source: 'https://github.com/advisories/GHSA-qmg3-hpqr-gqvc',
  },
  {
    action: 'actions/download-artifact',
    id: 'GHSA-cxww-7g56-2vh6',
    aliases: ['CVE-2024-42471'],
    summary: 'artifact extraction follows ../ paths and can write files anywhere on the runner',
    severity: 'high',
    introduced: '4.0.0',
    fixed: '4.1.3',
    source: 'https://github.com/actions/download-artifact/security/advisories/GHSA-cxww-7g56-2vh6',
  },
  {
    action: 'dawidd6/action-download-artifact',
    id: 'GHSA-5xr6-xhww-33m4',
    aliases: [],
    summary: 'artifacts are also searched in forks by default, so a fork can supply them',
    severity: 'high',
    fixed: '6',
    source: 'https://github.com/advisories/GHSA-5xr6-xhww-33m4',
  },
  {
    action: 'gradle/gradle-build-action',
    id: 'GHSA-h3qr-39j9-4r5v',
    aliases: ['CVE-2023-30853'],
    summary: 'secrets from the configuration cache can be stored in the GitHub Actions cache',
    severity: 'high',
    fixed: '2.4.2',
    source: 'https://github.com/advisories/GHSA-h3qr-39j9-4r5v',
  },
];

const parse = (v: string) => v.split('.').map(Number);

/**
 * Whether a ref is affected. A floating tag (`v45`) stands for the newest release of its
 * series, so it is affected only when the fix lies outside that series.
 */
export function isAffected(advisory: ActionAdvisory, ref: string, comment?: string): boolean {
  if (advisory.refs !== undefined)
    return advisory.refs.some((r) => r.toLowerCase() === ref.toLowerCase());
  const version = refVersion(ref, comment);
  if (version === undefined) return false;
  if (advisory.introduced !== undefined && compareVersions(version, parse(advisory.introduced)) < 0)
    return false;
  if (advisory.fixed === undefined) return true;
  const fixed = parse(advisory.fixed);
  const floating = version.indexOf(Number.POSITIVE_INFINITY);
  if (floating === -1) return compareVersions(version, fixed) < 0;
  const series = version.slice(0, floating);
  return compareVersions(fixed.slice(0, floating), series) > 0;
}

export function advisoriesFor(action: string): ActionAdvisory[] {
  return ACTION_ADVISORIES.filter((a) => a.action === action);
}
