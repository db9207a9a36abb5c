import type { EcosystemRules } from '../../src/core/affected.ts';
import type { VersionScheme } from '../../src/core/version-scheme.ts';

/** Dotted numbers only: lets core tests exercise algorithms without a real ecosystem scheme. */
export const dottedScheme: VersionScheme = {
  id: 'dotted',
  isValid: (v) => /^\d+(\.\d+)*$/.test(v),
  compare(a, b) {
    const pa = a.split('.').map(Number);
    const pb = b.split('.').map(Number);
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
      const d = (pa[i] ?? 0) - (pb[i] ?? 0);
      if (d !== 0) return d;
    }
    return 0;
  },
};

export const dottedRules: EcosystemRules = {
  scheme: dottedScheme,
  semver: dottedScheme,
  normalizeName: (n) => n.toLowerCase(),
};
