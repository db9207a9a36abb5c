import type { PackageRef } from '../../core/package.ts';
import type { Remediation } from '../../core/report.ts';

/** Looks up the upgrade plan that fixes an advisory in a package, in constant time. */
export type RemediationLookup = (pkg: PackageRef, advisoryId: string) => Remediation | undefined;

const key = (pkg: PackageRef, advisoryId: string) =>
  `${pkg.ecosystem}\u0000${pkg.name}\u0000${pkg.version}\u0000${advisoryId}`;

export function remediationLookup(remediation: readonly Remediation[]): RemediationLookup {
  const plans = new Map<string, Remediation>();
  for (const plan of remediation) {
    for (const id of plan.fixes) {
      const k = key(plan.package, id);
      if (!plans.has(k)) plans.set(k, plan);
    }
  }
  return (pkg, advisoryId) => plans.get(key(pkg, advisoryId));
}
