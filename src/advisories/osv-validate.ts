import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';
import gitCommitsSchema from './osv/git-commits.schema.json' with { type: 'json' };
import osvSchema from './osv/schema.json' with { type: 'json' };

/**
 * Validates parsed JSON against the official OSV schema (vendored in ./osv, see SOURCE.md) plus
 * the GIT-commit rule restated beside it. Compiled once per process: compiling costs milliseconds,
 * validating a record a few microseconds.
 */
function compile(): ValidateFunction {
  const ajv = new Ajv2020({ allErrors: false, strict: false });
  // ajv-formats is CommonJS: under NodeNext its default import is the module, whose `default` is
  // the plugin (at run time the plugin function carries itself as `default` too).
  formatsPlugin.default(ajv);
  ajv.addSchema(osvSchema);
  ajv.addSchema(gitCommitsSchema);
  return ajv.compile({ allOf: [{ $ref: osvSchema.$id }, { $ref: gitCommitsSchema.$id }] });
}

let compiled: ValidateFunction | undefined;

/** Undefined when `value` is a valid OSV record, else the first violation as one line. */
export function osvViolation(value: unknown): string | undefined {
  compiled ??= compile();
  const validator = compiled;
  if (validator(value)) return undefined;
  const error = validator.errors?.[0];
  if (error === undefined) return 'does not match the OSV schema';
  return `${error.instancePath === '' ? '/' : error.instancePath} ${error.message ?? 'is invalid'}`;
}

/** Every ecosystem the OSV schema defines ("PyPI", "Debian", "Red Hat"…), without releases. */
export const osvEcosystems: readonly string[] = osvSchema.$defs.ecosystemName.enum;
