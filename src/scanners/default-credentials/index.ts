import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { Scanner, ScannerContext } from '../scanner.ts';
import { isInlineAllowed } from '../secrets/inline-allow.ts';
import { walkFiles } from '../walk.ts';
import { defaultCredentialData } from './data.ts';
import { type DefaultCredentialFinding, detectDefaults, toFindings } from './detect.ts';
import { parseJsonConfig, parseTomlConfig, parseYamlConfig } from './extract-structured.ts';
import { parseDockerfile, parseEnvFile, parseIniOrProperties } from './extract-text.ts';
import type { ParsedConfig } from './setting.ts';

export type { DefaultCredentialFinding } from './detect.ts';

/** Configuration files larger than this are data, not configuration: not parsed. */
const MAX_CONFIG_BYTES = 1024 * 1024;

const LOCKFILES = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'composer.lock',
  'pnpm-lock.yaml',
]);

type Format = 'env' | 'yaml' | 'json' | 'toml' | 'ini' | 'dockerfile';

/** The configuration format of a file by its name, or undefined for files we do not parse. */
export function configFormat(path: string): Format | undefined {
  const name = basename(path).toLowerCase();
  if (LOCKFILES.has(name)) return undefined;
  if (
    name === 'dockerfile' ||
    name === 'containerfile' ||
    name.startsWith('dockerfile.') ||
    name.endsWith('.dockerfile')
  ) {
    return 'dockerfile';
  }
  if (name === '.env' || name.startsWith('.env.') || name.endsWith('.env')) return 'env';
  switch (extname(name)) {
    case '.yaml':
    case '.yml':
      return 'yaml';
    case '.json':
      return 'json';
    case '.toml':
      return 'toml';
    case '.ini':
    case '.cfg':
    case '.conf':
    case '.cnf':
    case '.properties':
      return 'ini';
    default:
      return undefined;
  }
}

export function parseConfig(format: Format, text: string): ParsedConfig {
  switch (format) {
    case 'env':
      return parseEnvFile(text);
    case 'yaml':
      return parseYamlConfig(text);
    case 'json':
      return parseJsonConfig(text);
    case 'toml':
      return parseTomlConfig(text);
    case 'ini':
      return parseIniOrProperties(text);
    case 'dockerfile':
      return parseDockerfile(text);
    default:
      return format satisfies never;
  }
}

/** Default credentials in one file's text (exported for tests and the pipeline-checks helper). */
export function scanConfigText(path: string, text: string): DefaultCredentialFinding[] {
  const format = configFormat(path);
  if (format === undefined) return [];
  const config = parseConfig(format, text);
  const hits = detectDefaults(config, defaultCredentialData());
  if (hits.length === 0) return [];
  const lines = text.split('\n');
  return toFindings(path, config, hits, (line) =>
    line === undefined ? false : isInlineAllowed(lines[line - 1] ?? '', lines[line - 2]),
  );
}

/**
 * The default-credentials scanner: parses compose files, .env, Dockerfiles, Kubernetes and
 * Helm YAML, JSON, TOML and INI/properties, and reports settings that hold a product's
 * default or documented example password (docs/default-credentials.md).
 */
export function createDefaultCredentialsScanner(): Scanner {
  return {
    id: 'default-credentials',
    async scan(ctx: ScannerContext): Promise<{ findings: DefaultCredentialFinding[] }> {
      const findings: DefaultCredentialFinding[] = [];
      const scanOne = async (absolutePath: string, path: string, size: number) => {
        if (configFormat(path) === undefined || size > MAX_CONFIG_BYTES) return;
        let text: string;
        try {
          text = await readFile(absolutePath, 'utf8');
        } catch (error) {
          ctx.onWarning({
            path,
            code: 'unreadable',
            message: `cannot read: ${(error as Error).message}`,
          });
          return;
        }
        findings.push(...scanConfigText(path, text));
      };
      const info = await stat(ctx.root);
      if (info.isFile()) {
        await scanOne(ctx.root, basename(ctx.root), info.size);
        return { findings };
      }
      for await (const entry of walkFiles(ctx.root, {
        ...ctx.walk,
        onWarning: ctx.onWarning,
        ...(ctx.signal === undefined ? {} : { signal: ctx.signal }),
      })) {
        await scanOne(entry.absolutePath, entry.path, entry.size);
      }
      return { findings };
    },
  };
}
