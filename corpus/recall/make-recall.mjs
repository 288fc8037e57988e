// Writes the recall corpus: one file per credential format, the secret planted in the kind of
// file it leaks from (.env, config.yaml, a deploy script, settings.json, settings.py, ...),
// and planted.json listing what each file holds. Shapes come from the providers' documented
// (or, where undocumented, observed) token formats, written down here independently of the
// rule regexes; surrounding text differs from the rules' own examples. Every secret is fake:
// characters drawn from a seeded generator, so a re-run writes the same files.
//
//   node corpus/recall/make-recall.mjs        (then: node bench/recall.mjs)
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'files');

let seed = 0x5eed1234;
const next = () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 2 ** 32;
};
const SETS = {
  A: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  h: '0123456789abcdef',
  H: '0123456789ABCDEF',
  l: 'abcdefghijklmnopqrstuvwxyz0123456789',
  U: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  u: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-',
  b: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
  d: '0123456789',
  z: 'abcdefghijklmnopqrstuvwxyz234567',
};
// Shape mini-language: literal text with {set:n}; {uuid}.
function make(shape) {
  for (;;) {
    const s = shape.replace(/\{(\w+)(?::(\d+))?\}/g, (_, set, n) => {
      if (set === 'uuid') return [8, 4, 4, 4, 12].map((k) => pick('h', k)).join('-');
      return pick(set, Number(n));
    });
    // Keep generated text clear of the words placeholder filters look for.
    if (!/(?:test|fake|xxxx|exam|samp|dumm|demo|todo|0000|1234|abcd)/i.test(s.replace(/^[^{]*/, ''))) return s;
  }
}
const pick = (set, n) => Array.from({ length: n }, () => SETS[set][Math.floor(next() * SETS[set].length)]).join('');
const b64 = (n) => Buffer.from(Array.from({ length: n }, () => Math.floor(next() * 256))).toString('base64');
const pw = () => pick('A', 9) + '-' + pick('d', 3);

// Surrounding text by file kind. `k` is the variable or key name, `p` the provider's name.
const CTX = {
  env: (p, k, s) => `# ${p} settings for the billing service (production)\nAPP_ENV=production\nLOG_LEVEL=info\nPORT=8080\n${k}=${s}\nFEATURE_FLAGS=search,invoices\n`,
  yaml: (p, k, s) => `service:\n  name: billing\n  replicas: 3\n${p.toLowerCase().replace(/[^a-z0-9]+/g, '_')}:\n  enabled: true\n  ${k.toLowerCase()}: "${s}"\n  timeout_seconds: 30\n`,
  sh: (p, k, s) => `#!/usr/bin/env bash\n# nightly sync with ${p}\nset -euo pipefail\nexport ${k}="${s}"\n./bin/sync --since "$(date -d yesterday +%F)"\n`,
  json: (p, k, s) => `{\n  "name": "billing",\n  "integrations": {\n    "${p.toLowerCase().replace(/[^a-z0-9]+/g, '')}": {\n      "${k}": "${s}",\n      "region": "eu"\n    }\n  }\n}\n`,
  py: (p, k, s) => `"""Settings for the reporting job."""\nimport os\n\nDEBUG = False\n${k.toUpperCase()} = "${s}"  # ${p}\nTIMEOUT = 30\n`,
  tf: (p, k, s) => `provider "${p.toLowerCase().replace(/[^a-z0-9]+/g, '')}" {\n  ${k.toLowerCase()} = "${s}"\n}\n`,
  raw: (_p, _k, s) => s,
};

/** [file stem, provider name, context kind, key name, shape or () => secret, optional full text (s) => string] */
const F = [
  // Azure
  ['azure-storage-connection-string', 'Azure', 'json', 'StorageConnection', null, () => { const k = b64(64); return [k, `{\n  "ConnectionStrings": {\n    "Storage": "DefaultEndpointsProtocol=https;AccountName=acmebilling;AccountKey=${k};EndpointSuffix=core.windows.net"\n  }\n}\n`]; }],
  ['azure-storage-key-reordered', 'Azure', 'raw', '', null, () => { const k = b64(64); return [k, `STORAGE="BlobEndpoint=https://acmelogs.blob.core.windows.net/;AccountKey=${k};AccountName=acmelogs"\n`]; }],
  ['azure-sas-url', 'Azure', 'raw', '', null, () => { const sig = encodeURIComponent(b64(32)); return [sig, `az storage blob download --blob-url "https://acmeprod.blob.core.windows.net/backups/db.bak?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2026-12-31T00:00:00Z&st=2025-01-01T00:00:00Z&spr=https&sig=${sig}" -f db.bak\n`]; }],
  ['azure-ad-client-secret', 'Azure', 'env', 'AZURE_CLIENT_SECRET', '{u:3}8Q~{u:31}'],
  ['azure-devops-pat', 'Azure DevOps', 'sh', 'AZURE_DEVOPS_EXT_PAT', '{z:52}'],
  ['azure-devops-pat-new', 'Azure DevOps', 'env', 'ADO_PAT', '{A:76}AZDO{A:4}'],
  ['azure-openai-key', 'Azure OpenAI', 'env', 'AZURE_OPENAI_API_KEY', '{h:32}'],
  ['azure-cosmos-connection', 'Azure', 'raw', '', null, () => { const k = b64(64); return [k, `COSMOS="AccountEndpoint=https://acme-orders.documents.azure.com:443/;AccountKey=${k};"\n`]; }],
  ['azure-service-bus', 'Azure', 'raw', '', null, () => { const k = b64(32); return [k, `"ServiceBus": "Endpoint=sb://acme-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${k}"\n`]; }],
  ['azure-redis-cache', 'Azure', 'raw', '', null, () => { const k = b64(32); return [k, `"Redis": "acme-cache.redis.cache.windows.net:6380,password=${k},ssl=True,abortConnect=False"\n`]; }],
  // Slack
  ['slack-incoming-webhook', 'Slack', 'yaml', 'webhook_url', 'https://hooks.slack.com/services/T{U:9}/B{U:11}/{A:24}'],
  ['slack-bot-token', 'Slack', 'env', 'SLACK_BOT_TOKEN', 'xoxb-{d:12}-{d:13}-{A:24}'],
  ['slack-user-token', 'Slack', 'py', 'slack_user_token', 'xoxp-{d:12}-{d:12}-{d:13}-{h:32}'],
  ['slack-app-token', 'Slack', 'env', 'SLACK_APP_TOKEN', 'xapp-1-A{U:10}-{d:13}-{h:64}'],
  ['slack-config-token', 'Slack', 'sh', 'SLACK_CONFIG_TOKEN', 'xoxe.xoxp-1-{A:150}'],
  ['slack-legacy-webhook', 'Slack', 'raw', '', null, () => { const u = make('https://acme.slack.com/services/hooks/incoming-webhook?token={A:24}'); return [u, `<webhookUrl>${u}</webhookUrl>\n`]; }],
  // Google
  ['google-oauth-client-secret', 'Google', 'json', 'client_secret', 'GOCSPX-{u:28}'],
  ['google-api-key-backticks', 'Google', 'raw', '', null, () => { const k = make('AIza{u:35}'); return [k, 'const url = `https://maps.googleapis.com/maps/api/geocode/json?key=' + k + '&address=${q}`;\n']; }],
  ['google-api-key-single-quotes', 'Google', 'raw', '', null, () => { const k = make('AIza{u:35}'); return [k, `firebase.initializeApp({ apiKey: '${k}', authDomain: 'acme.firebaseapp.com' });\n`]; }],
  ['firebase-fcm-server-key', 'Firebase', 'env', 'FCM_SERVER_KEY', 'AAAA{u:7}:APA91b{u:134}'],
  ['gcp-service-account-refresh', 'Google', 'json', 'refresh_token', '1//0{u:99}'],
  // HashiCorp
  ['vault-service-token', 'Vault', 'env', 'VAULT_TOKEN', 'hvs.{A:24}'],
  ['vault-batch-token', 'Vault', 'sh', 'VAULT_TOKEN', 'hvb.AAAAAQ{u:120}'],
  ['vault-legacy-token', 'Vault', 'env', 'VAULT_TOKEN', 's.{A:24}'],
  ['terraform-cloud-token', 'Terraform Cloud', 'json', 'token', '{A:14}.atlasv1.{u:67}'],
  // observability
  ['datadog-api-key', 'Datadog', 'env', 'DD_API_KEY', '{h:32}'],
  ['datadog-app-key-helm', 'Datadog', 'yaml', 'appKey', '{h:40}'],
  ['sentry-dsn', 'Sentry', 'py', 'sentry_dsn', null, () => { const k = make('{h:32}'); return [k, `import sentry_sdk\n\nsentry_sdk.init(dsn="https://${k}@o${make('{d:6}')}.ingest.us.sentry.io/${make('{d:16}')}", traces_sample_rate=0.1)\n`]; }],
  ['sentry-auth-token', 'Sentry', 'env', 'SENTRY_AUTH_TOKEN', 'sntryu_{h:64}'],
  ['newrelic-user-key', 'New Relic', 'env', 'NEW_RELIC_API_KEY', 'NRAK-{U:27}'],
  ['newrelic-license-key', 'New Relic', 'yaml', 'license_key', '{h:36}NRAL'],
  // issue long tail
  ['mattermost-token', 'Mattermost', 'env', 'MATTERMOST_TOKEN', '{l:26}'],
  ['customerio-app-key', 'Customer.io', 'env', 'CUSTOMERIO_APP_API_KEY', '{h:32}'],
  ['asana-pat', 'Asana', 'env', 'ASANA_ACCESS_TOKEN', '2/{d:16}/{d:16}:{h:32}'],
  ['coveralls-token', 'Coveralls', 'env', 'COVERALLS_REPO_TOKEN', '{A:33}'],
  ['maxmind-license', 'MaxMind', 'raw', '', null, () => { const k = make('{A:6}_{A:29}_mmk'); return [k, `# GeoIP.conf\nAccountID 812345\nLicenseKey ${k}\nEditionIDs GeoLite2-Country GeoLite2-City\n`]; }],
  ['twitch-client-secret', 'Twitch', 'env', 'TWITCH_CLIENT_SECRET', '{l:30}'],
  ['vmware-govc', 'VMware', 'sh', 'GOVC_PASSWORD', null, pw],
  ['okta-api-token', 'Okta', 'env', 'OKTA_API_TOKEN', '00{u:40}'],
  ['auth0-client-secret', 'Auth0', 'env', 'AUTH0_CLIENT_SECRET', '{u:64}'],
  ['sonarqube-token', 'SonarQube', 'sh', 'SONAR_TOKEN', 'squ_{h:40}'],
  ['sourcegraph-token', 'Sourcegraph', 'env', 'SRC_ACCESS_TOKEN', 'sgp_{h:16}_{h:40}'],
  ['jfrog-api-key', 'JFrog', 'env', 'ARTIFACTORY_API_KEY', 'AKCp{A:69}'],
  ['bitbucket-app-password', 'Bitbucket', 'env', 'BITBUCKET_APP_PASSWORD', 'ATBB{A:32}'],
  ['mapbox-secret-token', 'Mapbox', 'env', 'MAPBOX_SECRET_TOKEN', 'sk.eyJ1IjoiYWNtZSIsImEiOiJ{u:30}.{u:22}'],
  ['shopify-access-token', 'Shopify', 'env', 'SHOPIFY_ACCESS_TOKEN', 'shpat_{h:32}'],
  ['salesforce-access-token', 'Salesforce', 'sh', 'SF_ACCESS_TOKEN', '00D{A:15}!{A:96}'],
  ['telegram-bot-token', 'Telegram', 'py', 'bot_token', '{d:10}:AA{u:33}'],
  ['discord-webhook', 'Discord', 'json', 'webhook', 'https://discord.com/api/webhooks/{d:19}/{u:68}'],
  ['nuget-api-key', 'NuGet', 'sh', 'NUGET_API_KEY', 'oy2{l:43}'],
  ['easypost-key', 'EasyPost', 'env', 'EASYPOST_API_KEY', 'EZAK{h:54}'],
  ['heroku-api-key', 'Heroku', 'env', 'HEROKU_API_KEY', 'HRKU-AA{u:58}'],
  ['cloudflare-api-token', 'Cloudflare', 'env', 'CLOUDFLARE_API_TOKEN', '{u:40}'],
  ['facebook-access-token', 'Facebook', 'env', 'FACEBOOK_ACCESS_TOKEN', 'EAAG{A:180}'],
  ['jwt-authorization-header', 'JWT', 'raw', '', null, () => { const t = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.' + Buffer.from(JSON.stringify({ sub: 'svc-billing', iat: 1735689600, exp: 1893456000 })).toString('base64url') + '.' + make('{u:43}'); return [t, `GET /v1/invoices HTTP/1.1\nHost: api.acme.io\nAuthorization: Bearer ${t}\nAccept: application/json\n`]; }],
  // connection strings, command lines, config files
  ['odbc-connection-string', 'ODBC', 'raw', '', null, () => { const p = pw(); return [p, `conn = pyodbc.connect("DSN=SalesDW;UID=report;PWD=${p}")\n`]; }],
  ['ado-net-connection-string', 'SQL Server', 'raw', '', null, () => { const p = pw(); return [p, `<add name="Orders" connectionString="Server=tcp:sql01.acme.local,1433;Database=Orders;User ID=app;Password=${p};Encrypt=True" />\n`]; }],
  ['jdbc-url', 'JDBC', 'raw', '', null, () => { const p = pw(); return [p, `db.url=jdbc:postgresql://pg.acme.local:5432/app?user=app&password=${p}&ssl=true\n`]; }],
  ['curl-basic-auth', 'curl', 'raw', '', null, () => { const p = pw(); return [p, `curl -u deploy:${p} -X POST https://ci.acme.local/job/release/build\n`]; }],
  ['curl-token-header', 'curl', 'raw', '', null, () => { const t = make('{A:40}'); return [t, `curl -sS -H 'Authorization: Token ${t}' https://netbox.acme.local/api/dcim/devices/\n`]; }],
  ['kubeconfig-token', 'Kubernetes', 'raw', '', null, () => { const t = make('{A:48}'); return [t, `apiVersion: v1\nkind: Config\nusers:\n- name: ci\n  user:\n    token: ${t}\n`]; }],
  ['kubeconfig-client-key', 'Kubernetes', 'raw', '', null, () => { const pem = `-----BEGIN EC PRIVATE KEY-----\n${b64(121).match(/.{1,64}/g).join('\n')}\n-----END EC PRIVATE KEY-----\n`; const d = Buffer.from(pem).toString('base64'); return [d, `users:\n- name: admin\n  user:\n    client-certificate-data: ${b64(600)}\n    client-key-data: ${d}\n`]; }],
  ['etc-shadow', 'Linux', 'raw', '', null, () => { const h = `$6$${make('{A:16}')}$${make('{A:85}')}0`; return [h, `root:${h}:19876:0:99999:7:::\ndaemon:*:19876:0:99999:7:::\n`]; }],
  ['htpasswd-bcrypt', 'Apache', 'raw', '', null, () => { const h = `$2y$10$${make('{A:21}')}e${make('{A:30}')}.`; return [h, `admin:${h}\n`]; }],
  ['sql-dump-bcrypt', 'SQL dump', 'raw', '', null, () => { const h = `$2b$12$${make('{A:21}')}O${make('{A:30}')}W`; return [h, `INSERT INTO \`users\` (\`id\`, \`email\`, \`password\`) VALUES (7, 'ops@acme.io', '${h}');\n`]; }],
  ['psexec-password', 'PsExec', 'raw', '', null, () => { const p = pw(); return [p, `psexec \\\\fs02 -u ACME\\svc_backup -p ${p} cmd /c "robocopy D:\\data \\\\nas\\data /MIR"\n`]; }],
  ['net-use-password', 'Windows', 'raw', '', null, () => { const p = pw(); return [p, `net use X: \\\\nas01\\archive ${p} /user:ACME\\archiver /persistent:no\n`]; }],
  ['netrc', '.netrc', 'raw', '', null, () => { const p = pw(); return [p, `machine git.acme.local\n  login deploy\n  password ${p}\n`]; }],
  ['docker-config-auth', 'Docker', 'raw', '', null, () => { const a = Buffer.from(`ci:${pw()}`).toString('base64'); return [a, `{\n  "auths": {\n    "registry.acme.local": { "auth": "${a}" }\n  }\n}\n`]; }],
  // AI providers
  ['openai-project-key', 'OpenAI', 'env', 'OPENAI_API_KEY', 'sk-proj-{u:74}T3BlbkFJ{u:74}'],
  ['anthropic-api-key', 'Anthropic', 'env', 'ANTHROPIC_API_KEY', 'sk-ant-api03-{u:93}AA'],
  ['huggingface-token', 'Hugging Face', 'py', 'hf_token', 'hf_{A:34}'],
  ['together-key', 'Together', 'env', 'TOGETHER_API_KEY', '{h:64}'],
  ['deepseek-key', 'DeepSeek', 'env', 'DEEPSEEK_API_KEY', 'sk-{h:32}'],
  ['baseten-key', 'Baseten', 'env', 'BASETEN_API_KEY', '{A:8}.{A:32}'],
  ['runway-key', 'Runway', 'env', 'RUNWAYML_API_SECRET', 'key_{h:128}'],
  ['scale-key', 'Scale', 'env', 'SCALE_API_KEY', 'live_{h:32}'],
  ['deepgram-key', 'Deepgram', 'env', 'DEEPGRAM_API_KEY', '{h:40}'],
  ['cursor-key', 'Cursor', 'env', 'CURSOR_API_KEY', 'key_{h:64}'],
  ['ollama-key', 'Ollama', 'env', 'OLLAMA_API_KEY', '{h:32}.{A:24}'],
  ['groq-key', 'Groq', 'env', 'GROQ_API_KEY', 'gsk_{A:52}'],
  ['mistral-key', 'Mistral', 'env', 'MISTRAL_API_KEY', '{A:32}'],
  ['perplexity-key', 'Perplexity', 'env', 'PERPLEXITY_API_KEY', 'pplx-{A:48}'],
  ['xai-key', 'xAI', 'env', 'XAI_API_KEY', 'xai-{A:80}'],
  ['replicate-token', 'Replicate', 'env', 'REPLICATE_API_TOKEN', 'r8_{A:37}'],
  ['cohere-key', 'Cohere', 'env', 'CO_API_KEY', '{A:40}'],
  ['fireworks-key', 'Fireworks', 'env', 'FIREWORKS_API_KEY', 'fw_{A:24}'],
  ['gemini-key', 'Gemini', 'env', 'GEMINI_API_KEY', 'AIza{u:35}'],
  // widely used SaaS and dev tools
  ['stripe-secret-key', 'Stripe', 'env', 'STRIPE_SECRET_KEY', 'sk_live_{A:99}'],
  ['twilio-auth-token', 'Twilio', 'py', 'twilio_auth_token', null, () => { const t = make('{h:32}'); return [t, `TWILIO_ACCOUNT_SID = "AC${make('{h:32}')}"\nTWILIO_AUTH_TOKEN = "${t}"\n`]; }],
  ['sendgrid-key', 'SendGrid', 'env', 'SENDGRID_API_KEY', 'SG.{u:22}.{u:43}'],
  ['github-pat', 'GitHub', 'sh', 'GH_TOKEN', null, () => { const body = make('{A:30}'); const t = 'ghp_' + body + crc62(body); return [t, `#!/bin/sh\nexport GH_TOKEN=${t}\ngh release create v1.4.0 dist/*\n`]; }],
  ['gitlab-pat', 'GitLab', 'env', 'GITLAB_TOKEN', 'glpat-{u:20}'],
  ['aws-access-key', 'AWS', 'raw', '', null, () => { const s = make('{b:40}'); return [s, `[default]\naws_access_key_id = AKIA${make('{U:16}')}\naws_secret_access_key = ${s}\nregion = eu-west-1\n`]; }],
  ['npm-token', 'npm', 'raw', '', null, () => { const body = make('{A:30}'); const t = 'npm_' + body + crc62(body); return [t, `//registry.npmjs.org/:_authToken=${t}\n`]; }],
  ['pypi-token', 'PyPI', 'raw', '', null, () => { const t = 'pypi-AgEIcHlwaS5vcmc' + make('{u:150}'); return [t, `[pypi]\n  username = __token__\n  password = ${t}\n`]; }],
  ['docker-hub-pat', 'Docker Hub', 'sh', 'DOCKERHUB_TOKEN', 'dckr_pat_{u:27}'],
  ['doppler-token', 'Doppler', 'env', 'DOPPLER_TOKEN', 'dp.st.prd.{A:43}'],
  ['linear-key', 'Linear', 'env', 'LINEAR_API_KEY', 'lin_api_{A:40}'],
  ['notion-token', 'Notion', 'env', 'NOTION_TOKEN', 'ntn_{A:46}'],
  ['tailscale-auth-key', 'Tailscale', 'sh', 'TS_AUTHKEY', 'tskey-auth-{A:12}CNTRL-{A:33}'],
  ['posthog-personal-key', 'PostHog', 'env', 'POSTHOG_PERSONAL_API_KEY', 'phx_{A:43}'],
  ['render-key', 'Render', 'env', 'RENDER_API_KEY', 'rnd_{A:32}'],
  ['neon-key', 'Neon', 'env', 'NEON_API_KEY', 'napi_{l:64}'],
  ['sonarqube-project-token', 'SonarQube', 'yaml', 'token', 'sqp_{h:40}'],
  ['mailgun-key', 'Mailgun', 'env', 'MAILGUN_API_KEY', 'key-{h:32}'],
  ['postman-key', 'Postman', 'env', 'POSTMAN_API_KEY', 'PMAK-{h:24}-{h:34}'],
  ['digitalocean-token', 'DigitalOcean', 'tf', 'token', 'dop_v1_{h:64}'],
  ['grafana-sa-token', 'Grafana', 'env', 'GRAFANA_TOKEN', null, () => { const body = make('{A:32}'); const t = `glsa_${body}_${crc32hex(body)}`; return [t, `GRAFANA_URL=https://grafana.acme.local\nGRAFANA_TOKEN=${t}\n`]; }],
  ['atlassian-api-token', 'Atlassian', 'env', 'JIRA_API_TOKEN', 'ATATT3xFfGF0{u:170}=ABCD1234'.replace('ABCD1234', '{H:8}')],
  ['pagerduty-key', 'PagerDuty', 'env', 'PAGERDUTY_API_KEY', 'u+{u:18}'],
  ['wireguard-key', 'WireGuard', 'raw', '', null, () => { const k = b64(32); return [k, `[Interface]\nAddress = 10.8.0.3/24\nPrivateKey = ${k}\nListenPort = 51820\n`]; }],
  ['ngrok-authtoken', 'ngrok', 'yaml', 'authtoken', '{A:27}_{A:21}'],
  ['riot-key', 'Riot Games', 'env', 'RIOT_API_KEY', 'RGAPI-{uuid}'],
  ['deepl-free-key', 'DeepL', 'env', 'DEEPL_AUTH_KEY', '{uuid}:fx'],
  ['apify-token', 'Apify', 'env', 'APIFY_TOKEN', 'apify_api_{A:36}'],
  ['mercadopago-token', 'Mercado Pago', 'env', 'MP_ACCESS_TOKEN', 'APP_USR-{d:16}-{d:6}-{h:32}-{d:9}'],
  ['zoho-refresh-token', 'Zoho', 'env', 'ZOHO_REFRESH_TOKEN', '1000.{h:32}.{h:32}'],
 // Harder surroundings: the same kinds of secret in the shapes real projects give them.
  ['compose-env-list', 'Twitch', 'raw', '', null, () => { const v = make('{l:30}'); return [v, `services:\n  bot:\n    image: acme/bot:1.8\n    environment:\n      - TWITCH_CLIENT_ID=${make('{l:30}')}\n      - TWITCH_CLIENT_SECRET=${v}\n`]; }],
  ['helm-values-two-levels', 'Datadog', 'raw', '', null, () => { const v = make('{h:32}'); return [v, `datadog:\n  site: datadoghq.eu\n  credentials:\n    apiKey: ${v}\n  logs:\n    enabled: true\n`]; }],
  ['json-nested-object', 'Okta', 'raw', '', null, () => { const v = make('{u:40}'); return [v, `{\n  "okta": {\n    "issuer": "https://acme.okta.com/oauth2/default",\n    "clientId": "0oa${make('{A:17}')}",\n    "clientSecret": "${v}"\n  }\n}\n`]; }],
  ['ini-section', 'Mattermost', 'raw', '', null, () => { const v = make('{l:26}'); return [v, `[mattermost]\nurl = https://chat.acme.io\nteam = ops\ntoken = ${v}\n`]; }],
  ['terraform-variable-default', 'Cloudflare', 'raw', '', null, () => { const v = make('{u:40}'); return [v, `variable "cloudflare_api_token" {\n  type    = string\n  default = "${v}"\n}\n`]; }],
  ['dotnet-appsettings-xml', 'SendGrid', 'raw', '', null, () => { const v = make('SG.{u:22}.{u:43}'); return [v, `<appSettings>\n  <add key="SendGridApiKey" value="${v}" />\n</appSettings>\n`]; }],
  ['k8s-secret-stringdata', 'Customer.io', 'raw', '', null, () => { const v = make('{h:32}'); return [v, `apiVersion: v1\nkind: Secret\nmetadata:\n  name: mailer\nstringData:\n  CUSTOMERIO_APP_API_KEY: "${v}"\n`]; }],
  ['github-actions-env', 'SonarQube', 'raw', '', null, () => { const v = make('sqa_{h:40}'); return [v, `jobs:\n  scan:\n    runs-on: ubuntu-latest\n    env:\n      SONAR_TOKEN: ${v}\n    steps:\n      - uses: actions/checkout@v4\n`]; }],
  ['php-define', 'Mailchimp', 'raw', '', null, () => { const v = make('{h:32}-us21'); return [v, `<?php\ndefine('MAILCHIMP_API_KEY', '${v}');\ndefine('MAILCHIMP_LIST', 'a1b2c3');\n`]; }],
  ['ruby-initializer', 'Stripe', 'raw', '', null, () => { const v = make('rk_live_{A:99}'); return [v, `Stripe.api_key = "${v}"\nStripe.api_version = "2024-06-20"\n`]; }],
  ['go-const', 'Telegram', 'raw', '', null, () => { const v = make('{d:10}:AA{u:33}'); return [v, `package notify\n\nconst botToken = "${v}"\n`]; }],
  ['java-properties', 'Salesforce', 'raw', '', null, () => { const v = make('{H:64}'); return [v, `salesforce.client.id=3MVG9${make('{A:80}')}\nsalesforce.consumer.secret=${v}\n`]; }],
  ['spring-yaml', 'PostgreSQL', 'raw', '', null, () => { const v = pw(); return [v, `spring:\n  datasource:\n    url: jdbc:postgresql://pg.acme.local:5432/app\n    username: app\n    password: ${v}\n`]; }],
  ['powershell-credential', 'Windows', 'raw', '', null, () => { const v = pw(); return [v, `$secure = ConvertTo-SecureString '${v}' -AsPlainText -Force\n$cred = New-Object System.Management.Automation.PSCredential('ACME\\svc_sql', $secure)\n`]; }],
  ['mysql-cli', 'MySQL', 'raw', '', null, () => { const v = pw(); return [v, `mysqldump -h db01.acme.local -u backup -p${v} --single-transaction shop | gzip > shop.sql.gz\n`]; }],
  ['sshpass-script', 'SSH', 'raw', '', null, () => { const v = pw(); return [v, `for h in web01 web02; do\n  sshpass -p '${v}' ssh -o StrictHostKeyChecking=no ops@$h uptime\ndone\n`]; }],
  ['wp-config-db-password', 'WordPress', 'raw', '', null, () => { const v = pw(); return [v, `define( 'DB_NAME', 'wordpress' );\ndefine( 'DB_USER', 'wp' );\ndefine( 'DB_PASSWORD', '${v}' );\ndefine( 'DB_HOST', 'localhost' );\n`]; }],
  ['django-settings-secret', 'Django', 'raw', '', null, () => { const v = make('{l:50}'); return [v, `SECRET_KEY = '${v}'\nDEBUG = False\n`]; }],
  ['yaml-anchor-openai', 'OpenAI', 'raw', '', null, () => { const v = make('sk-proj-{u:74}T3BlbkFJ{u:74}'); return [v, `defaults: &defaults\n  model: gpt-4o\n  api_key: ${v}\nproduction:\n  <<: *defaults\n`]; }],
  ['escaped-json-string', 'Slack', 'raw', '', null, () => { const v = make('xoxb-{d:12}-{d:13}-{A:24}'); return [v, `{"body": "{\\"token\\": \\"${v}\\", \\"channel\\": \\"C0123\\"}"}\n`]; }],
  ['markdown-curl', 'Mistral', 'raw', '', null, () => { const v = make('{A:32}'); return [v, "```bash\ncurl https://api.mistral.ai/v1/chat/completions \\\n  -H \"Authorization: Bearer " + v + "\" \\\n  -d '{\"model\": \"mistral-small-latest\"}'\n```\n"]; }],
  ['dockerfile-env', 'Replicate', 'raw', '', null, () => { const v = make('r8_{A:37}'); return [v, `FROM python:3.12-slim\nENV REPLICATE_API_TOKEN=${v}\nRUN pip install replicate\n`]; }],
  ['npmrc-scoped-registry', 'GitHub Packages', 'raw', '', null, () => { const v = make('{h:40}'); return [v, `@acme:registry=https://npm.pkg.github.com\n//npm.pkg.github.com/:_authToken=${v}\n`]; }],
  ['git-credentials', 'Git', 'raw', '', null, () => { const v = make('{A:40}'); return [v, `https://ci-bot:${v}@git.acme.local\n`]; }],
  ['pgpass', 'PostgreSQL', 'raw', '', null, () => { const v = pw(); return [v, `pg.acme.local:5432:app:etl:${v}\n`]; }],
];

// GitHub / npm checksum: CRC32 of the random part in 6 base62 digits.
function crc32(s) {
  let c = ~0;
  for (const ch of Buffer.from(s)) {
    c ^= ch;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}
const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
function crc62(s) {
  let n = crc32(s);
  let out = '';
  do {
    out = B62[n % 62] + out;
    n = Math.floor(n / 62);
  } while (n > 0);
  return out.padStart(6, '0');
}
const crc32hex = (s) => crc32(s).toString(16).padStart(8, '0');

const EXT = { env: '.env', yaml: '.yaml', sh: '.sh', json: '.json', py: '.py', tf: '.tf', raw: '.txt' };
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const planted = [];
for (const [stem, provider, kind, key, shape, fn] of F) {
  let secret, text;
  if (fn) {
    const r = fn();
    [secret, text] = Array.isArray(r) ? r : [r, CTX[kind](provider, key, r)];
  } else {
    secret = make(shape);
    text = CTX[kind](provider, key, secret);
  }
  const file = `${stem}${EXT[kind]}`;
  writeFileSync(join(out, file), text);
  planted.push({ file, format: stem, provider, secret });
}
writeFileSync(join(here, 'planted.json'), JSON.stringify({ note: 'Fake secrets planted for the recall benchmark; generated by make-recall.mjs.', sha256: createHash('sha256').update(JSON.stringify(planted)).digest('hex').slice(0, 16), planted }, null, 1) + '\n');
console.log(`${planted.length} files in ${out}`);
