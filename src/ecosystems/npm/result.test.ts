import { describe, expect, it } from 'vitest';
import { DependencyGraph } from './graph.ts';
import { toResult } from './result.ts';

const options = { path: 'lock', extractor: 'npm/test' };

function chain(length: number): DependencyGraph {
  const graph = new DependencyGraph(0);
  for (let i = 0; i < length; i++) graph.addNode({ name: `p${i}`, version: '1.0.0', line: i + 1 });
  for (let i = 0; i + 1 < length; i++) graph.addEdge(i, i + 1);
  graph.addRoot(0, 'prod');
  return graph;
}

describe('toResult', () => {
  it('gives a dependency path to packages up to 64 deep, none beyond, on any length', () => {
    const { packages } = toResult(chain(100_000), options);
    expect(packages[63]?.dependencyPath?.length).toBe(64);
    expect(packages[63]?.dependencyPath?.[0]).toBe('p0@1.0.0');
    expect(packages[64]?.dependencyPath).toBeUndefined();
    const last = packages[99_999];
    expect([last?.direct, last?.dev, last?.dependsOn]).toEqual([false, false, undefined]);
  });

  it('terminates on cycles, with shortest paths and no self edge in dependsOn', () => {
    const graph = new DependencyGraph(0);
    for (const name of ['a', 'b', 'c']) graph.addNode({ name, version: '1.0.0' });
    graph.addEdge(0, 1);
    graph.addEdge(1, 2);
    graph.addEdge(2, 0);
    graph.addEdge(2, 2);
    graph.addRoot(1, 'dev');
    const { packages } = toResult(graph, options);
    expect(packages.map((p) => [p.name, p.dependencyPath, p.dependsOn, p.dev])).toEqual([
      ['a', ['b@1.0.0', 'c@1.0.0', 'a@1.0.0'], ['b@1.0.0'], true],
      ['b', ['b@1.0.0'], ['c@1.0.0'], true],
      ['c', ['b@1.0.0', 'c@1.0.0'], ['a@1.0.0'], true],
    ]);
  });

  it('decides dev: prod anywhere wins, dev only when nothing else reaches it', () => {
    const graph = new DependencyGraph(0);
    for (const name of ['prod', 'dev', 'shared', 'tool', 'orphan'])
      graph.addNode({ name, version: '1' });
    graph.addEdge(0, 2);
    graph.addEdge(1, 2);
    graph.addRoot(0, 'prod');
    graph.addRoot(1, 'dev');
    graph.addRoot(3, 'unknown');
    const dev = Object.fromEntries(toResult(graph, options).packages.map((p) => [p.name, p.dev]));
    expect(dev).toEqual({
      prod: false,
      dev: true,
      shared: false,
      tool: undefined,
      orphan: undefined,
    });
  });

  it('merges copies of one name@version: all lines, direct if any copy is', () => {
    const graph = new DependencyGraph(0);
    graph.addNode({ name: 'a', version: '1', line: 3, dev: true });
    graph.addNode({ name: 'a', version: '1', line: 9, dev: false });
    graph.addRoot(1, 'prod');
    const [a] = toResult(graph, options).packages;
    expect(a).toMatchObject({
      locations: [
        { path: 'lock', line: 3 },
        { path: 'lock', line: 9 },
      ],
      direct: true,
      dev: false,
    });
  });

  it('leaves direct, dev and paths out when the roots are unknown', () => {
    const graph = new DependencyGraph(0);
    graph.addNode({ name: 'a', version: '1' });
    expect(toResult(graph, options).packages[0]).toEqual({
      ecosystem: 'npm',
      name: 'a',
      version: '1',
      purl: 'pkg:npm/a@1',
      locations: [{ path: 'lock' }],
      extractor: 'npm/test',
    });
  });

  it('caps edges at the budget and says so', () => {
    const graph = new DependencyGraph(0);
    graph.addNode({ name: 'a', version: '1' });
    for (let i = 0; i < 1_000_005; i++) graph.addEdge(0, 0);
    expect(toResult(graph, options).skipped).toEqual([
      {
        path: 'lock',
        reason: 'malformed',
        detail: '5 dependency edges beyond what a file of this size can hold were ignored',
      },
    ]);
  });

  it('moves edges and roots into link targets, dropping those into nothing', () => {
    const graph = new DependencyGraph(0);
    for (const name of ['a', 'link', 'target']) graph.addNode({ name, version: '1' });
    graph.addEdge(0, 1);
    graph.addRoot(1, 'prod');
    graph.addRoot(0, 'prod');
    graph.retarget((n) => (n === 1 ? 2 : n));
    expect(graph.edgesOf(0)).toEqual(Int32Array.of(2));
    expect(graph.roots).toEqual([2, 0]);
    graph.retarget((n) => (n === 2 ? -1 : n));
    expect(graph.edgesOf(0)).toEqual(new Int32Array(0));
    expect(graph.roots).toEqual([0]);
  });
});
