import { describe, expect, it } from 'vitest';
import { memoryInput } from '../shared/memory-input.ts';
import { composerLock } from './composer-lock.ts';

const LOCK = `{
  "packages": [
    {
      "name": "symfony/http-kernel",
      "version": "v6.4.2",
      "require": { "php": ">=8.1", "psr/log": "^1|^2|^3" },
      "dist": { "type": "zip", "url": "https://api.github.com/x" }
    },
    { "name": "psr/log", "version": "3.0.0" },
    { "name": "acme/internal", "version": "dev-main", "source": { "type": "git", "url": "x", "reference": "abc" } },
    { "name": "acme/local", "version": "1.0.0", "dist": { "type": "path", "url": "../local" } }
  ],
  "packages-dev": [
    { "name": "phpunit/phpunit", "version": "10.5.9", "require": { "psr/log": "*" } }
  ]
}`;

const run = async (files: Record<string, string>) =>
  composerLock.extract(memoryInput(files, 'composer.lock'));

describe('composer.lock', () => {
  it('reads packages and packages-dev with lines; branches and path packages are skipped', async () => {
    const { packages, skipped } = await run({ 'composer.lock': LOCK });
    expect(
      packages.map((p) => [p.name, p.version, p.dev, p.locations[0]?.line, p.dependsOn]),
    ).toEqual([
      ['symfony/http-kernel', 'v6.4.2', false, 4, ['psr/log@3.0.0']],
      ['psr/log', '3.0.0', false, 9, undefined],
      ['phpunit/phpunit', '10.5.9', true, 14, ['psr/log@3.0.0']],
    ]);
    expect(packages[0]?.purl).toBe('pkg:composer/symfony/http-kernel@v6.4.2');
    expect(skipped.map((s) => [s.reason, s.name, s.version, s.line])).toEqual([
      ['non-registry', 'acme/internal', 'dev-main', 10],
      ['non-registry', 'acme/local', '1.0.0', 11],
    ]);
  });

  it('takes direct dependencies from composer.json and gives dependency paths', async () => {
    const composerJson =
      '{"require": {"php": "^8.1", "symfony/http-kernel": "^6.4"}, "require-dev": {"phpunit/phpunit": "^10"}}';
    const { packages } = await run({ 'composer.lock': LOCK, 'composer.json': composerJson });
    expect(packages.map((p) => [p.name, p.direct, p.dependencyPath?.join(' > ')])).toEqual([
      ['symfony/http-kernel', true, 'symfony/http-kernel@v6.4.2'],
      ['psr/log', false, 'symfony/http-kernel@v6.4.2 > psr/log@3.0.0'],
      ['phpunit/phpunit', true, 'phpunit/phpunit@10.5.9'],
    ]);
  });

  it('refuses null, truncated and deeply nested documents with one error naming the file', async () => {
    await expect(run({ 'composer.lock': 'null' })).rejects.toMatchObject({
      message: 'composer.lock: not a valid composer.lock: not a JSON object',
    });
    await expect(run({ 'composer.lock': LOCK.slice(0, 200) })).rejects.toMatchObject({
      code: 'input',
      message: expect.stringMatching(/^composer\.lock: not a valid composer\.lock: /),
    });
    await expect(
      run({ 'composer.lock': `${'['.repeat(100_000)}${']'.repeat(100_000)}` }),
    ).rejects.toMatchObject({
      message: 'composer.lock: not a valid composer.lock: nested more than 128 levels deep',
    });
  });
});
