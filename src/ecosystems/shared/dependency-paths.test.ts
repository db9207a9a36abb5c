import { describe, expect, it } from 'vitest';
import type { PackageRef } from '../../core/package.ts';
import { analyzeGraph, packageKey, withDependencyPaths } from './dependency-paths.ts';

const labels = new Map([
  ['a', 'a@1'],
  ['b', 'b@1'],
  ['c', 'c@1'],
  ['d', 'd@1'],
  ['t', 't@1'],
  ['x', 'x@1'],
]);
const edges = new Map([
  ['a', ['b']],
  ['b', ['c', 'a']],
  ['c', ['d']],
  ['t', ['d', 'c']],
]);

describe('analyzeGraph', () => {
  it('finds shortest paths from any direct dependency, through cycles', () => {
    const facts = analyzeGraph({ labels, edges, roots: { prod: ['a'], dev: ['t'] } });
    expect(facts.get('d')).toEqual({
      direct: false,
      dev: false,
      dependencyPath: ['t@1', 'd@1'],
      dependsOn: [],
    });
    expect(facts.get('b')).toEqual({
      direct: false,
      dev: false,
      dependencyPath: ['a@1', 'b@1'],
      dependsOn: ['c@1', 'a@1'],
    });
    expect(facts.get('t')).toEqual({
      direct: true,
      dev: true,
      dependencyPath: ['t@1'],
      dependsOn: ['d@1', 'c@1'],
    });
    expect(facts.get('x')).toEqual({ direct: false, dependsOn: [] });
  });

  it('leaves direct and dev unknown when the roots are', () => {
    expect(analyzeGraph({ labels, edges }).get('a')).toEqual({ dependsOn: ['b@1'] });
    expect(analyzeGraph({ labels, edges, roots: { prod: ['a'] } }).get('c')).toEqual({
      direct: false,
      dependencyPath: ['a@1', 'b@1', 'c@1'],
      dependsOn: ['d@1'],
    });
  });

  it('walks a 10^5-long chain without recursion and bounds path length', () => {
    const n = 100_000;
    const chainLabels = new Map(Array.from({ length: n }, (_, i) => [`${i}`, `p${i}@1`]));
    const chainEdges = new Map(Array.from({ length: n - 1 }, (_, i) => [`${i}`, [`${i + 1}`]]));
    const facts = analyzeGraph({
      labels: chainLabels,
      edges: chainEdges,
      roots: { prod: ['0'], dev: [] },
    });
    expect(facts.get('10')?.dependencyPath).toHaveLength(11);
    expect(facts.get(`${n - 1}`)).toEqual({ direct: false, dev: false, dependsOn: [] });
  });
});

const pkg = (name: string, direct: boolean, dependsOn: string[] = []): PackageRef => ({
  ecosystem: 'NuGet',
  name,
  version: '1',
  locations: [],
  direct,
  dependsOn,
});

describe('withDependencyPaths', () => {
  it('gives each transitive package its shortest chain from a direct one, through cycles', () => {
    const result = withDependencyPaths([
      pkg('a', true, ['b@1']),
      pkg('b', false, ['c@1', 'a@1']),
      pkg('c', false, ['b@1']),
      pkg('orphan', false),
    ]);
    expect(result.map((p) => p.dependencyPath)).toEqual([
      undefined,
      ['a@1', 'b@1'],
      ['a@1', 'b@1', 'c@1'],
      undefined,
    ]);
  });

  it('handles a 10^5-long chain without recursion, leaving over-long paths out', () => {
    const n = 100_000;
    const chain = Array.from({ length: n }, (_, i) =>
      pkg(`p${i}`, i === 0, i + 1 < n ? [`p${i + 1}@1`] : []),
    );
    const result = withDependencyPaths(chain);
    expect(result[63]?.dependencyPath).toHaveLength(64);
    expect(result[n - 1]?.dependencyPath).toBeUndefined();
  });

  it('keys packages as name@version', () => {
    expect(packageKey('a', '1.0')).toBe('a@1.0');
  });
});
