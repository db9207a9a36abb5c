import { PackageURL } from 'packageurl-js';
import { baseName, type InstalledExtractor } from './installed-extractor.ts';

const GEMSPEC = /(^|\/)specifications\/[^/]+\.gemspec$/;
// RubyGems writes `s.name = "rake".freeze` and `s.version = "13.0.6"` in installed specs.
const FIELD = (field: string) =>
  new RegExp(`^\\s*\\w+\\.${field}\\s*=\\s*["']([^"']+)["'](?:\\.freeze)?\\s*$`, 'm');
const NAME = FIELD('name');
const VERSION = FIELD('version');

/** Installed gems: the specifications/<name>-<version>.gemspec files RubyGems writes. */
export const rubyGemspecExtractor: InstalledExtractor = {
  id: 'installed/ruby-gemspec',
  matches: (path) => GEMSPEC.test(path),
  maxBytes: 4 * 1024 * 1024,
  extract({ path, content }) {
    const text = content.toString('utf8');
    const name = NAME.exec(text)?.[1];
    // Versions may also be written Gem::Version.new("1.2"); the file name always carries it.
    const version =
      VERSION.exec(text)?.[1] ??
      (name === undefined ? undefined : versionFromFileName(baseName(path), name));
    if (!name || !version) {
      return {
        packages: [],
        skipped: [
          {
            path,
            ...(name ? { name } : {}),
            reason: 'malformed',
            detail: 'gemspec without name and version',
          },
        ],
      };
    }
    return {
      packages: [
        {
          ecosystem: 'RubyGems',
          name,
          version,
          purl: new PackageURL('gem', undefined, name, version, undefined, undefined).toString(),
          locations: [{ path }],
          extractor: 'installed/ruby-gemspec',
        },
      ],
      skipped: [],
    };
  },
};

/** "nokogiri-1.15.4-x86_64-linux.gemspec" with name "nokogiri" → "1.15.4". */
function versionFromFileName(file: string, name: string): string | undefined {
  const rest = file.slice(name.length + 1).replace(/\.gemspec$/, '');
  return file.startsWith(`${name}-`) ? rest.split('-')[0] : undefined;
}
