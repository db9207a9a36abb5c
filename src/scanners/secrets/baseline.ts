import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SecflowError } from '../../core/errors.ts';
import type { Finding } from '../../core/finding.ts';

/** One accepted finding: enough to recognise it (fingerprint) and to review the file by eye. */
export interface BaselineEntry {
  readonly fingerprint: string;
  readonly ruleId: string;
  readonly path: string;
  readonly line?: number;
  readonly redacted?: string;
  readonly commit?: string;
}

/** The baseline file (docs/secrets.md, "Baseline"): version 1, entries sorted by path. */
export interface BaselineFile {
  readonly version: 1;
  readonly tool: 'secflow';
  readonly createdAt: string;
  readonly findings: readonly BaselineEntry[];
}

export interface Baseline {
  readonly path: string;
  readonly fingerprints: ReadonlySet<string>;
}

/** Writes every unsuppressed-by-baseline finding (secrets and default credentials) as accepted. */
export async function writeBaseline(
  findings: readonly Finding[],
  path: string,
  now: () => Date = () => new Date(),
): Promise<BaselineFile> {
  const entries = new Map<string, BaselineEntry>();
  for (const f of findings) {
    if (f.kind !== 'secret' && f.kind !== 'default-credential') continue;
    const at = f.locations[0];
    entries.set(f.fingerprint, {
      fingerprint: f.fingerprint,
      ruleId: f.ruleId,
      path: at?.path ?? '',
      ...(at?.line === undefined ? {} : { line: at.line }),
      redacted: f.redacted,
      ...(f.commit === undefined ? {} : { commit: f.commit.sha }),
    });
  }
  const file: BaselineFile = {
    version: 1,
    tool: 'secflow',
    createdAt: now().toISOString(),
    findings: [...entries.values()].sort(
      (a, b) =>
        a.path.localeCompare(b.path) ||
        (a.line ?? 0) - (b.line ?? 0) ||
        a.fingerprint.localeCompare(b.fingerprint),
    ),
  };
  try {
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(file, null, 2)}\n`);
    await rename(temporary, path);
  } catch (error) {
    throw new SecflowError('disk', `${path}: cannot write the baseline file`, {
      cause: error,
      hint: 'Check that the directory exists and is writable.',
    });
  }
  return file;
}

/** Reads a baseline; a missing, unreadable or malformed file is a clear error, not empty. */
export async function loadBaseline(path: string): Promise<Baseline> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new SecflowError('input', `${path}: cannot read the baseline file`, {
      cause: error,
      hint: 'Create one with `secflow scan --write-baseline FILE`.',
    });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new SecflowError('input', `${path}: the baseline file is not valid JSON`, {
      cause: error,
    });
  }
  const findings = (data as { version?: unknown; findings?: unknown }).findings;
  if ((data as { version?: unknown }).version !== 1 || !Array.isArray(findings)) {
    throw new SecflowError(
      'input',
      `${path}: not a secflow baseline (version 1 with a findings list)`,
      {
        hint: 'Regenerate it with `secflow scan --write-baseline FILE`.',
      },
    );
  }
  const fingerprints = new Set<string>();
  for (const f of findings) {
    const fp = (f as { fingerprint?: unknown }).fingerprint;
    if (typeof fp === 'string' && /^[0-9a-f]{64}$/.test(fp)) fingerprints.add(fp);
  }
  return { path, fingerprints };
}

/** Marks findings whose fingerprint the baseline holds as suppressed by it (others unchanged). */
export function applyBaseline<T extends Finding>(findings: readonly T[], baseline: Baseline): T[] {
  return findings.map((f) =>
    f.suppressed === undefined && baseline.fingerprints.has(f.fingerprint)
      ? { ...f, suppressed: { by: 'baseline', reason: `accepted in ${baseline.path}` } }
      : f,
  );
}
