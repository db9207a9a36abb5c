import { getVersionScheme } from '../../versioning/registry.ts';
import type { Ecosystem } from '../ecosystem.ts';
import { extractors } from './extractors.ts';

export const pypi: Ecosystem = {
  id: 'PyPI',
  purlType: 'pypi',
  get versioning() {
    return getVersionScheme('pep440');
  },
  normalizeName: (name) =>
    name
      .trim()
      .toLowerCase()
      .replace(/[-_.]+/g, '-'),
  extractors,
};
