import { describe, expect, it } from 'vitest';
import { makePackage } from '../../../test/helpers/report-factory.ts';
import { buildInventory } from './inventory.ts';

describe('buildInventory', () => {
  it('merges a package found in several files and keeps every location', () => {
    const a = makePackage({
      ecosystem: 'npm',
      name: 'ms',
      version: '2.1.3',
      locations: [{ path: 'a/package-lock.json', line: 3 }],
      dev: true,
    });
    const b = makePackage({
      ecosystem: 'npm',
      name: 'ms',
      version: '2.1.3',
      locations: [{ path: 'b/package-lock.json' }],
      dev: false,
    });
    const { components } = buildInventory([a, b, a]);
    expect(components).toHaveLength(1);
    expect(components[0]).toMatchObject({
      id: 'pkg:npm/ms@2.1.3',
      locations: [{ path: 'a/package-lock.json', line: 3 }, { path: 'b/package-lock.json' }],
      dev: false,
    });
  });

  it('resolves name@version edges within the same file first', () => {
    const debugA = makePackage({
      ecosystem: 'npm',
      name: 'debug',
      version: '4.3.4',
      locations: [{ path: 'a/package-lock.json' }],
      dependsOn: ['ms@2.1.2'],
    });
    const msA = makePackage({
      ecosystem: 'npm',
      name: 'ms',
      version: '2.1.2',
      locations: [{ path: 'a/package-lock.json' }],
    });
    const msPy = makePackage({
      ecosystem: 'PyPI',
      name: 'ms',
      version: '2.1.2',
      locations: [{ path: 'requirements.txt' }],
    });
    const { components } = buildInventory([debugA, msA, msPy]);
    const debug = components.find((c) => c.name === 'debug');
    expect(debug?.dependsOn).toEqual(['pkg:npm/ms@2.1.2']);
    // Packages from formats without a graph say nothing about their dependencies.
    expect(components.find((c) => c.ecosystem === 'PyPI')?.dependsOn).toBeUndefined();
  });

  it('drops edges it cannot resolve and orders components stably', () => {
    const p = makePackage({
      ecosystem: 'npm',
      name: 'x',
      version: '1.0.0',
      dependsOn: ['missing@1.0.0', 'x@1.0.0'],
    });
    const q = makePackage({ ecosystem: 'Go', name: 'golang.org/x/net', version: '0.17.0' });
    const { components, idOf } = buildInventory([p, q]);
    expect(components.map((c) => c.ecosystem)).toEqual(['Go', 'npm']);
    expect(components[1]?.dependsOn).toEqual([]);
    expect(idOf(q)).toBe('pkg:golang/golang.org/x/net@v0.17.0');
  });

  it('falls back to ecosystem:name@version when no purl can be built', () => {
    const p = makePackage({ ecosystem: 'Unheard-Of', name: 'thing', version: '1' });
    expect(buildInventory([p]).components[0]?.id).toBe('Unheard-Of:thing@1');
  });
});
