import type { Scanner } from './scanner.ts';
import { applyBaseline, type Baseline } from './secrets/baseline.ts';
import type { SecretRuleOptions } from './secrets/load-rules.ts';

/** Every scanner `--scanners` can name. `deps` is the advisory matcher; the rest find by themselves. */
export const SCANNER_IDS = ['deps', 'secrets', 'config'] as const;
export type ScannerId = (typeof SCANNER_IDS)[number];

export interface ScannerSettings {
  readonly secrets: {
    readonly rules: SecretRuleOptions;
    readonly gitHistory: boolean;
    readonly baseline?: Baseline;
  };
}

function withBaseline(scanner: Scanner, baseline: Baseline | undefined): Scanner {
  if (baseline === undefined) return scanner;
  return {
    id: scanner.id,
    scan: async (ctx) => ({
      findings: applyBaseline((await scanner.scan(ctx)).findings, baseline),
    }),
  };
}

/**
 * The finding scanners for the selected ids (deps is run by the pipeline itself). Each is loaded
 * only when selected: rule sets and parsers are not free to load.
 */
export async function buildScanners(
  ids: readonly ScannerId[],
  settings: ScannerSettings,
): Promise<Scanner[]> {
  const scanners: Scanner[] = [];
  if (ids.includes('secrets')) {
    const { createSecretsScanner } = await import('./secrets/index.ts');
    const { createDefaultCredentialsScanner } = await import('./default-credentials/index.ts');
    scanners.push(
      createSecretsScanner({
        rules: settings.secrets.rules,
        gitHistory: settings.secrets.gitHistory,
        ...(settings.secrets.baseline === undefined ? {} : { baseline: settings.secrets.baseline }),
      }),
      // Default passwords are credentials too: the same --scanners id and baseline apply.
      withBaseline(createDefaultCredentialsScanner(), settings.secrets.baseline),
    );
  }
  if (ids.includes('config')) {
    const { createConfigScanner } = await import('./config/index.ts');
    scanners.push(createConfigScanner());
  }
  return scanners;
}
