/**
 * Regenerates the labelled corpus (positives.tsv, negatives.tsv): `npx tsx
 * test/corpora/secrets/generate.ts`. Deterministic for a given rules directory and node_modules.
 * See SOURCE.md for where each group of lines comes from.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import type { RuleSpec } from '../../../src/scanners/secrets/rule-schema.ts';
import { shannonEntropy } from '../../../src/scanners/secrets/entropy.ts';
import { FakeTokens } from '../../../src/scanners/secrets/__fixtures__/fake-tokens.ts';
import { sampleRegex } from './sample-regex.ts';

const here = import.meta.dirname;
const repo = join(here, '../../..');
const rulesDir = join(repo, 'src/scanners/secrets/rules');
const fake = new FakeTokens(20260101);
const random = () => fake.next();

type Row = [label: string, path: string, line: string];
const positives: Row[] = [];
const negatives: Row[] = [];

const specs: RuleSpec[] = readdirSync(rulesDir)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .flatMap((f) => (parse(readFileSync(join(rulesDir, f), 'utf8')).rules ?? []) as RuleSpec[]);

/** A value of the format with at least the rule's entropy (real random tokens have it). */
function value(format: string, minEntropy = 0): string {
  let best = '';
  for (let attempt = 0; attempt < 80; attempt++) {
    const v = sampleRegex(format, random);
    if (shannonEntropy(v) >= minEntropy + 0.15) return v;
    if (shannonEntropy(v) > shannonEntropy(best)) best = v;
  }
  return best;
}

const TEMPLATES: ((name: string, v: string) => string)[] = [
  (n, v) => `${n.toUpperCase()}=${v}`,
  (n, v) => `  ${n}: "${v}"`,
  (n, v) => `    "${n}": "${v}",`,
  (n, v) => `const ${camel(n)} = '${v}';`,
  (n, v) => `export ${n.toUpperCase()}="${v}"`,
  (n, v) => `${n} = "${v}"`,
];

function camel(n: string): string {
  return n.toLowerCase().replace(/[_.\-]+([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function contextName(spec: RuleSpec): string {
  const word = (spec.keywords ?? []).find((k) => /^[a-z][a-z0-9]+$/.test(k));
  return word === undefined ? 'credential' : `${word}_token`;
}

function pathFor(spec: RuleSpec): string {
  if (spec.path === undefined) return fake.pick(['.env', 'config/settings.yaml', 'src/client.ts', 'app/config.py', 'deploy/values.yaml']);
  if (spec.path.includes('tf|hcl')) return 'infra/main.tf';
  if (spec.path.includes('pypirc')) return '.pypirc';
  if (spec.path.includes('nuget')) return 'NuGet.config';
  if (spec.path.includes('settings')) return '.m2/settings.xml';
  if (spec.path.includes('php')) return 'wp-content/plugins/x/start.php';
  if (spec.path.includes('ya?ml')) return 'k8s/secret.yaml';
  return 'config/file';
}

/** Lines for rules written as raw regexes that a template cannot express. */
const CUSTOM: Record<string, () => [string, string]> = {
  'private-key': () => {
    const pem = fake.privateKeyPem().trim().split('\n').join('\\n');
    return ['config/sa.json', `  "private_key": "${pem}\\n",`];
  },
  'connection-string-password': () => [
    '.env',
    `DATABASE_URL=${fake.pick(['postgres', 'mysql', 'mongodb+srv', 'redis', 'amqp'])}://svc_${fake.lowerAlnum(5)}:${fake.alnum(18)}@db-${fake.lowerAlnum(6)}.internal:5432/app`,
  ],
  'url-basic-auth': () => ['scripts/sync.sh', `curl -s https://deploy:${fake.alnum(20)}@artifacts.${fake.lowerAlnum(8)}.com/releases/latest`],
  'curl-auth-header': () => ['README.md', `curl -H "Authorization: Bearer ${fake.alnum(40)}" https://api.example.org/v1/me`],
  'curl-auth-user': () => ['scripts/upload.sh', `curl --user ci-bot:${fake.alnum(24)} -T build.zip https://upload.example.org/`],
  'authorization-bearer-token': () => ['src/http.ts', `  headers: { Authorization: "Bearer ${fake.base64url(48)}" },`],
  'authorization-basic-credentials': () => ['src/http.py', `    headers = {"Authorization": "Basic ${Buffer.from(`svc:${fake.alnum(20)}`).toString('base64')}"}`],
  jwt: () => ['src/fixtures.ts', `const session = "${fake.jwt()}";`],
  'generic-password': () => ['config/app.yaml', `  password: "${fake.alnum(6)}!${fake.alnum(8)}"`],
  'generic-api-key': () => ['src/settings.py', `API_KEY = "${fake.alnum(32)}"`],
  'docker-config-auth': () => ['.docker/config.json', `      "auth": "${Buffer.from(`robot:${fake.alnum(32)}`).toString('base64')}"`],
  'ssh-password-in-config': () => ['deploy.sh', `sshpass -p '${fake.alnum(14)}' ssh deploy@10.0.0.5 uptime`],
  'laravel-app-key': () => ['.env', `APP_KEY=base64:${fake.base64(43)}=`],
  'gitlab-session-cookie': () => ['notes.txt', `Cookie: _gitlab_session=${fake.lowerAlnum(32)}`],
  'sentry-dsn-secret': () => ['src/sentry.js', `Sentry.init({ dsn: "https://${fake.hex(32)}:${fake.hex(32)}@o12345.ingest.sentry.io/6789" });`],
  'azure-sas-token': () => ['scripts/upload.ps1', `$url = "https://acct.blob.core.windows.net/c/file?sv=2022-11-02&ss=b&srt=o&sp=r&se=2030-01-01&sig=${fake.base64(43)}%3D"`],
  'azure-storage-account-key': () => ['appsettings.json', `  "Storage": "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${fake.azureStorageKey()};EndpointSuffix=core.windows.net"`],
  'azure-service-bus-connection-string': () => ['appsettings.json', `  "Bus": "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${fake.base64(43)}="`],
  'azure-cosmosdb-key': () => ['appsettings.json', `  "Cosmos": "AccountEndpoint=https://acct.documents.azure.com:443/;AccountKey=${fake.azureStorageKey()};"`],
  'azure-function-key': () => ['ops/hook.sh', `curl https://fn-app.azurewebsites.net/api/ingest?code=${fake.base64url(54)}==`],
  'azure-ad-client-secret': () => ['.env', `AZURE_CLIENT_SECRET=${fake.azureClientSecret()}`],
  'kubernetes-service-account-token': () => ['kubeconfig', `    token: ${fake.jwt()}`],
  'slack-webhook-url': () => ['.env', `SLACK_WEBHOOK=${fake.slackWebhook()}`],
  'discord-webhook-url': () => ['.env', `DISCORD_WEBHOOK=${fake.discordWebhook()}`],
  'microsoft-teams-webhook': () => ['config.yaml', `teams_webhook: ${fake.teamsWebhook()}`],
  'telegram-bot-api-token': () => ['.env', `TELEGRAM_BOT_TOKEN=${fake.digits(10)}:AA${fake.base64url(33)}`],
  'facebook-access-token': () => ['.env', `FACEBOOK_ACCESS_TOKEN=${fake.digits(15)}|${fake.base64url(27)}`],
  'rails-master-key': () => ['config/master.key', fake.hex(32)],
  'npmrc-auth-token': () => ['.npmrc', `//registry.npmjs.org/:_authToken=${fake.uuid()}`],
  'pypirc-password': () => ['.pypirc', `password = ${fake.alnum(20)}`],
  'nuget-config-password': () => ['NuGet.config', `    <add key="ClearTextPassword" value="${fake.alnum(16)}" />`],
  'google-oauth-refresh-token': () => ['creds.json', `  "refresh_token": "1//0${fake.base64url(80)}",`],
};

for (const spec of specs) {
  if (spec.multiline === true && CUSTOM[spec.id] === undefined) continue;
  if (spec.regex === undefined && spec.token === undefined && spec.assign === undefined) continue;
  for (let k = 0; k < 2; k++) {
    const custom = CUSTOM[spec.id];
    if (custom !== undefined) {
      const [path, line] = custom();
      positives.push([spec.id, path, line]);
      continue;
    }
    const template = fake.pick(TEMPLATES);
    if (spec.assign !== undefined) {
      const name = sampleRegex(spec.assign.names[0] as string, () => 0);
      positives.push([spec.id, pathFor(spec), template(name, value(spec.assign.value, spec.entropy))]);
    } else if (spec.token !== undefined) {
      const v = value(spec.token, spec.entropy);
      const inToken = (spec.keywords ?? []).some((kw) => v.toLowerCase().includes(kw));
      positives.push([spec.id, pathFor(spec), template(inToken ? 'api_token' : contextName(spec), v)]);
    } else if (spec.regex !== undefined) {
      // Sample the token part: drop the inline flag and the boundary groups around it.
      const body = spec.regex
        .replace(/^\(\?i\)/, '')
        .replace(/^\\b/, '')
        .replace(/\(\?:(?:[^()]|\([^()]*\))*\|\$\)$/, '');
      const v = value(body, spec.entropy);
      positives.push([spec.id, pathFor(spec), template(contextName(spec), v)]);
    }
  }
}

// Independent generators for the major families (checksummed where the format has one).
const families: [string, () => string][] = [
  ['aws-access-key-id', () => fake.awsAccessKeyId()],
  ['github-pat', () => fake.github('ghp')],
  ['github-oauth', () => fake.github('gho')],
  ['github-app-token', () => fake.github('ghs')],
  ['github-fine-grained-pat', () => fake.githubFineGrained()],
  ['npm-access-token', () => fake.npm()],
  ['gitlab-pat', () => fake.gitlabPat()],
  ['slack-bot-token', () => fake.slackBot()],
  ['stripe-secret-key', () => fake.stripe()],
  ['gcp-api-key', () => fake.googleApiKey()],
  ['pypi-upload-token', () => fake.pypi()],
  ['sendgrid-api-token', () => fake.sendgrid()],
  ['square-access-token', () => fake.squareAccess()],
  ['rubygems-api-token', () => fake.rubygems()],
  ['nuget-api-key', () => fake.nuget()],
  ['alibaba-access-key-id', () => fake.alibabaKeyId()],
];
for (let round = 0; round < 8; round++) {
  for (const [id, make] of families) {
    positives.push([id, fake.pick(['.env', 'ci/deploy.yml', 'src/index.js', 'settings.py']), fake.pick(TEMPLATES)('token', make())]);
  }
}
for (let round = 0; round < 12; round++) {
  positives.push(['aws-secret-access-key', '.aws/credentials', `aws_secret_access_key = ${fake.awsSecretAccessKey()}`]);
}

// Harder contexts for the major families: URLs, CLI flags, comments, Markdown, lists.
for (let round = 0; round < 6; round++) {
  const gh = fake.github('ghs');
  const ak = fake.awsAccessKeyId();
  const st = fake.stripe(fake.pick(['live', 'test'] as const));
  const np = fake.npm();
  const sl = fake.slackBot();
  const gl = fake.gitlabPat();
  positives.push(
    ['github-app-token', 'scripts/clone.sh', `git clone https://x-access-token:${gh}@github.com/acme/api.git`],
    ['aws-access-key-id', 'deploy/README.md', `# rotated 2024-03: old key was ${ak}, do not reuse`],
    ['stripe-secret-key', 'docs/billing.md', `Use \`${st}\` when calling the API from the worker.`],
    ['npm-access-token', 'ci/publish.sh', `npm config set //registry.npmjs.org/:_authToken ${np}`],
    ['slack-bot-token', 'config/bots.yaml', `  - { name: deploy-bot, token: ${sl} }`],
    ['gitlab-pat', 'scripts/mirror.py', `requests.get(url, headers={"PRIVATE-TOKEN": "${gl}"})`],
    ['github-pat', 'src/api.ts', `fetch(\`https://api.github.com/user?access_token=${fake.github('ghp')}&per_page=100\`)`],
    ['jwt', 'tests/e2e/session.spec.ts', `await page.setExtraHTTPHeaders({ authorization: 'Bearer ' + '${fake.jwt()}' });`],
  );
}
// Hard negatives: high-entropy or secret-shaped values that are public or not credentials.
for (let round = 0; round < 8; round++) {
  negatives.push(
    ['negative', 'k8s/deploy.yaml', `        image: registry.example.com/api@sha256:${fake.hex(64)}`],
    ['negative', '.gitattributes.lfs', `oid sha256:${fake.hex(64)}`],
    ['negative', 'src/index.html', `<script src="/app.js" integrity="sha384-${fake.base64(64)}" crossorigin="anonymous"></script>`],
    ['negative', 'db/seed.sql', `INSERT INTO users (email, password_hash) VALUES ('a@b.c', '$2b$12$${fake.chars('./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 53)}');`],
    ['negative', 'keys/deploy.pub', `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${fake.base64(43)} deploy@ci`],
    ['negative', 'dist/manifest.json', `  "main.js": "/static/js/main.${fake.hex(8)}.chunk.js",`],
    ['negative', 'k8s/deploy.yaml', `            secretKeyRef: { name: api-credentials, key: token }`],
    ['negative', 'src/auth.ts', `const tokenKey = \`session_\${userId}_token\`;`],
  );
}
// Negatives that look like secrets but are not.
const neg = (path: string, line: string) => negatives.push(['negative', path, line]);
for (let i = 0; i < 40; i++) {
  neg('src/ids.ts', fake.pick([`const requestId = "${fake.uuid()}";`, `  "id": "${fake.uuid()}",`, `tenant_id: ${fake.uuid()}`, `correlationKey = '${fake.uuid()}'`]));
  neg('checksums.txt', fake.pick([`sha256: ${fake.hex(64)}`, `  "integrity": "sha512-${fake.base64(86)}==",`, `commit: ${fake.hex(40)}`, `md5sum ${fake.hex(32)}  dist.tar.gz`, `    "resolved": "https://registry.npmjs.org/x/-/x-1.0.0.tgz#${fake.hex(40)}",`]));
}
const placeholders = [
  'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE',
  'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'GITHUB_TOKEN=<your-token>',
  'api_key: xxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'password: ${DB_PASSWORD}',
  'secret: {{ .Values.secret }}',
  'token: ${{ secrets.GITHUB_TOKEN }}',
  'const apiKey = process.env.API_KEY;',
  'token = os.getenv("SLACK_TOKEN")',
  'STRIPE_SECRET_KEY=sk_test_xxxxxxxxxxxxxxxxxxxxxxxx',
  'export OPENAI_API_KEY="<insert key here>"',
  'SENDGRID_API_KEY=your_sendgrid_api_key',
  'client_secret: "********"',
  'password = "changeme"',
  'DATABASE_URL=postgres://user:password@localhost:5432/db',
  'REDIS_URL=redis://localhost:6379/0',
  'const tokenType = "Bearer";',
  'private_key_path: /etc/ssl/private/server.key',
  'secret_name: prod-db-credentials',
  'api_version: "2023-10-16"',
  'accessKeyId: AKIA0000000000000000',
  'token: "abcdefghijklmnopqrstuvwxyz123456"',
  'key: "0123456789abcdef0123456789abcdef"',
  'jwt_secret: "%(JWT_SECRET)s"',
  '-----BEGIN PUBLIC KEY-----',
  'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 user@host',
  'password_min_length: 12',
  'auth_token_ttl: 3600',
  'const passwordField = document.getElementById("password");',
  'if (password !== confirmPassword) throw new Error("mismatch");',
];
for (const line of placeholders) neg('docs/example.md', line);

// Real-world lines from this machine's node_modules that mention secret-ish words.
const WORDS = /key|token|secret|passw|auth|api|credential|bearer|:\/\//i;
const nodeModules = join(repo, 'node_modules');
const files: string[] = [];
const walk = (dir: string, depth: number) => {
  if (depth > 6 || files.length > 4000) return;
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    let s: ReturnType<typeof statSync>;
    try {
      s = statSync(p);
    } catch {
      continue;
    }
    if (s.isDirectory()) walk(p, depth + 1);
    else if (/\.(?:js|mjs|cjs|ts|md|json|ya?ml)$/.test(name) && s.size < 400_000 && !name.endsWith('.min.js')) files.push(p);
  }
};
walk(nodeModules, 0);
// Every line near a secret-ish word with a long quoted value: the hardest real negatives.
const HARD = /(?:key|token|secret|passw|auth|credential|bearer)\w*["']?\s*[:=,(]\s*["'`][A-Za-z0-9+/=_\-.]{16,}["'`]/i;
for (const file of files) {
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const t = line.trim();
    if (t.length <= 240 && HARD.test(t) && !t.includes('\t')) negatives.push(['negative', relative(repo, file), t]);
  }
}
let taken = 0;
for (const file of files) {
  if (taken >= 480) break;
  const lines = readFileSync(file, 'utf8').split('\n');
  let fromFile = 0;
  for (const line of lines) {
    if (fromFile >= 2 || taken >= 480) break;
    const t = line.trim();
    if (t.length < 12 || t.length > 240 || !WORDS.test(t) || t.includes('\t')) continue;
    negatives.push(['negative', relative(repo, file), t]);
    fromFile++;
    taken++;
  }
}

const tsv = (rows: Row[]) => `${rows.map((r) => r.join('\t')).join('\n')}\n`;
writeFileSync(join(here, 'positives.tsv'), tsv(positives));
writeFileSync(join(here, 'negatives.tsv'), tsv(negatives));
console.log(`positives ${positives.length}, negatives ${negatives.length}`);
