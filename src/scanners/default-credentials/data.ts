import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { SecflowError } from '../../core/errors.ts';

/** A product that ships a default password, from data/products.yaml. */
export interface ProductSpec {
  readonly id: string;
  readonly name: string;
  readonly passwordKeys: readonly string[];
  readonly userKeys?: readonly string[];
  /** Keys holding "user/password" in one value (NEO4J_AUTH). */
  readonly pairKeys?: readonly string[];
  readonly schemes?: readonly string[];
  readonly ports?: readonly number[];
  readonly passwords: readonly string[];
  readonly pairs?: readonly (readonly [string, string])[];
  readonly source: string;
  readonly remediation: string;
}

interface PairsFile {
  readonly pairs: readonly { user: string; password: string; source: string }[];
  readonly passwords: readonly { value: string; source: string }[];
}

/** The data, indexed for lookups on normalised keys. */
export interface DefaultCredentialData {
  readonly products: readonly ProductSpec[];
  /** Normalised password key → products using it. */
  readonly byPasswordKey: ReadonlyMap<string, readonly ProductSpec[]>;
  readonly byUserKey: ReadonlyMap<string, readonly ProductSpec[]>;
  readonly byPairKey: ReadonlyMap<string, readonly ProductSpec[]>;
  readonly byScheme: ReadonlyMap<string, readonly ProductSpec[]>;
  /** "user\0password" of the generic pairs. */
  readonly pairs: ReadonlySet<string>;
  /** Passwords that are a default or placeholder under any password key. */
  readonly weakPasswords: ReadonlySet<string>;
}

const DATA_DIR = fileURLToPath(new URL('./data/', import.meta.url));

const PRODUCTS_SCHEMA = {
  type: 'object',
  required: ['products'],
  additionalProperties: false,
  properties: {
    products: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'name', 'passwordKeys', 'passwords', 'source', 'remediation'],
        properties: {
          id: { type: 'string', pattern: '^[a-z0-9-]+$' },
          name: { type: 'string' },
          passwordKeys: { type: 'array', minItems: 1, items: { type: 'string' } },
          userKeys: { type: 'array', items: { type: 'string' } },
          pairKeys: { type: 'array', items: { type: 'string' } },
          schemes: { type: 'array', items: { type: 'string' } },
          ports: { type: 'array', items: { type: 'integer' } },
          passwords: { type: 'array', items: { type: 'string' } },
          pairs: {
            type: 'array',
            items: { type: 'array', minItems: 2, maxItems: 2, items: { type: 'string' } },
          },
          source: { type: 'string', minLength: 8 },
          remediation: { type: 'string', minLength: 8 },
        },
      },
    },
  },
} as const;

const PAIRS_SCHEMA = {
  type: 'object',
  required: ['pairs', 'passwords'],
  additionalProperties: false,
  properties: {
    pairs: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['user', 'password', 'source'],
        properties: {
          user: { type: 'string' },
          password: { type: 'string' },
          source: { type: 'string' },
        },
      },
    },
    passwords: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['value', 'source'],
        properties: { value: { type: 'string' }, source: { type: 'string' } },
      },
    },
  },
} as const;

/** Lowercase, without "_", "-" and ".": POSTGRES_PASSWORD and postgresPassword meet. */
export function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[_\-.]/g, '');
}

export function pairKey(user: string, password: string): string {
  return `${user}\0${password}`;
}

function load<T>(name: string, schema: object): T {
  const file = `${DATA_DIR}${name}`;
  const data: unknown = parseYaml(readFileSync(file, 'utf8'));
  const validate = new Ajv().compile(schema);
  if (!validate(data)) {
    const e = validate.errors?.[0];
    throw new SecflowError(
      'internal',
      `${file}: invalid at ${e?.instancePath || '/'}: ${e?.message}`,
    );
  }
  return data as T;
}

function index(
  products: readonly ProductSpec[],
  keys: (p: ProductSpec) => readonly string[] | undefined,
  normalise: (k: string) => string = normalizeKey,
): Map<string, ProductSpec[]> {
  const map = new Map<string, ProductSpec[]>();
  for (const p of products) {
    for (const k of keys(p) ?? []) {
      const n = normalise(k);
      map.set(n, [...(map.get(n) ?? []), p]);
    }
  }
  return map;
}

let cached: DefaultCredentialData | undefined;

/** Loads and indexes data/*.yaml once per process. */
export function defaultCredentialData(): DefaultCredentialData {
  if (cached !== undefined) return cached;
  const { products } = load<{ products: ProductSpec[] }>('products.yaml', PRODUCTS_SCHEMA);
  const pairsFile = load<PairsFile>('pairs.yaml', PAIRS_SCHEMA);
  cached = {
    products,
    byPasswordKey: index(products, (p) => p.passwordKeys),
    byUserKey: index(products, (p) => p.userKeys),
    byPairKey: index(products, (p) => p.pairKeys),
    byScheme: index(
      products,
      (p) => p.schemes,
      (s) => s.toLowerCase(),
    ),
    pairs: new Set(pairsFile.pairs.map((p) => pairKey(p.user, p.password))),
    weakPasswords: new Set(pairsFile.passwords.map((p) => p.value)),
  };
  return cached;
}
