import type { RuleSpec } from '../detectors/rule.js';
import { hostsOf, verifiersOf, type Verifier } from './spec.js';

// The README's "what --verify sends where" table, made from the verifiers themselves, so the
// documentation is what the code does (test/verify/readme-table.test.mjs compares them).

const cell = (s: string) => s.replace(/\|/g, '\\|');

function sends(v: Verifier): string {
  switch (v.kind) {
    case 'aws-sigv4':
      return 'POST `/` `Action=GetCallerIdentity`, signed with SigV4: the key ID in `Authorization`, the secret only as the signature';
    case 'google-service-account':
      return 'GET `/service_accounts/v1/metadata/x509/CLIENT_EMAIL`: nothing secret (the public list of the account\'s active keys)';
    case 'network-service':
      return v.service === 'redis' ? '`AUTH user password` over TLS (rediss:// only), to the host and port the URL names' : `nothing: needs a ${v.service} driver credsweep does not ship (unknown)`;
    case 'http':
      return v.requests
        .map((r) => {
          const path = r.url.replace(/^https:\/\/[^/]+/, '');
          const where = Object.entries(r.headers).find(([, t]) => t.includes('{{secret}}'));
          const how = r.basic ? `Basic auth (${r.basic.map((x) => (x === '{{secret}}' ? 'the value' : x === '{{paired}}' ? 'the paired ID' : x.replace(/\{\{ctx\.(\w+)\}\}/, 'the $1 beside it') || 'empty')).join(' : ')})` : where ? `\`${where[0]}: ${where[1].replace('{{secret}}', 'VALUE')}\`` : 'no value';
          return `${r.method} \`${path}\` with ${how}`;
        })
        .filter((x, i, a) => a.indexOf(x) === i)
        .join('; ');
  }
}

/** One row per verifier: rule, host(s), what is sent, where it is documented. */
export function verifiersTable(rules: RuleSpec[]): string {
  const lines = ['| rule | host | sends | documented at |', '|---|---|---|---|'];
  for (const v of [...verifiersOf(rules).values()].sort((a, b) => a.ruleId.localeCompare(b.ruleId))) {
    lines.push(`| \`${v.ruleId}\` | ${hostsOf(v).map((h) => `\`${h}\``).join(', ')} | ${cell(sends(v))} | ${v.docs} |`);
  }
  return lines.join('\n');
}
