/**
 * What kind of service a rule's provider is: the `category:` of a detector file. A registry,
 * so rule listings, reports and policies can group by it and a typo in a rule file is an error.
 */
export const CATEGORIES = {
  ai: 'AI and machine-learning APIs',
  analytics: 'product analytics and event collection',
  automation: 'workflow automation',
  ci: 'continuous integration and delivery',
  cloud: 'cloud and hosting platforms',
  cms: 'content management',
  'command-line': 'passwords and tokens passed on command lines (any tool)',
  'config-file': 'credentials in tool configuration files (any provider)',
  'connection-string': 'credentials in connection strings and URLs (any service)',
  crm: 'customer relationship management',
  crypto: 'private keys and encryption identities',
  'customer-support': 'help desks and customer support',
  data: 'data platforms and warehouses',
  database: 'managed databases',
  design: 'design tools',
  devtools: 'developer tools and platforms',
  ecommerce: 'e-commerce platforms',
  email: 'email delivery',
  generic: 'provider-less secrets found by their assignment and randomness',
  identity: 'identity and access management',
  infrastructure: 'infrastructure as code and orchestration',
  maps: 'maps and geodata',
  media: 'media, video and streaming',
  messaging: 'chat, SMS, voice and push messaging',
  observability: 'monitoring, logging, tracing and alerting',
  'package-registry': 'package and container registries',
  'password-hash': 'password hashes (crackable offline)',
  payment: 'payments and finance',
  productivity: 'project management and productivity',
  search: 'search services',
  'secrets-manager': 'secrets managers and vaults',
  security: 'security tools and scanners',
  shipping: 'shipping and logistics',
  social: 'social networks and their developer APIs',
  storage: 'file storage and sharing',
  'token-format': 'provider-neutral token formats (JWT)',
  travel: 'travel booking',
  vcs: 'source hosting and version control',
} as const;

export type Category = keyof typeof CATEGORIES;

export function isCategory(s: string): s is Category {
  return Object.prototype.hasOwnProperty.call(CATEGORIES, s);
}

/** Files without a `category:` (user catalogues written before it existed). */
export const UNCATEGORISED = 'uncategorised';
