import { describe, expect, it } from 'vitest';
import { FakeTokens, hasValidGithubChecksum } from './__fixtures__/fake-tokens.ts';
import { SecretEngine } from './engine.ts';
import { loadSecretRules } from './load-rules.ts';

const engine = new SecretEngine(loadSecretRules());
const fake = new FakeTokens(42);

function ruleIds(text: string, path = 'src/config.ts'): string[] {
  return [...new Set(engine.scan(text, path).map((m) => m.rule.id))].sort();
}

describe('SecretEngine on real-format fake tokens', () => {
  const cases: [string, () => string, (v: string) => string][] = [
    ['aws-access-key-id', () => fake.awsAccessKeyId(), (v) => `AWS_ACCESS_KEY_ID=${v}`],
    [
      'aws-secret-access-key',
      () => fake.awsSecretAccessKey(),
      (v) => `aws_secret_access_key = ${v}`,
    ],
    ['github-pat', () => fake.github('ghp'), (v) => `token: ${v}`],
    ['github-oauth', () => fake.github('gho'), (v) => `"token": "${v}"`],
    ['github-app-token', () => fake.github('ghs'), (v) => `GH_TOKEN='${v}'`],
    ['github-refresh-token', () => fake.github('ghr'), (v) => `refresh=${v}`],
    ['github-fine-grained-pat', () => fake.githubFineGrained(), (v) => `export GITHUB_TOKEN=${v}`],
    ['gitlab-pat', () => fake.gitlabPat(), (v) => `PRIVATE-TOKEN: ${v}`],
    ['npm-access-token', () => fake.npm(), (v) => `//registry.npmjs.org/:_authToken=${v}`],
    ['pypi-upload-token', () => fake.pypi(), (v) => `password = ${v}`],
    ['rubygems-api-token', () => fake.rubygems(), (v) => `:rubygems_api_key: ${v}`],
    ['nuget-api-key', () => fake.nuget(), (v) => `dotnet nuget push -k ${v}`],
    ['slack-bot-token', () => fake.slackBot(), (v) => `SLACK_BOT_TOKEN=${v}`],
    ['slack-webhook-url', () => fake.slackWebhook(), (v) => `webhook: ${v}`],
    ['discord-webhook-url', () => fake.discordWebhook(), (v) => `url = "${v}"`],
    ['microsoft-teams-webhook', () => fake.teamsWebhook(), (v) => `TEAMS=${v}`],
    ['stripe-secret-key', () => fake.stripe(), (v) => `Stripe.apiKey = "${v}";`],
    ['square-access-token', () => fake.squareAccess(), (v) => `SQUARE_TOKEN=${v}`],
    ['sendgrid-api-token', () => fake.sendgrid(), (v) => `SENDGRID_API_KEY=${v}`],
    ['gcp-api-key', () => fake.googleApiKey(), (v) => `apiKey: "${v}",`],
    ['alibaba-access-key-id', () => fake.alibabaKeyId(), (v) => `access_key_id: ${v}`],
    ['azure-ad-client-secret', () => fake.azureClientSecret(), (v) => `AZURE_CLIENT_SECRET=${v}`],
    ['jwt', () => fake.jwt(), (v) => `const session = "${v}";`],
  ];
  for (const [id, make, line] of cases) {
    it(`finds ${id}`, () => {
      for (let i = 0; i < 5; i++) expect(ruleIds(line(make()))).toContain(id);
    });
  }

  it('generates GitHub tokens with a valid CRC32 checksum, and the rule accepts them', () => {
    const token = fake.github('ghp');
    expect(hasValidGithubChecksum(token)).toBe(true);
    expect(ruleIds(token)).toEqual(['github-pat']);
  });

  it('finds a real PEM private key spanning lines, and two keys back to back', () => {
    const pem = fake.privateKeyPem();
    const text = `key: |\n${pem}\n${fake.rsaPrivateKeyPem()}`;
    const found = engine.scan(text, 'deploy/key.yaml').filter((m) => m.rule.id === 'private-key');
    expect(found).toHaveLength(2);
    expect(found[0]?.secret.startsWith('-----BEGIN PRIVATE KEY-----')).toBe(true);
  });

  it('finds a private key with escaped newlines inside a JSON string', () => {
    const escaped = fake.privateKeyPem().trim().split('\n').join('\\n');
    expect(ruleIds(`{"private_key": "${escaped}\\n"}`, 'sa.json')).toEqual(['private-key']);
  });

  it('reports the secret group and its offsets, not the whole match', () => {
    const line = 'DATABASE_URL=postgres://svc_app:Vq8rT2mKx9LpZ3nW@db.internal:5432/app';
    const [m] = engine.scan(line, '.env');
    expect(m?.rule.id).toBe('connection-string-password');
    expect(m?.secret).toBe('Vq8rT2mKx9LpZ3nW');
    expect(line.slice(m?.start, m?.end)).toBe('Vq8rT2mKx9LpZ3nW');
  });

  it('lets a provider rule win over a generic rule on the same span', () => {
    expect(ruleIds(`api_key = "${fake.stripe()}"`)).toEqual(['stripe-secret-key']);
  });

  it('finds a secret inside a 50k-character minified line', () => {
    const token = fake.github('ghp');
    const line = `${'var a=1,b=2;'.repeat(2500)}var t="${token}";${'x=3;'.repeat(5000)}`;
    expect(line.length).toBeGreaterThan(50_000);
    expect(ruleIds(line, 'dist/app.min.js')).toContain('github-pat');
  });
});

describe('SecretEngine negatives', () => {
  const negatives = [
    'const id = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";',
    'sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    'commit 2fd4e1c67a2d28fced849ee1bb76e7391b93eb12',
    'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE',
    'aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    'GITHUB_TOKEN=<your-token>',
    'api_key: xxxxxxxxxxxxxxxxxxxxxxxx',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal placeholder is the input
    'password: ${DB_PASSWORD}',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal placeholder is the input
    'token: ${{ secrets.GITHUB_TOKEN }}',
    'secret: {{ .Values.apiSecret }}',
    'const apiKey = process.env.STRIPE_KEY;',
    'token = os.getenv("TOKEN")',
    'const tokenizer = new Tokenizer(options);',
    'password_min_length = 12',
    '"integrity": "sha512-Xi3Ls4ePmIUw5hTJZKAh9+pb2IacHzTJTAlYKBqiRzr3x3TfAF2fOEPhJRMxV2kU7KW2MPOFNw=="',
    'image: nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31',
    'const id = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"; // heroku-like but no heroku key',
  ];
  for (const line of negatives) {
    it(`does not fire on: ${line.slice(0, 60)}`, () => {
      expect(ruleIds(line)).toEqual([]);
    });
  }
});
