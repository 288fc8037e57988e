// The only hosts --verify may send a credential to: each provider's documented API host. A
// verifier in a rule file (shipped or given with --rules) naming any other host is refused when
// the catalogue's verifiers load, and every request is checked against this list again right
// before it connects. `*.` stands for exactly one DNS label (a shop, a site).
export const DOCUMENTED_HOSTS: readonly string[] = [
  'api.github.com',
  'gitlab.com',
  'registry.npmjs.org',
  'sts.amazonaws.com',
  'generativelanguage.googleapis.com',
  'www.googleapis.com',
  'slack.com',
  'api.stripe.com',
  'api.twilio.com',
  'api.sendgrid.com',
  'api.mailgun.net',
  'api.eu.mailgun.net',
  'api.openai.com',
  'api.anthropic.com',
  'api.datadoghq.com',
  'api.us3.datadoghq.com',
  'api.us5.datadoghq.com',
  'api.datadoghq.eu',
  'api.ap1.datadoghq.com',
  'sentry.io',
  '*.myshopify.com',
  'huggingface.co',
  'api.digitalocean.com',
  'api.heroku.com',
  'api.atlassian.com',
  '*.atlassian.net',
];

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export function hostAllowed(host: string): boolean {
  const h = host.toLowerCase();
  return DOCUMENTED_HOSTS.some((p) => {
    if (!p.startsWith('*.')) return h === p;
    const rest = p.slice(1);
    return h.endsWith(rest) && LABEL.test(h.slice(0, -rest.length));
  });
}
