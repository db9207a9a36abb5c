import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SecflowError } from '../core/errors.ts';
import { SecflowConfig } from './schema.ts';

export const CONFIG_FILE_NAMES = ['secflow.yaml', 'secflow.yml', '.secflow.yaml', '.secflow.yml'];

export interface LoadedConfig {
  readonly path?: string;
  readonly config: SecflowConfig;
}

function parseConfig(text: string, path: string): SecflowConfig {
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
    return { path: explicit, config: parseConfig(text, explicit) };
  }
  for (const name of CONFIG_FILE_NAMES) {
    const path = join(dir, name);
    const text = await readFile(path, 'utf8').catch(() => undefined);
    if (text !== undefined) return { path, config: parseConfig(text, path) };
  }
  return { config: {} };
}
