/**
 * A short, stable, non-cryptographic fingerprint (FNV-1a 64, hex). Used for finding identity
 * across runs — not for secrets, which get a keyed hash in the secrets scanner.
 */
export function fingerprint(...parts: readonly string[]): string {
  let hash = 0xcbf29ce484222325n;
  const text = parts.join('\u0000');
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}
