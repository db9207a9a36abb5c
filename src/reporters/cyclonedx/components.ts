import type { ScanTarget } from '../../core/report.ts';
import { formatLocation } from '../common/findings.ts';
import type { InventoryComponent } from '../common/inventory.ts';

/** bom-ref of the scanned target (metadata.component). */
export const TARGET_REF = 'secflow:target';

export function targetComponent(target: ScanTarget) {
  const type =
    target.kind === 'image'
      ? 'container'
      : target.kind === 'file'
        ? 'file'
        : target.kind === 'rootfs'
          ? 'operating-system'
          : 'application';
  const digest = target.image?.digest;
  const sha256 = digest?.startsWith('sha256:') === true ? digest.slice(7) : undefined;
  return {
    'bom-ref': TARGET_REF,
    type,
    name: target.image?.reference ?? target.path,
    ...(digest === undefined ? {} : { version: digest }),
    ...(sha256 !== undefined && /^[a-f0-9]{64}$/i.test(sha256)
      ? { hashes: [{ alg: 'SHA-256', content: sha256 }] }
      : {}),
    ...(target.image?.platform === undefined
      ? {}
      : { properties: [{ name: 'secflow:image:platform', value: target.image.platform }] }),
  };
}

export function osComponent(target: ScanTarget) {
  if (target.os === undefined) return undefined;
  const { id, release, prettyName } = target.os;
  return {
    'bom-ref': `secflow:os:${id}@${release}`,
    type: 'operating-system',
    name: id,
    version: release,
    ...(prettyName === undefined ? {} : { description: prettyName }),
  };
}

/** CycloneDX caps versions at 1024 characters; a longer one is junk and is left out. */
export function cdxVersion(version: string): string | undefined {
  return version === '' || version.length > 1024 ? undefined : version;
}

/** CycloneDX splits Maven coordinates and npm scopes into group and name. */
function groupAndName(c: InventoryComponent): { group?: string; name: string } {
  const base = c.ecosystem.split(':')[0];
  if (base === 'Maven') {
    const colon = c.name.indexOf(':');
    if (colon > 0) return { group: c.name.slice(0, colon), name: c.name.slice(colon + 1) };
  }
  if (base === 'npm' && c.name.startsWith('@')) {
    const slash = c.name.indexOf('/');
    if (slash > 1) return { group: c.name.slice(0, slash), name: c.name.slice(slash + 1) };
  }
  return { name: c.name };
}

export function component(c: InventoryComponent) {
  const properties = [
    { name: 'secflow:ecosystem', value: c.ecosystem },
    ...c.locations.map((l) => ({ name: 'secflow:location', value: formatLocation(l) })),
    ...(c.direct === undefined ? [] : [{ name: 'secflow:direct', value: String(c.direct) }]),
    ...(c.dev === undefined ? [] : [{ name: 'secflow:dev', value: String(c.dev) }]),
    ...(c.source === undefined
      ? []
      : [{ name: 'secflow:source', value: `${c.source.name}@${c.source.version}` }]),
    ...(c.layer === undefined
      ? []
      : [
          { name: 'secflow:layer:index', value: String(c.layer.index) },
          { name: 'secflow:layer:digest', value: c.layer.digest },
        ]),
  ];
  return {
    'bom-ref': c.id,
    type: 'library',
    ...groupAndName(c),
    ...(cdxVersion(c.version) === undefined ? {} : { version: c.version }),
    ...(c.dev === true ? { scope: 'excluded' } : {}),
    ...(c.purl === undefined ? {} : { purl: c.purl }),
    properties,
  };
}
