import type { EcosystemRules } from '../core/affected.ts';
import { getVersionScheme } from '../versioning/registry.ts';
import { findEcosystem } from './registry.ts';

const cache = new Map<string, EcosystemRules | undefined>();

/**
 * The version and name rules for an OSV ecosystem string ("npm", "Debian:11"), or undefined when
 * secflow has no plugin for it — such packages are reported as not checkable.
 */
export function rulesFor(ecosystem: string): EcosystemRules | undefined {
  const plugin = findEcosystem(ecosystem);
  if (plugin === undefined) return undefined;
  let rules = cache.get(plugin.id);
  if (rules === undefined) {
    rules = {
      scheme: plugin.versioning,
      semver: getVersionScheme('semver'),
      normalizeName: (name) => plugin.normalizeName(name),
    };
    cache.set(plugin.id, rules);
  }
  return rules;
}
