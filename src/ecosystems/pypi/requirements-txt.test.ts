import { describe, expect, it } from 'vitest';
import { memoryInput } from '../shared/memory-input.ts';
import { requirementsTxt } from './requirements-txt.ts';

const extract = async (files: Record<string, string>, path = 'requirements.txt') =>
  await requirementsTxt.extract(memoryInput(files, path));

describe('requirements.txt', () => {
  it('matches requirement files by name', () => {
    expect(requirementsTxt.matches('requirements.txt')).toBe(true);
    expect(requirementsTxt.matches('app/requirements-dev.txt')).toBe(true);
    expect(requirementsTxt.matches('requirements.in')).toBe(false);
    expect(requirementsTxt.matches('notes.txt')).toBe(false);
  });

  it('reports exact pins as direct packages with their line', async () => {
    const { packages } = await extract({
      'requirements.txt':
        '# comment\nDjango==4.2.1\n\nrequests[socks,security] == 2.31.0 ; python_version > "3.7"\n',
    });
    expect(packages).toEqual([
      {
        ecosystem: 'PyPI',
        name: 'Django',
        version: '4.2.1',
        purl: 'pkg:pypi/django@4.2.1',
        locations: [{ path: 'requirements.txt', line: 2 }],
        direct: true,
        extractor: 'pypi/requirements',
      },
      expect.objectContaining({
        name: 'requests',
        version: '2.31.0',
        locations: [{ path: 'requirements.txt', line: 4 }],
      }),
    ]);
  });

  it('joins continuations, keeps the first line, and drops hashes and comments', async () => {
    const { packages, skipped } = await extract({
      'requirements.txt':
        'flask==3.0.0 \\\n    --hash=sha256:aa \\\n    --hash=sha256:bb\nsix==1.16.0 --hash=sha256:cc # trailing comment\nyarl==1.9.4 --hash=sha256:dd;#not-a-comment\n',
    });
    expect(packages.map((p) => [p.name, p.version, p.locations[0]?.line])).toEqual([
      ['flask', '3.0.0', 1],
      ['six', '1.16.0', 4],
      ['yarl', '1.9.4', 5],
    ]);
    expect(skipped).toEqual([]);
  });

  it('skips ranges and bare names as unpinned with the version the constraint names', async () => {
    const { packages, skipped } = await extract({
      'requirements.txt':
        'numpy>=1.26\npandas\nscipy~=1.11.0\nattrs!=22.1\nclick>=8,<9\nrich==13.*\n',
    });
    expect(packages).toEqual([]);
    expect(skipped.map((s) => [s.name, s.version, s.reason, s.line])).toEqual([
      ['numpy', '1.26', 'unpinned', 1],
      ['pandas', '', 'unpinned', 2],
      ['scipy', '1.11.0', 'unpinned', 3],
      ['attrs', '', 'unpinned', 4],
      ['click', '', 'unpinned', 5],
      ['rich', '', 'unpinned', 6],
    ]);
  });

  it('skips URLs, paths, VCS and editable installs as non-registry', async () => {
    const { packages, skipped } = await extract({
      'requirements.txt': [
        'urllib3 @ https://example.com/urllib3-2.0.0.zip',
        'git+https://github.com/psf/requests@v2.31.0#egg=requests',
        '-e ./libs/internal',
        './wheels/foo-1.0-py3-none-any.whl',
        '--index-url https://pypi.example.com/simple',
      ].join('\n'),
    });
    expect(packages).toEqual([]);
    expect(skipped.map((s) => [s.reason, s.line])).toEqual([
      ['non-registry', 1],
      ['non-registry', 2],
      ['non-registry', 3],
      ['non-registry', 4],
    ]);
    expect(skipped[0]?.entry).toBe('urllib3 @ https://example.com/urllib3-2.0.0.zip');
  });

  it('follows -r includes relative to the including file, reporting their own paths', async () => {
    const { packages } = await extract(
      {
        'app/requirements.txt': '-r reqs/base.txt\nflask==3.0.0\n',
        'app/reqs/base.txt': '--requirement=../common.txt\nsix==1.16.0\n',
        'app/common.txt': 'idna==3.6\n',
      },
      'app/requirements.txt',
    );
    expect(packages.map((p) => [p.name, p.locations[0]?.path, p.locations[0]?.line])).toEqual([
      ['flask', 'app/requirements.txt', 2],
      ['six', 'app/reqs/base.txt', 2],
      ['idna', 'app/common.txt', 1],
    ]);
  });

  it('stops at include cycles and reports includes it cannot read', async () => {
    const { packages, skipped } = await extract(
      {
        'sub/requirements.txt': '-r a.txt\n-r ../../outside.txt\n-r missing.txt\n',
        'sub/a.txt': '-r b.txt\nattrs==23.1.0\n',
        'sub/b.txt': '-r a.txt\n-r requirements.txt\ncertifi==2024.2.2\n',
        'outside.txt': 'evil==1.0\n',
      },
      'sub/requirements.txt',
    );
    expect(packages.map((p) => p.name).sort()).toEqual(['attrs', 'certifi']);
    expect(skipped.map((s) => [s.reason, s.line, s.path])).toEqual([
      ['unsupported', 2, 'sub/requirements.txt'],
      ['unsupported', 3, 'sub/requirements.txt'],
    ]);
    expect(skipped[0]?.detail).toContain('outside the scan root');
  });

  it('applies -c constraint pins to unpinned requirements, as pip installs them', async () => {
    const { packages, skipped } = await extract({
      'requirements.txt': '-c constraints.txt\nrequests>=2\nflask\n',
      'constraints.txt': 'requests==2.31.0\nurllib3==2.2.1\n',
    });
    expect(packages.map((p) => [p.name, p.version, p.locations[0]?.line])).toEqual([
      ['requests', '2.31.0', 2],
    ]);
    expect(skipped.map((s) => s.name)).toEqual(['flask']);
  });

  it('keeps malformed lines and unexpanded variables as skipped entries without a name', async () => {
    const { packages, skipped } = await extract({
      'requirements.txt': `asdf==\n==1.0\ntoken==$\{TOKEN}\n--frobnicate\nfoo==1.0 trailing words\n`,
    });
    expect(packages).toEqual([]);
    expect(skipped.map((s) => [s.reason, s.name])).toEqual([
      ['malformed', undefined],
      ['malformed', undefined],
      ['unsupported', undefined],
      ['unsupported', undefined],
      ['invalid-version', 'foo'],
    ]);
    expect(skipped[4]?.version).toBe('1.0 trailing words');
  });

  it('refuses binary data with one error naming the file', async () => {
    await expect(extract({ 'requirements.txt': 'six==1.0\u0000\u0001' })).rejects.toMatchObject({
      code: 'input',
      message: 'requirements.txt: binary data, not a requirements file',
    });
  });

  it('handles a 50k-character line in linear time with a clipped entry', async () => {
    const { skipped } = await extract({ 'requirements.txt': `${'a-'.repeat(25_000)}==1.0` });
    expect(skipped).toHaveLength(1);
    expect(skipped[0]?.entry?.length).toBeLessThanOrEqual(201);
  });
});
