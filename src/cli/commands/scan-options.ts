import { InvalidArgumentError } from 'commander';
import type { SecflowConfig } from '../../config/schema.ts';
import { SecflowError } from '../../core/errors.ts';
import type { IgnoreRule } from '../../core/policy.ts';
import { SEVERITY_LEVELS, type SeverityLevel } from '../../core/severity.ts';
import { SCANNER_IDS, type ScannerId } from '../../scanners/registry.ts';

/** One requested report: a format and where it goes (stdout when no --output follows it). */
export interface OutputRequest {
  format: string;
  output?: string;
}

/** Flags of `secflow scan` as commander hands them over. */
export interface ScanFlags {
  rootfs?: string;
  platform?: string;
  scanners?: string;
  failOn?: string;
  failOnEmpty?: boolean;
  unknownSeverity?: string;
  includeDev?: boolean;
  ignoreUnfixed?: boolean;
  skip?: string[];
  config?: string;
  vex?: string[];
  db?: string;
  maxDbAge?: string;
  gitHistory?: boolean;
  secretsConfig?: string;
  baseline?: string;
  writeBaseline?: string;
}

/**
 * `--format sarif --output a.sarif --format table`: each --output belongs to the --format before
 * it; an --output before any --format belongs to the default table.
 */
export function outputCollector() {
  const requests: OutputRequest[] = [];
  return {
    requests,
    format(value: string): OutputRequest[] {
      requests.push({ format: value });
      return requests;
    },
    output(value: string): string {
      const last = requests.at(-1);
      if (last === undefined || last.output !== undefined)
        requests.push({ format: 'table', output: value });
      else last.output = value;
      return value;
    },
  };
}

export function parseLevel(value: string): SeverityLevel | 'none' {
  const v = value.toLowerCase();
  if (v === 'none' || (SEVERITY_LEVELS as readonly string[]).includes(v))
    return v as SeverityLevel | 'none';
  throw new InvalidArgumentError(`expected none, low, medium, high or critical`);
}

export function parseScanners(
  value: string | undefined,
  fromConfig: readonly string[] | undefined,
): ScannerId[] {
  const list = value?.split(',') ?? fromConfig ?? [...SCANNER_IDS];
  const ids = list.map((s) => s.trim().toLowerCase()).filter((s) => s !== '');
  for (const id of ids) {
    if (!(SCANNER_IDS as readonly string[]).includes(id)) {
      throw new SecflowError('usage', `unknown scanner "${id}"`, {
        hint: `choose from ${SCANNER_IDS.join(', ')}`,
      });
    }
  }
  return [...new Set(ids)] as ScannerId[];
}

/** The effective policy: flags over secflow.yaml over defaults. */
export function resolvePolicy(flags: ScanFlags, config: SecflowConfig) {
  const failOn =
    flags.failOn === undefined ? (config['fail-on'] ?? 'critical') : parseLevel(flags.failOn);
  const unknown = flags.unknownSeverity ?? config['unknown-severity'] ?? 'medium';
  const unknownSeverityAs = parseLevel(unknown);
  if (unknownSeverityAs === 'none')
    throw new SecflowError('usage', '--unknown-severity must be a level, not none');
  const ignores: IgnoreRule[] = (config.ignore ?? []).map((i) => ({
    id: i.id,
    reason: i.reason,
    ...(i.package === undefined ? {} : { package: i.package }),
    ...(i.path === undefined ? {} : { path: i.path }),
    ...(i.expires === undefined ? {} : { expires: i.expires }),
  }));
  return {
    failOn,
    unknownSeverityAs,
    includeDev: flags.includeDev ?? config['include-dev'] ?? false,
    ignoreUnfixed: flags.ignoreUnfixed ?? config['ignore-unfixed'] ?? false,
    failOnEmpty: flags.failOnEmpty ?? config['fail-on-empty'] ?? false,
    ignores,
  };
}
