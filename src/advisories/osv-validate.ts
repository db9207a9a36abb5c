import { validate } from './osv/osv-validator.generated.js';
import osvSchema from './osv/schema.json' with { type: 'json' };

/**
 * Validates parsed JSON against the official OSV schema (vendored in ./osv, see SOURCE.md) plus
 * the GIT-commit rule restated beside it. The validator is compiled ahead of time
 * (testing/osv-validator-source.ts): compiling at start would cost ~150 ms per process and per
 * import worker, validating costs a few microseconds per record.
 */
export function osvViolation(value: unknown): string | undefined {
  if (validate(value)) return undefined;
  const error = validate.errors?.[0];
  if (error === undefined) return 'does not match the OSV schema';
  return `${error.instancePath === '' ? '/' : error.instancePath} ${error.message ?? 'is invalid'}`;
}

/** Every ecosystem the OSV schema defines ("PyPI", "Debian", "Red Hat"…), without releases. */
export const osvEcosystems: readonly string[] = osvSchema.$defs.ecosystemName.enum;
