// Credential-store and framework secret files, recognised by name: the one registry.
// A rule that lists `fileFormats:` runs on every file of those formats (no keyword needed: the
// file name says what it holds) and only there; every finding in such a file names its
// format (`fileFormat`). The README's table of formats is rendered from this list.

export interface FileFormat {
  id: string;
  /** The file as people call it. */
  name: string;
  /** Relative, `/`-separated paths of this format (case-insensitive). */
  path: RegExp;
  /** A path of this format, for examples and tests. */
  sample: string;
  /** What credentials it holds, in words (README). */
  holds: string;
}

export const FILE_FORMATS: readonly FileFormat[] = [
  { id: 'netrc', name: '.netrc', path: /(^|\/)[._]netrc$/i, sample: 'home/ci/.netrc', holds: '`password` of every `machine` entry' },
  { id: 'pgpass', name: '.pgpass', path: /(^|\/)(\.pgpass|pgpass\.conf)$/i, sample: 'home/ci/.pgpass', holds: 'the password field of every `host:port:db:user:password` line' },
  { id: 'git-credentials', name: '.git-credentials', path: /(^|\/)(\.git-credentials|git\/credentials)$/i, sample: 'home/ci/.git-credentials', holds: 'the password of every stored `https://user:password@host` URL' },
  { id: 'npmrc', name: '.npmrc', path: /(^|\/)\.?npmrc$/i, sample: 'home/ci/.npmrc', holds: '`_authToken`, `_auth` (base64 user:password), `_password`' },
  { id: 'yarnrc', name: '.yarnrc.yml', path: /(^|\/)\.yarnrc\.ya?ml$/i, sample: 'app/.yarnrc.yml', holds: '`npmAuthToken`, `npmAuthIdent`' },
  { id: 'pypirc', name: '.pypirc / pip.conf', path: /(^|\/)(\.pypirc|pip\.conf|pip\.ini)$/i, sample: 'home/ci/.pypirc', holds: '`password` of every index section; credentials in `index-url`' },
  { id: 'docker-config', name: 'Docker config.json / .dockercfg', path: /(^|\/)(\.docker\/config\.json|\.dockercfg|containers\/auth\.json)$/i, sample: 'home/ci/.docker/config.json', holds: '`auths.*.auth` (base64 user:password), `identitytoken`, `registrytoken`' },
  { id: 'kubeconfig', name: 'kubeconfig', path: /(^|\/)(\.kube\/config|kubeconfig[^/]*|[^/]+\.kubeconfig)$/i, sample: 'home/ci/.kube/config', holds: 'user `token`, `password`, `client-key-data`' },
  { id: 'aws-credentials', name: 'AWS credentials / config', path: /(^|\/)\.aws\/(credentials|config)$/i, sample: 'home/ci/.aws/credentials', holds: '`aws_secret_access_key`, `aws_session_token` of every profile' },
  { id: 's3cfg', name: '.s3cfg', path: /(^|\/)\.?s3cfg$/i, sample: 'home/ci/.s3cfg', holds: '`secret_key`, `access_token`, `gpg_passphrase`' },
  { id: 'rclone', name: 'rclone.conf', path: /(^|\/)rclone\.conf$/i, sample: 'home/ci/.config/rclone/rclone.conf', holds: '`pass`, `password2` (obscured, reversible), `secret_access_key`, `client_secret`, `token`, `key`, `account_key`, `sas_url`' },
  { id: 'htpasswd', name: 'htpasswd', path: /(^|\/)\.?htpasswd[^/]*$/i, sample: 'etc/nginx/.htpasswd', holds: 'every `user:hash` line (hashes crack offline; plain-text entries too)' },
  { id: 'shadow', name: '/etc/shadow', path: /(^|\/)(etc\/)?g?shadow-?$/i, sample: 'etc/shadow', holds: 'every password hash (`$1$`, `$5$`, `$6$`, `$y$`, `$2b$`...)' },
  { id: 'wp-config', name: 'wp-config.php', path: /(^|\/)wp-config[^/]*\.php$/i, sample: 'var/www/html/wp-config.php', holds: '`DB_PASSWORD` and the eight auth keys and salts' },
  { id: 'rails-credentials', name: 'Rails master key / secrets', path: /(^|\/)config\/(master\.key|credentials\/[^/]+\.key|secrets\.ya?ml)$/i, sample: 'app/config/master.key', holds: '`config/master.key` (decrypts `credentials.yml.enc`), `secret_key_base`' },
  { id: 'rails-database', name: 'Rails database.yml / mongoid.yml', path: /(^|\/)config\/(database|mongoid)\.ya?ml$/i, sample: 'app/config/database.yml', holds: '`password:` of every environment' },
  { id: 'spring-config', name: 'Spring application.properties / .yml', path: /(^|\/)(application|bootstrap)([-_][\w.-]+)?\.(properties|ya?ml)$/i, sample: 'src/main/resources/application.properties', holds: 'every `*password*`, `*secret*`, `*credentials*` property' },
  { id: 'maven-settings', name: 'Maven settings.xml', path: /(^|\/)settings(-security)?\.xml$/i, sample: 'home/ci/.m2/settings.xml', holds: '`<password>`, `<passphrase>` of every server; the master password' },
  { id: 'nuget-config', name: 'NuGet.Config', path: /(^|\/)nuget\.config$/i, sample: 'NuGet.Config', holds: '`ClearTextPassword`, `Password` of every package source' },
  { id: 'terraform-tfvars', name: 'terraform.tfvars', path: /\.tfvars(\.json)?$/i, sample: 'infra/terraform.tfvars', holds: 'every variable named like a password, secret, token or key' },
  { id: 'dotenv', name: '.env', path: /(^|\/)(\.env(\.[\w-]+)*|[\w-]+\.env)$/i, sample: 'app/.env', holds: 'every variable named like a password, secret, token, key or credential' },
  { id: 'django-settings', name: 'Django settings.py', path: /(^|\/)settings(\/[\w-]+)?\.py$|(^|\/)settings_[\w-]+\.py$/i, sample: 'mysite/settings.py', holds: '`SECRET_KEY`, `PASSWORD` of every database' },
];

const BY_ID = new Map(FILE_FORMATS.map((f) => [f.id, f]));
const cache = new Map<string, FileFormat | null>();

export function fileFormat(id: string): FileFormat | undefined {
  return BY_ID.get(id);
}

/** The credential-store format of a path, if it is one. */
export function formatOfPath(path: string | undefined): FileFormat | undefined {
  if (!path) return undefined;
  let f = cache.get(path);
  if (f === undefined) {
    f = FILE_FORMATS.find((x) => x.path.test(path)) ?? null;
    if (cache.size > 10000) cache.clear();
    cache.set(path, f);
  }
  return f ?? undefined;
}

/** README table of the formats, one row each. */
export function formatsMarkdown(): string {
  const rows = FILE_FORMATS.map((f) => `| \`${f.id}\` | ${f.name} | ${f.holds} |`);
  return ['| format | file | credentials reported |', '|---|---|---|', ...rows].join('\n');
}
