import { PackageURL } from 'packageurl-js';
import { baseName, type InstalledExtractor } from './installed-extractor.ts';

// site-packages/x.dist-info/METADATA, x.egg-info/PKG-INFO, or a distutils x.egg-info file.
const METADATA = /(^|\/)[^/]+\.dist-info\/METADATA$|(^|\/)[^/]+\.egg-info(\/PKG-INFO)?$/;

/** Core metadata header fields (RFC 822 style) up to the first blank line. */
function headers(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    if (line === '') break;
    const colon = line.indexOf(':');
    if (colon <= 0 || line.startsWith(' ') || line.startsWith('\t')) continue;
    const key = line.slice(0, colon).toLowerCase();
    if (!fields.has(key)) fields.set(key, line.slice(colon + 1).trim());
  }
  return fields;
}

/** PEP 503 normalized name, as purl and OSV's PyPI matching want it. */
function normalize(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** Installed Python distributions: the core metadata pip and setuptools leave behind. */
export const pythonMetadataExtractor: InstalledExtractor = {
  id: 'installed/python-metadata',
  matches: (path) => METADATA.test(path),
  maxBytes: 8 * 1024 * 1024,
  extract({ path, content }) {
    const fields = headers(content.toString('utf8'));
    const name = fields.get('name');
    const version = fields.get('version');
    if (!name || !version) {
      return {
        packages: [],
        skipped: [
          {
            path,
            ...(name ? { name } : {}),
            reason: 'malformed',
            detail: `${baseName(path)} without Name and Version`,
          },
        ],
      };
    }
    return {
      packages: [
        {
          ecosystem: 'PyPI',
          name,
          version,
          purl: new PackageURL(
            'pypi',
            undefined,
            normalize(name),
            version,
            undefined,
            undefined,
          ).toString(),
          locations: [{ path }],
          extractor: 'installed/python-metadata',
        },
      ],
      skipped: [],
    };
  },
};
