import { createHash } from 'node:crypto';
import type { ScanReport } from '../../core/report.ts';

/**
 * A UUID (version 5 layout, SHA-1 name-based) derived from what identifies this scan, so the
 * same report always renders the same document while different scans get different ids.
 */
export function documentUuid(report: ScanReport): string {
  const name = [
    report.tool.version,
    report.target.kind,
    report.target.path,
    report.target.image?.digest ?? '',
    report.startedAt,
    report.finishedAt,
    String(report.packages.length),
    String(report.findings.length),
  ].join('\u0000');
  const bytes = createHash('sha1').update(name).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
