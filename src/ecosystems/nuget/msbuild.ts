import type { XmlElement } from '../shared/xml-document.ts';

/** The MSBuild items that name NuGet packages. */
export type PackageItemKind = 'PackageReference' | 'PackageVersion' | 'GlobalPackageReference';

/** One package item of an MSBuild file, its attributes and metadata already interpolated. */
export interface PackageItem {
  readonly kind: PackageItemKind;
  /** `Include`, or `Update` for items that change an imported reference. */
  readonly name: string;
  readonly version: string | undefined;
  readonly versionOverride: string | undefined;
  readonly privateAssets: string | undefined;
  readonly line: number;
}

const KINDS: ReadonlySet<string> = new Set([
  'PackageReference',
  'PackageVersion',
  'GlobalPackageReference',
]);

/**
 * Reads the package items and properties of an MSBuild project (.csproj, Directory.Packages.props)
 * wherever they sit (ItemGroups, Choose/When), walking the element tree with an explicit stack.
 * Conditions are not evaluated: every item counts, as a scanner cannot know the build's choice.
 */
export function readPackageItems(root: XmlElement): PackageItem[] {
  const properties = new Map<string, string>();
  const raw: { kind: PackageItemKind; element: XmlElement }[] = [];
  const stack: XmlElement[] = [root];
  while (stack.length > 0) {
    const element = stack.pop() as XmlElement;
    if (element.name === 'PropertyGroup') {
      for (const property of element.children) {
        if (!properties.has(property.name.toLowerCase())) {
          properties.set(property.name.toLowerCase(), property.text.trim());
        }
      }
    } else if (KINDS.has(element.name)) {
      raw.push({ kind: element.name as PackageItemKind, element });
    }
    for (let i = element.children.length - 1; i >= 0; i--) {
      stack.push(element.children[i] as XmlElement);
    }
  }
  const expand = (value: string | undefined) =>
    value === undefined ? undefined : interpolate(value, properties);
  return raw
    .sort((a, b) => a.element.line - b.element.line)
    .map(({ kind, element }) => ({
      kind,
      name: (metadata(element, 'Include') ?? metadata(element, 'Update') ?? '').trim(),
      version: expand(metadata(element, 'Version')),
      versionOverride: expand(metadata(element, 'VersionOverride')),
      privateAssets: metadata(element, 'PrivateAssets'),
      line: element.line,
    }));
}

/** Item metadata as an attribute or a child element; MSBuild names are case-insensitive. */
function metadata(element: XmlElement, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(element.attributes)) {
    if (key.toLowerCase() === wanted) return value;
  }
  return element.children.find((child) => child.name.toLowerCase() === wanted)?.text.trim();
}

/** Replaces `$(Name)` with the file's own properties; unknown ones stay as written. */
function interpolate(value: string, properties: ReadonlyMap<string, string>): string {
  let text = value;
  // A few passes resolve properties defined through other properties; the caps keep a
  // self-referencing or doubling chain from looping or growing without bound.
  for (let pass = 0; pass < 8 && text.includes('$(') && text.length < 1024; pass++) {
    const next = text.replace(
      /\$\(([A-Za-z_][\w.-]*)\)/g,
      (whole, name: string) => properties.get(name.toLowerCase()) ?? whole,
    );
    if (next === text) break;
    text = next;
  }
  return text.trim();
}
