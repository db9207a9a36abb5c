import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SecflowError } from '../core/errors.ts';
import type { SecflowConfig } from './schema.ts';

export const CONFIG_FILE_NAMES = ['secflow.yaml', 'secflow.yml', '.secflow.yaml', '.secflow.yml'];

export interface LoadedConfig {
  readonly path?: string;
  readonly config: SecflowConfig;
}

/** Validates a config file's text. The schema (zod: ~200 modules) loads only when there is one. */
async function parseConfig(text: string, path: string): Promise<SecflowConfig> {
  let data: unknown;
  try {
    data = parse(text, { maxAliasCount: 100, prettyErrors: true }) ?? {};
  } catch (error) {
    throw new SecflowError(
      'config',
      `${path}: not valid YAML: ${(error as Error).message.split('\n')[0]}`,
      {
        cause: error,
      },
    );
  }
  const { SecflowConfig } = await import('./schema.ts');
  const result = SecflowConfig.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : '(top level)';
    throw new SecflowError('config', `${path}: ${where}: ${issue?.message ?? 'invalid'}`, {
      hint: 'see docs/configuration.md for every key',
    });
  }
  return result.data;
}

/**
 * Reads --config FILE, or the first secflow.yaml-like file in `dir`. A missing explicit file is an
 * error; a missing implicit one means defaults.
 */
export async function loadConfig(dir: string, explicit?: string): Promise<LoadedConfig> {
  if (explicit !== undefined) {
    const text = await readFile(explicit, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new SecflowError(
        'config',
        `${explicit}: cannot read config file (${error.code ?? error.message})`,
      );
    });
    return { path: explicit, config: await parseConfig(text, explicit) };
  }
  for (const name of CONFIG_FILE_NAMES) {
    const path = join(dir, name);
    const text = await readFile(path, 'utf8').catch(() => undefined);
    if (text !== undefined) return { path, config: await parseConfig(text, path) };
  }
  return { config: {} };
}
