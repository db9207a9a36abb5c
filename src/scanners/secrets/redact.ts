import { secretDigest } from './fingerprint.ts';

/**
 * `AKIA…#3f9a2c`: at most the first four characters (fewer for short secrets, so a short
 * password is never mostly shown), then a digest that identifies it without revealing it.
 */
export function redact(secret: string): string {
  const shown = Math.min(4, Math.floor(secret.length / 4));
  return `${secret.slice(0, shown)}…#${secretDigest(secret).slice(0, 6)}`;
}
