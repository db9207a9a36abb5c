import type { SecretFinding } from '../../core/finding.ts';
import type { SeverityLevel } from '../../core/severity.ts';
import { settingFingerprint } from '../secrets/fingerprint.ts';
import { redact } from '../secrets/redact.ts';
import { type DefaultCredentialData, normalizeKey, type ProductSpec, pairKey } from './data.ts';
import type { ParsedConfig, Setting } from './setting.ts';

/** A default-credential finding: a secret finding plus what to do about it. */
export interface DefaultCredentialFinding extends SecretFinding {
  readonly kind: 'default-credential';
  readonly description: string;
  readonly remediation: string;
}

const GENERIC_REMEDIATION =
  'Replace the default with a generated, unique password injected at deploy time from a secret store (Docker/Kubernetes secrets, a vault), and rotate it; keep defaults out of versioned configuration.';

const PASSWORD_SUFFIXES = ['password', 'passwd', 'pwd', 'passphrase', 'pass'];

function isPasswordKey(normalised: string): boolean {
  return (
    normalised === 'requirepass' ||
    (PASSWORD_SUFFIXES.some((s) => normalised.endsWith(s)) && !normalised.endsWith('bypass'))
  );
}

function isUserKey(normalised: string): boolean {
  return (
    /(?:^|[a-z])(?:user|username|login|userid)$/.test(normalised) && !normalised.endsWith('maxuser')
  );
}

interface Credential {
  readonly user?: string;
  readonly password: string;
}

/** user:password from a URL, or from `user=`/`password=` query parameters (JDBC). */
export function credentialFromUrl(value: string): { scheme: string; cred: Credential } | undefined {
  const m = /^(?:jdbc:)?([a-z][a-z0-9+.-]*):\/\/(?:([^:@/\s]*)(?::([^@/\s]*))?@)?([^\s]*)$/i.exec(
    value.trim(),
  );
  if (m === null) return undefined;
  const scheme = (m[1] as string).toLowerCase();
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  if (m[3] !== undefined) {
    return { scheme, cred: { user: decode(m[2] ?? ''), password: decode(m[3]) } };
  }
  const query = new URLSearchParams((m[4] ?? '').split('?')[1] ?? '');
  const password = query.get('password');
  if (password === null) return undefined;
  const user = query.get('user') ?? query.get('username');
  return { scheme, cred: { ...(user === null ? {} : { user }), password } };
}

function isProductDefault(p: ProductSpec, cred: Credential): boolean {
  if (
    p.pairs?.some(([u, pw]) => pw === cred.password && (cred.user === undefined || u === cred.user))
  ) {
    return true;
  }
  return p.passwords.includes(cred.password);
}

/** The product an ambiguous key belongs to: the one whose defaults match, then the image's. */
function pickProduct(
  candidates: readonly ProductSpec[],
  cred: Credential,
  image: string | undefined,
) {
  const matching = candidates.filter((p) => isProductDefault(p, cred));
  const byImage =
    image === undefined ? undefined : matching.find((p) => image.toLowerCase().includes(p.id));
  return byImage ?? matching[0];
}

interface Hit {
  readonly setting: Setting;
  readonly ruleId: string;
  readonly title: string;
  readonly password: string;
  readonly remediation: string;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/** Every setting of one file that holds a well-known default credential. */
export function detectDefaults(config: ParsedConfig, data: DefaultCredentialData): Hit[] {
  const hits: Hit[] = [];
  // Linear in the settings: a JSON file with 100k keys in one object is one group of 100k
  // siblings, so nothing below may scan a group once per setting.
  const keyOf = new Map<Setting, string>();
  const byGroup = new Map<string, Setting[]>();
  const usersByGroup = new Map<string, Setting[]>();
  const imageOf = new Map<string, string>();
  for (const s of config.settings) {
    const nk = normalizeKey(s.key);
    keyOf.set(s, nk);
    pushTo(byGroup, s.group, s);
    if (isUserKey(nk)) pushTo(usersByGroup, s.group, s);
    if (s.key === 'image' && s.service !== undefined) imageOf.set(s.service, s.value);
  }

  for (const s of config.settings) {
    const nk = keyOf.get(s) as string;
    const image = s.service === undefined ? undefined : imageOf.get(s.service);
    const siblingUser = usersByGroup.get(s.group)?.find((o) => o !== s)?.value;
    const hit = (ruleId: string, title: string, password: string, remediation: string) =>
      hits.push({ setting: s, ruleId, title, password, remediation });

    const pairProducts = data.byPairKey.get(nk);
    if (pairProducts !== undefined && s.value.includes('/')) {
      const [user = '', ...rest] = s.value.split('/');
      const cred = { user, password: rest.join('/') };
      const p = pickProduct(pairProducts, cred, image);
      if (p !== undefined) {
        hit(
          `default-credential-${p.id}`,
          `${p.name}: ${s.key} is the default ${user}/… login`,
          cred.password,
          p.remediation,
        );
        continue;
      }
    }
    const products = data.byPasswordKey.get(nk);
    if (products !== undefined) {
      const userKeys = new Set(products.flatMap((p) => (p.userKeys ?? []).map(normalizeKey)));
      const userKeyed = (byGroup.get(s.group) ?? []).find((o) =>
        userKeys.has(keyOf.get(o) as string),
      );
      const cred = {
        ...(userKeyed === undefined ? {} : { user: userKeyed.value }),
        password: s.value,
      };
      const p =
        pickProduct(products, cred, image) ??
        (data.weakPasswords.has(s.value) ? products[0] : undefined);
      if (p !== undefined) {
        hit(
          `default-credential-${p.id}`,
          `${p.name}: ${s.key} is a well-known default or example password`,
          s.value,
          p.remediation,
        );
        continue;
      }
    }
    if (isPasswordKey(nk)) {
      if (siblingUser !== undefined && data.pairs.has(pairKey(siblingUser, s.value))) {
        hit(
          'default-credential-pair',
          `${s.key} with user "${siblingUser}" is a well-known default login`,
          s.value,
          GENERIC_REMEDIATION,
        );
        continue;
      }
      if (data.weakPasswords.has(s.value)) {
        hit(
          'default-credential-weak-password',
          `${s.key} is a well-known default password`,
          s.value,
          GENERIC_REMEDIATION,
        );
        continue;
      }
    }
    const url = credentialFromUrl(s.value);
    if (url !== undefined && url.cred.password !== '') {
      const p = pickProduct(data.byScheme.get(url.scheme) ?? [], url.cred, image);
      if (p !== undefined) {
        hit(
          `default-credential-${p.id}`,
          `${p.name} connection URL in ${s.key} uses default credentials`,
          url.cred.password,
          p.remediation,
        );
      } else if (
        data.weakPasswords.has(url.cred.password) ||
        (url.cred.user !== undefined && data.pairs.has(pairKey(url.cred.user, url.cred.password)))
      ) {
        hit(
          'default-credential-connection-string',
          `${url.scheme}:// URL in ${s.key} uses default credentials`,
          url.cred.password,
          GENERIC_REMEDIATION,
        );
      }
    }
  }
  return hits;
}

/** Findings for one file: high, or critical when the same file publishes the service. */
export function toFindings(
  path: string,
  config: ParsedConfig,
  hits: readonly Hit[],
  inlineAllowed: (line: number | undefined) => boolean,
): DefaultCredentialFinding[] {
  return hits.map((h) => {
    const exposed =
      config.exposed.has('*') ||
      (h.setting.service !== undefined && config.exposed.has(h.setting.service));
    const level: SeverityLevel = exposed ? 'critical' : 'high';
    return {
      kind: 'default-credential',
      fingerprint: settingFingerprint(h.ruleId, path, h.setting.path, h.password),
      ruleId: h.ruleId,
      title: h.title,
      description: exposed
        ? `${h.title}; this file also publishes the service to the network, so anyone who can reach it can log in.`
        : `${h.title}; anyone who knows the product's defaults can log in wherever this configuration is deployed.`,
      remediation: h.remediation,
      severity: { level, source: 'rule' },
      locations: [{ path, ...(h.setting.line === undefined ? {} : { line: h.setting.line }) }],
      redacted: redact(h.password),
      ...(inlineAllowed(h.setting.line)
        ? { suppressed: { by: 'inline' as const, reason: 'secflow:allow comment on the line' } }
        : {}),
    };
  });
}
