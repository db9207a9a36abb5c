import { describe, expect, it } from 'vitest';
import { memoryInput } from '../shared/memory-input.ts';
import { pipfileLock } from './pipfile-lock.ts';

const LOCK = `{
  "_meta": {"pipfile-spec": 6},
  "default": {
    "requests": {"version": "==2.31.0", "hashes": ["sha256:aa"], "markers": "python_version >= '3.7'"},
    "six": {"version": "==1.16.0"},
    "mylib": {"git": "https://github.com/me/mylib.git", "ref": "abc123", "editable": true}
  },
  "develop": {
    "pytest": {"version": "==8.0.0"},
    "six": {"version": "==1.16.0"},
    "black": {"version": "*"}
  }
}`;

describe('Pipfile.lock', () => {
  it('reads default and develop sections with their lines; develop is dev', async () => {
    const { packages, skipped } = await pipfileLock.extract(
      memoryInput({ 'Pipfile.lock': LOCK }, 'Pipfile.lock'),
    );
    expect(packages.map((p) => [p.name, p.version, p.dev, p.locations[0]?.line])).toEqual([
      ['requests', '2.31.0', false, 4],
      ['six', '1.16.0', false, 5],
      ['pytest', '8.0.0', true, 9],
    ]);
    expect(skipped.map((s) => [s.reason, s.line, s.name])).toEqual([
      ['non-registry', 6, undefined],
      ['unpinned', 11, 'black'],
    ]);
  });

  it('marks direct dependencies from the Pipfile beside it', async () => {
    const files = {
      'Pipfile.lock': LOCK,
      Pipfile: '[packages]\nrequests = "*"\n\n[dev-packages]\npytest = "*"\n',
    };
    const { packages } = await pipfileLock.extract(memoryInput(files, 'Pipfile.lock'));
    expect(packages.map((p) => [p.name, p.direct])).toEqual([
      ['requests', true],
      ['six', false],
      ['pytest', true],
    ]);
  });

  it('reads an empty file as no packages and refuses other non-objects', async () => {
    expect(
      await pipfileLock.extract(memoryInput({ 'Pipfile.lock': '\n' }, 'Pipfile.lock')),
    ).toEqual({ packages: [], skipped: [] });
    await expect(
      pipfileLock.extract(memoryInput({ 'Pipfile.lock': 'null' }, 'Pipfile.lock')),
    ).rejects.toMatchObject({
      code: 'input',
      message: 'Pipfile.lock: not a valid Pipfile.lock: not a JSON object',
    });
    await expect(
      pipfileLock.extract(memoryInput({ 'Pipfile.lock': LOCK.slice(0, 120) }, 'Pipfile.lock')),
    ).rejects.toMatchObject({
      code: 'input',
      message: expect.stringMatching(/^Pipfile\.lock: not a valid Pipfile\.lock: /),
    });
  });
});
