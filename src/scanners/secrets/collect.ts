import type { SecretFinding } from '../../core/finding.ts';
import type { SourceLocation } from '../../core/package.ts';
import type { CompiledRule } from './compile-rule.ts';
import { secretDigest, secretFingerprint } from './fingerprint.ts';
import { redact } from './redact.ts';

/** Author and date of the commit that added a secret. */
export interface CommitInfo {
  readonly sha: string;
  readonly author: string;
  readonly date: string;
}

/** One place a rule matched, as the tree or history scanner saw it. */
export interface Occurrence {
  readonly rule: CompiledRule;
  readonly secret: string;
  readonly location: SourceLocation;
  /** The line (or the line before) carries `secflow:allow`. */
  readonly inlineAllowed: boolean;
  readonly commit?: CommitInfo;
}

interface Entry {
  readonly rule: CompiledRule;
  /** Rule and secret without the path: the same secret wherever it moved. */
  readonly valueKey: string;
  readonly redacted: string;
  locations: SourceLocation[];
  commit?: CommitInfo;
  occurrences: number;
  allowed: number;
}

/** Locations kept per finding; the count of the rest is not needed for a decision. */
const MAX_LOCATIONS = 50;

/**
 * Folds occurrences into findings keyed by fingerprint (rule, secret, path). In history mode
 * occurrences arrive newest commit first and the oldest one wins: the commit that added it.
 * The raw secret never leaves this class: only its fingerprint and redaction are kept.
 */
export class SecretFindingCollector {
  readonly #entries = new Map<string, Entry>();
  readonly #history: boolean;

  constructor(mode: 'tree' | 'history') {
    this.#history = mode === 'history';
  }

  get size(): number {
    return this.#entries.size;
  }

  add(o: Occurrence): void {
    const fingerprint = secretFingerprint(o.rule.id, o.secret, o.location.path);
    const entry = this.#entries.get(fingerprint);
    if (entry === undefined) {
      this.#entries.set(fingerprint, {
        rule: o.rule,
        valueKey: `${o.rule.id}:${secretDigest(o.secret)}`,
        redacted: redact(o.secret),
        locations: [o.location],
        ...(o.commit === undefined ? {} : { commit: o.commit }),
        occurrences: 1,
        allowed: o.inlineAllowed ? 1 : 0,
      });
      return;
    }
    if (this.#history) {
      // An older commit touching the same secret in the same file: it is the one that added it.
      entry.locations = [o.location];
      if (o.commit !== undefined) entry.commit = o.commit;
      entry.occurrences = 1;
      entry.allowed = o.inlineAllowed ? 1 : 0;
      return;
    }
    entry.occurrences++;
    if (o.inlineAllowed) entry.allowed++;
    const seen = entry.locations.some((l) => l.line === o.location.line);
    if (!seen && entry.locations.length < MAX_LOCATIONS) entry.locations.push(o.location);
  }

  /** Fingerprint → rule-and-secret key, to match a finding across renamed files. */
  valueKeys(): Map<string, string> {
    return new Map([...this.#entries].map(([fingerprint, e]) => [fingerprint, e.valueKey]));
  }

  findings(): SecretFinding[] {
    return [...this.#entries].map(([fingerprint, e]) => ({
      kind: 'secret' as const,
      fingerprint,
      ruleId: e.rule.id,
      title: e.rule.description,
      severity: { level: e.rule.severity, source: 'rule' as const },
      locations: e.locations,
      redacted: e.redacted,
      ...(e.commit === undefined ? {} : { commit: e.commit }),
      ...(e.allowed === e.occurrences
        ? { suppressed: { by: 'inline' as const, reason: 'secflow:allow comment on the line' } }
        : {}),
    }));
  }
}
