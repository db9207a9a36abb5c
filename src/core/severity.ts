import cvss from 'ae-cvss-calculator';
import type { OsvAffected, OsvRecord, OsvSeverity } from './osv.ts';

export const SEVERITY_LEVELS = ['none', 'low', 'medium', 'high', 'critical'] as const;
export type SeverityLevel = (typeof SEVERITY_LEVELS)[number];
/** `unknown`: the record carries no usable severity at all. Policy treats it explicitly. */
export type Severity = SeverityLevel | 'unknown';

/** Where a severity came from, so reports can say "CVSS 3.1 base 9.8" or "GHSA: MODERATE". */
export type SeveritySource =
  | 'CVSS_V4'
  | 'CVSS_V3'
  | 'CVSS_V2'
  | 'Ubuntu'
  | 'database_specific'
  | 'ecosystem_specific'
  /** A secflow rule's own rating (secret rules, default credentials, configuration checks). */
  | 'rule'
  | 'none';

export interface SeverityAssessment {
  readonly level: Severity;
  /** CVSS base score 0–10, when a vector gave the level. */
  readonly score?: number;
  readonly vector?: string;
  readonly source: SeveritySource;
}

/** Orders severities for gates: unknown sorts between none and low (it is not "safe"). */
export function severityRank(s: Severity): number {
  switch (s) {
    case 'none':
      return 0;
    case 'unknown':
      return 0.5;
    case 'low':
      return 1;
    case 'medium':
      return 2;
    case 'high':
      return 3;
    case 'critical':
      return 4;
    default:
      return s satisfies never;
  }
}

/** FIRST's qualitative rating scale (CVSS v3.x and v4.0). */
export function levelFromScore(score: number): SeverityLevel {
  if (score <= 0) return 'none';
  if (score < 4) return 'low';
  if (score < 7) return 'medium';
  if (score < 9) return 'high';
  return 'critical';
}

/** NVD's CVSS v2 bands: v2 has no "critical". */
function levelFromV2Score(score: number): SeverityLevel {
  if (score <= 0) return 'none';
  if (score < 4) return 'low';
  if (score < 7) return 'medium';
  return 'high';
}

export interface CvssScore {
  readonly version: '2.0' | '3.0' | '3.1' | '4.0';
  readonly base: number;
}

/**
 * Scores of vectors seen lately. Advisories repeat a small set of vectors, and scoring one parses
 * it and runs the calculator (~40 µs): a scan with thousands of findings scores each once.
 */
const scoreCache = new Map<string, CvssScore | undefined>();
const SCORE_CACHE_LIMIT = 4096;

/** Base score of a CVSS vector, or undefined when the vector is malformed. */
export function scoreCvssVector(vector: string): CvssScore | undefined {
  if (scoreCache.has(vector)) return scoreCache.get(vector);
  const score = computeCvssScore(vector);
  if (scoreCache.size >= SCORE_CACHE_LIMIT) scoreCache.clear();
  scoreCache.set(vector, score);
  return score;
}

function computeCvssScore(vector: string): CvssScore | undefined {
  const v = vector.trim();
  const version = v.startsWith('CVSS:4.0/')
    ? '4.0'
    : v.startsWith('CVSS:3.1/')
      ? '3.1'
      : v.startsWith('CVSS:3.0/')
        ? '3.0'
        : /^(?:\(?AV:[LAN])/.test(v)
          ? '2.0'
          : undefined;
  if (version === undefined) return undefined;
  try {
    const body = version === '2.0' ? v.replace(/^\(|\)$/g, '') : v;
    const parsed = cvss.fromVector(body);
    const base = parsed?.calculateScores().base;
    return typeof base === 'number' && Number.isFinite(base) ? { version, base } : undefined;
  } catch {
    return undefined;
  }
}

const CVSS_PREFERENCE: readonly SeveritySource[] = ['CVSS_V4', 'CVSS_V3', 'CVSS_V2'];

function fromCvss(severities: readonly OsvSeverity[]): SeverityAssessment | undefined {
  for (const type of CVSS_PREFERENCE) {
    for (const s of severities) {
      if (s.type !== type) continue;
      const scored = scoreCvssVector(s.score);
      if (scored === undefined) continue;
      const level =
        type === 'CVSS_V2' ? levelFromV2Score(scored.base) : levelFromScore(scored.base);
      return { level, score: scored.base, vector: s.score, source: type };
    }
  }
  return undefined;
}

const WORDS: Record<string, SeverityLevel> = {
  none: 'none',
  negligible: 'low',
  unimportant: 'low',
  low: 'low',
  moderate: 'medium',
  medium: 'medium',
  important: 'high',
  high: 'high',
  critical: 'critical',
};

/** "MODERATE" (GHSA), "Important" (Red Hat), "medium" (Ubuntu priority) → a level. */
export function levelFromWord(word: unknown): SeverityLevel | undefined {
  return typeof word === 'string' ? WORDS[word.trim().toLowerCase()] : undefined;
}

function fromSpecific(
  specific: Readonly<Record<string, unknown>> | undefined,
  source: 'database_specific' | 'ecosystem_specific',
): SeverityAssessment | undefined {
  const level = levelFromWord(specific?.severity);
  return level === undefined ? undefined : { level, source };
}

/**
 * The severity of a record for one affected entry: package-level CVSS (the schema forbids both
 * levels at once), then record-level CVSS (v4, then v3, then v2), then Ubuntu's priority, then the
 * database's or ecosystem's own word.
 */
export function assessSeverity(record: OsvRecord, affected?: OsvAffected): SeverityAssessment {
  const cvssResult = fromCvss([...(affected?.severity ?? []), ...(record.severity ?? [])]);
  if (cvssResult !== undefined) return cvssResult;
  for (const s of [...(affected?.severity ?? []), ...(record.severity ?? [])]) {
    const level = s.type === 'Ubuntu' ? levelFromWord(s.score) : undefined;
    if (level !== undefined) return { level, source: 'Ubuntu' };
  }
  return (
    fromSpecific(affected?.ecosystem_specific, 'ecosystem_specific') ??
    fromSpecific(affected?.database_specific, 'database_specific') ??
    fromSpecific(record.database_specific, 'database_specific') ?? {
      level: 'unknown',
      source: 'none',
    }
  );
}
