import type { MisconfigurationFinding } from '../../core/finding.ts';
import { fingerprint } from '../../core/fingerprint.ts';
import type { CheckHit, CheckMeta } from './checks/types.ts';
import { inlineAllowReason } from './inline-allow.ts';

/** Where the documentation of a check lives: a URL under `docsBaseUrl`, else the repo path. */
export function helpUriFor(id: string, docsBaseUrl?: string): string {
  return docsBaseUrl === undefined
    ? `docs/checks/${id}.md`
    : `${docsBaseUrl.replace(/\/+$/, '')}/${id}.md`;
}

export interface FindingSource {
  /** The file checked (used when a hit names none). */
  readonly path: string;
  /** Lines of a file by path, for inline allow comments. */
  linesOf(path: string): readonly string[];
  readonly docsBaseUrl?: string;
}

/**
 * Turns a check's hits into findings. The fingerprint is the check id, the file, the hit's
 * structural anchor and normalised snippet — and an occurrence number when the same text
 * appears twice under one anchor — never the line number.
 */
export function toFindings(
  meta: CheckMeta,
  hits: readonly CheckHit[],
  source: FindingSource,
): MisconfigurationFinding[] {
  const seen = new Map<string, number>();
  return hits.map((hit) => {
    const path = hit.path ?? source.path;
    // Long snippets (a generated script line) are cut; the occurrence number keeps them apart.
    const snippet = hit.snippet.slice(0, 1024);
    const key = [meta.id, path, hit.anchor, snippet].join('\u0000');
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    const reason = inlineAllowReason(source.linesOf(path), hit.span.line, meta.id);
    const { line, column, endLine, endColumn } = hit.span;
    return {
      kind: 'misconfiguration',
      fingerprint: fingerprint(
        'config',
        meta.id,
        path,
        hit.anchor,
        hit.snippet,
        String(occurrence),
      ),
      ruleId: meta.id,
      title: hit.title ?? meta.title,
      severity: { level: hit.severity ?? meta.severity, source: 'rule' },
      locations: [
        {
          path,
          line,
          column,
          ...(endLine === undefined ? {} : { endLine }),
          ...(endColumn === undefined ? {} : { endColumn }),
        },
      ],
      description:
        hit.detail === undefined ? meta.description : `${hit.detail} ${meta.description}`,
      remediation: meta.remediation,
      helpUri: helpUriFor(meta.id, source.docsBaseUrl),
      ...(reason === undefined ? {} : { suppressed: { by: 'inline', reason } }),
    };
  });
}
