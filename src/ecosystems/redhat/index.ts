import { getVersionScheme } from '../../versioning/registry.ts';
import type { Ecosystem } from '../ecosystem.ts';
import { extractors } from './extractors.ts';

/** Red Hat Enterprise Linux (and CentOS, which rebuilds it): OSV ecosystem "Red Hat". */
export const redhat: Ecosystem = {
  id: 'Red Hat',
  purlType: 'rpm',
  get versioning() {
    return getVersionScheme('rpm');
  },
  normalizeName: (name) => name.trim(),
  extractors,
};
