/** One key/value pair read from a configuration file. */
export interface Setting {
  /** The key as written (POSTGRES_PASSWORD, password, auth.rootPassword's last part…). */
  readonly key: string;
  /** Dotted path of the key in its document, stable across line moves (for fingerprints). */
  readonly path: string;
  readonly value: string;
  /** 1-based, when the format gives positions. */
  readonly line?: number;
  /** Settings sharing a group are siblings (a map, an env list, an INI section). */
  readonly group: string;
  /** Compose service or Kubernetes workload the setting belongs to. */
  readonly service?: string;
}

/** What one configuration file yielded. */
export interface ParsedConfig {
  readonly settings: readonly Setting[];
  /** Services this file publishes to the network; "*" for the whole file. */
  readonly exposed: ReadonlySet<string>;
  /** Why the file could not be read as its format, when it could not. */
  readonly error?: string;
}

export const EMPTY_CONFIG: ParsedConfig = { settings: [], exposed: new Set() };
