import { PackageURL } from 'packageurl-js';
import type { InstalledExtractor } from './installed-extractor.ts';

// node_modules/<name>/package.json or node_modules/@scope/<name>/package.json, at any depth.
const PACKAGE_JSON = /(^|\/)node_modules\/(@[^/]+\/)?[^/@.][^/]*\/package\.json$/;

/** The package.json of each package installed under node_modules. */
export const nodePackageExtractor: InstalledExtractor = {
  id: 'installed/node-package-json',
  matches: (path) => PACKAGE_JSON.test(path),
  maxBytes: 4 * 1024 * 1024,
  extract({ path, content }) {
    let manifest: unknown;
    try {
      manifest = JSON.parse(content.toString('utf8'));
    } catch {
      return { packages: [], skipped: [{ path, reason: 'malformed', detail: 'not valid JSON' }] };
    }
    const { name, version } = (manifest ?? {}) as { name?: unknown; version?: unknown };
    if (typeof name !== 'string' || typeof version !== 'string' || name === '' || version === '') {
      return {
        packages: [],
        skipped: [
          {
            path,
            ...(typeof name === 'string' && name !== '' ? { name } : {}),
            reason: 'malformed',
            detail: 'package.json without name and version',
          },
        ],
      };
    }
    const scope = name.startsWith('@') ? name.slice(0, name.indexOf('/')) : undefined;
    const bare = scope === undefined ? name : name.slice(scope.length + 1);
    return {
      packages: [
        {
          ecosystem: 'npm',
          name,
          version,
          purl: new PackageURL('npm', scope, bare, version, undefined, undefined).toString(),
          locations: [{ path }],
          extractor: 'installed/node-package-json',
        },
      ],
      skipped: [],
    };
  },
};
