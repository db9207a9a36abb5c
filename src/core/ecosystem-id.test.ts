import { describe, expect, it } from 'vitest';
import { ecosystemApplies, formatEcosystem, parseEcosystem } from './ecosystem-id.ts';

describe('parseEcosystem', () => {
  it.each([
    ['npm', { base: 'npm' }],
    ['Debian:11', { base: 'Debian', release: '11' }],
    ['Alpine:v3.18', { base: 'Alpine', release: 'v3.18' }],
    ['Ubuntu:22.04:LTS', { base: 'Ubuntu', release: '22.04:LTS' }],
    ['Ubuntu:Pro:18.04:LTS', { base: 'Ubuntu', release: 'Pro:18.04:LTS' }],
    [
      'Red Hat:enterprise_linux:9::appstream',
      { base: 'Red Hat', release: 'enterprise_linux:9::appstream' },
    ],
    ['Debian:', { base: 'Debian' }],
  ])('%s', (input, want) => {
    expect(parseEcosystem(input)).toEqual(want);
    expect(formatEcosystem(parseEcosystem(input))).toBe(input.replace(/:$/, ''));
  });
});

describe('ecosystemApplies', () => {
  it.each([
    ['Debian:11', 'Debian:11', true],
    ['Debian:11', 'Debian:10', false],
    ['Debian', 'Debian:11', true],
    ['Debian:11', 'Debian', true],
    ['Alpine:v3.18', 'Alpine:3.18', true],
    ['Alpine:v3.18', 'Alpine:v3.17', false],
    ['Ubuntu:22.04:LTS', 'Ubuntu:22.04', true],
    ['Ubuntu:Pro:22.04:LTS', 'Ubuntu:22.04', false],
    ['PyPI', 'pypi', true],
    ['npm', 'PyPI', false],
    ['Red Hat:enterprise_linux:9::appstream', 'Red Hat:enterprise_linux:9', true],
    ['Red Hat:enterprise_linux:8::appstream', 'Red Hat:enterprise_linux:9', false],
    ['Red Hat:enterprise_linux:9', 'Red Hat:enterprise_linux:9::baseos', false],
  ])('%s applies to %s: %s', (advisory, pkg, want) => {
    expect(ecosystemApplies(advisory, pkg)).toBe(want);
  });
});
