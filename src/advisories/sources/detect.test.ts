import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { byFolder, sampleDir, sampleRecords, tempDir, writeLayout } from '../testing/osv-layout.ts';
import { detectSource } from './detect.ts';
import { OSV_DEFAULT_BASE } from './osv-http.ts';

describe('detectSource', () => {
  const dir = tempDir('detect');
  writeLayout(join(dir, 'layout'), byFolder(sampleRecords()));
  const cwd = dir;

  it.each([
    [undefined, 'osv-http', OSV_DEFAULT_BASE],
    ['https://mirror.example/osv/', 'osv-http', 'https://mirror.example/osv'],
    ['layout', 'osv-dir', join(dir, 'layout')],
    ['layout/PyPI', 'zip', join(dir, 'layout', 'PyPI', 'all.zip')],
    ['layout/Go/all.zip', 'zip', join(dir, 'layout', 'Go', 'all.zip')],
    [sampleDir, 'json-folder', sampleDir],
  ])('%s is a %s source', async (spec, kind, location) => {
    const source = await detectSource(spec, { cwd });
    expect(source.kind).toBe(kind);
    expect(source.location).toBe(location);
  });

  it('reads file: URLs as paths', async () => {
    const source = await detectSource(pathToFileURL(join(dir, 'layout')).href, { cwd });
    expect(source.kind).toBe('osv-dir');
  });

  it('recognises a zip by its bytes, not its name', async () => {
    copyFileSync(join(dir, 'layout', 'Go', 'all.zip'), join(dir, 'go.bin'));
    expect((await detectSource('go.bin', { cwd })).kind).toBe('zip');
  });

  it('rejects a missing path, a file that is not a zip, and other URL schemes', async () => {
    await expect(detectSource('nope', { cwd })).rejects.toMatchObject({
      code: 'input',
      message: '--source nope: ENOENT',
    });
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    await expect(detectSource('notes.txt', { cwd })).rejects.toMatchObject({
      code: 'usage',
      message: '--source notes.txt: not a zip file',
    });
    await expect(detectSource('ftp://example.com/osv', { cwd })).rejects.toMatchObject({
      code: 'usage',
    });
  });

  it('takes an empty directory as an (empty) .json folder', async () => {
    mkdirSync(join(dir, 'empty'));
    expect((await detectSource('empty', { cwd })).kind).toBe('json-folder');
  });
});
