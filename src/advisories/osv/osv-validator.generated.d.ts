import type { ErrorObject } from 'ajv';

/** The OSV schema plus the GIT-commit rule, compiled ahead of time (see osv-validator-source.ts). */
export interface OsvValidator {
  (value: unknown): boolean;
  /** The first violation of the last failed call (Ajv's allErrors: false). */
  errors?: ErrorObject[] | null;
}

export declare const validate: OsvValidator;
export default validate;
