import { z } from 'zod';
import { SEVERITY_LEVELS } from '../core/severity.ts';

const level = z.enum(SEVERITY_LEVELS);
const date = z
  .union([z.string(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))
  .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD'));

export const IgnoreEntry = z
  .object({
    id: z.string().min(1),
    package: z.string().min(1).optional(),
    path: z.string().min(1).optional(),
    reason: z.string().trim().min(1, 'every ignore needs a reason'),
    expires: date.optional(),
  })
  .strict();

/**
 * secflow.yaml. Keys mirror the CLI flags (kebab-case); a flag given on the command line wins
 * over the file. docs/configuration.md documents every key.
 */
export const SecflowConfig = z
  .object({
    'fail-on': z.union([level, z.literal('none')]).optional(),
    'unknown-severity': level.optional(),
    'include-dev': z.boolean().optional(),
    'ignore-unfixed': z.boolean().optional(),
    'fail-on-empty': z.boolean().optional(),
    scanners: z.array(z.string()).optional(),
    skip: z.array(z.string()).optional(),
    ignore: z.array(IgnoreEntry).optional(),
    vex: z.array(z.string()).optional(),
    secrets: z
      .object({
        config: z.string().optional(),
        rules: z.array(z.string()).optional(),
        disable: z.array(z.string()).optional(),
        baseline: z.string().optional(),
        'git-history': z.boolean().optional(),
      })
      .strict()
      .optional(),
    db: z
      .object({
        path: z.string().optional(),
        'max-age': z.string().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type SecflowConfig = z.infer<typeof SecflowConfig>;
