import { describe, expect, it } from 'vitest';
import { memoryInput } from '../shared/memory-input.ts';
import { setupPy } from './setup-py.ts';

const SETUP = `from setuptools import setup

deps = ["computed==1.0"]
setup(
    name="demo",
    install_requires=[
        "requests==2.31.0",  # pinned
        'lxml>=4.6.2,<5',
        "plain",
        "%s==1.0" % name,
        # "commented==1.0",
    ],
    extras_require={
        "test": ["pytest==8.0.0"],
        "cli": ["click==8.1.7"],
    },
    tests_require=deps,
)
`;

describe('setup.py', () => {
  it('reads literal requirement lists without running the file', async () => {
    const { packages, skipped } = await setupPy.extract(
      memoryInput({ 'setup.py': SETUP }, 'setup.py'),
    );
    expect(packages.map((p) => [p.name, p.version, p.dev, p.locations[0]?.line])).toEqual([
      ['requests', '2.31.0', false, 7],
      ['pytest', '8.0.0', true, 14],
      ['click', '8.1.7', false, 15],
    ]);
    expect(skipped.map((s) => [s.reason, s.name, s.version, s.line])).toEqual([
      ['unpinned', 'lxml', '4.6.2', 8],
      ['unpinned', undefined, undefined, 9],
      ['unsupported', undefined, undefined, 10],
      ['unsupported', undefined, undefined, 17],
    ]);
  });
});
