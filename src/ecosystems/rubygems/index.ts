import { getVersionScheme } from '../../versioning/registry.ts';
import type { Ecosystem } from '../ecosystem.ts';
import { extractors } from './extractors.ts';

export const rubygems: Ecosystem = {
  id: 'RubyGems',
  purlType: 'gem',
  get versioning() {
    return getVersionScheme('rubygems');
  },
  normalizeName: (name) => name.trim(),
  extractors,
};
