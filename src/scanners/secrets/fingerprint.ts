import { createHash } from 'node:crypto';

/** Hex SHA-256 of the parts joined by NUL, so ("ab","c") and ("a","bc") differ. */
function digest(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex');
}

/**
 * Stable identity of a secret finding: rule, secret and file, never the line, so moving code
 * keeps the finding (and its baseline entry) and history scans fold commits into one finding.
 */
export function secretFingerprint(ruleId: string, secret: string, path: string): string {
  return digest(['secret', ruleId, secret, path]);
}

/** Digest of the secret alone; its first 6 characters are shown in redacted text. */
export function secretDigest(secret: string): string {
  return digest(['redact', secret]);
}

/** Stable identity of a default-credential finding: rule, file and the setting's key path. */
export function settingFingerprint(
  ruleId: string,
  path: string,
  key: string,
  value: string,
): string {
  return digest(['default-credential', ruleId, path, key, value]);
}
