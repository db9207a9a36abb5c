import { generateKeyPairSync } from 'node:crypto';

/**
 * Fake credentials in each provider's real format (prefix, length, alphabet and checksum where
 * the format has one), from a seeded generator so tests and the corpus are reproducible. None of
 * these was ever issued by a provider.
 */
export class FakeTokens {
  #state: number;

  constructor(seed = 0x5ec7f10) {
    this.#state = seed >>> 0;
  }

  /** mulberry32: small, seeded, good enough for test data. */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(max: number): number {
    return Math.floor(this.next() * max);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  chars(alphabet: string, length: number): string {
    let s = '';
    for (let i = 0; i < length; i++) s += alphabet[this.int(alphabet.length)];
    return s;
  }

  alnum(n: number): string {
    return this.chars(ALNUM, n);
  }

  hex(n: number): string {
    return this.chars('0123456789abcdef', n);
  }

  base64(n: number): string {
    return this.chars(`${ALNUM}+/`, n);
  }

  base64url(n: number): string {
    return this.chars(`${ALNUM}-_`, n);
  }

  upperAlnum(n: number): string {
    return this.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', n);
  }

  lowerAlnum(n: number): string {
    return this.chars('abcdefghijklmnopqrstuvwxyz0123456789', n);
  }

  uuid(): string {
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-${this.pick(['8', '9', 'a', 'b'])}${this.hex(3)}-${this.hex(12)}`;
  }

  /** AWS access key id: AKIA + 16 base32 characters. */
  awsAccessKeyId(): string {
    return `AKIA${this.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`;
  }

  awsSecretAccessKey(): string {
    return this.base64(40);
  }

  /** GitHub: prefix + 30 base62 + base62 CRC32 of those 30 (6 characters). */
  github(prefix: 'ghp' | 'gho' | 'ghu' | 'ghs' | 'ghr'): string {
    const body = this.alnum(30);
    return `${prefix}_${body}${base62(crc32(body), 6)}`;
  }

  githubFineGrained(): string {
    return `github_pat_${this.alnum(22)}_${this.alnum(59)}`;
  }

  /** npm: npm_ + 30 base62 + base62 CRC32 (6 characters), like GitHub's. */
  npm(): string {
    const body = this.alnum(30);
    return `npm_${body}${base62(crc32(body), 6)}`;
  }

  gitlabPat(): string {
    return `glpat-${this.chars(`${ALNUM}_-`, 20)}`;
  }

  slackBot(): string {
    return `xoxb-${this.digits(11)}-${this.digits(13)}-${this.alnum(24)}`;
  }

  slackWebhook(): string {
    return `https://hooks.slack.com/services/T${this.upperAlnum(8)}/B${this.upperAlnum(10)}/${this.alnum(24)}`;
  }

  stripe(mode: 'live' | 'test' = 'live'): string {
    return `sk_${mode}_51${this.alnum(97)}`;
  }

  googleApiKey(): string {
    return `AIza${this.chars(`${ALNUM}_-`, 35)}`;
  }

  digits(n: number): string {
    return this.chars('0123456789', n);
  }

  /** A signed-looking JWT: real base64url JSON header and payload, random signature. */
  jwt(): string {
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const header = enc({ alg: 'HS256', typ: 'JWT' });
    const payload = enc({ sub: this.uuid(), iat: 1700000000 + this.int(1e7), role: 'service' });
    return `${header}.${payload}.${this.base64url(43)}`;
  }

  /** PyPI: a macaroon, base64url of a binary blob starting "pypi.org". */
  pypi(): string {
    return `pypi-AgEIcHlwaS5vcmc${this.base64url(150)}`;
  }

  sendgrid(): string {
    return `SG.${this.base64url(22)}.${this.base64url(43)}`;
  }

  twilioAuthToken(): string {
    return this.hex(32);
  }

  discordWebhook(): string {
    return `https://discord.com/api/webhooks/${this.digits(19)}/${this.base64url(68)}`;
  }

  teamsWebhook(): string {
    const u = () => this.uuid();
    return `https://contoso.webhook.office.com/webhookb2/${u()}@${u()}/IncomingWebhook/${this.hex(32)}/${u()}`;
  }

  squareAccess(): string {
    return `EAAA${this.chars(`${ALNUM}_-`, 60)}`;
  }

  rubygems(): string {
    return `rubygems_${this.hex(48)}`;
  }

  nuget(): string {
    return `oy2${this.lowerAlnum(43)}`;
  }

  alibabaKeyId(): string {
    return `LTAI${this.alnum(20)}`;
  }

  azureClientSecret(): string {
    return `${this.alnum(3)}${this.digits(1)}Q~${this.chars(`${ALNUM}_~.-`, 34)}`;
  }

  azureStorageKey(): string {
    return `${this.base64(86)}==`;
  }

  /** A PEM private key really generated (small EC key, cheap). */
  privateKeyPem(): string {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  }

  rsaPrivateKeyPem(): string {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    return privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  }
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(s: string): number {
  let c = 0xffffffff;
  for (const b of Buffer.from(s)) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function base62(n: number, width: number): string {
  let s = '';
  let v = n;
  while (v > 0) {
    s = BASE62[v % 62] + s;
    v = Math.floor(v / 62);
  }
  return s.padStart(width, '0');
}

/** True when a GitHub-style token's last 6 characters are the CRC32 of the 30 before them. */
export function hasValidGithubChecksum(token: string): boolean {
  const body = token.slice(-36, -6);
  return base62(crc32(body), 6) === token.slice(-6);
}
