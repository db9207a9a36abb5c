import { getVersionScheme } from '../../versioning/registry.ts';
import type { Ecosystem } from '../ecosystem.ts';
import { extractors } from './extractors.ts';

export const julia: Ecosystem = {
  id: 'Julia',
  purlType: 'julia',
  get versioning() {
    return getVersionScheme('semver');
  },
  normalizeName: (name) => name.trim(),
  extractors,
};
