import { getVersionScheme } from '../../versioning/registry.ts';
import type { Ecosystem } from '../ecosystem.ts';
import { extractors } from './extractors.ts';

export const nuget: Ecosystem = {
  id: 'NuGet',
  purlType: 'nuget',
  get versioning() {
    return getVersionScheme('nuget');
  },
  normalizeName: (name) => name.trim().toLowerCase(),
  extractors,
};
