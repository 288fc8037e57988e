import type { Finding } from '../types.js';

/** A dated fact about a credential and what it came from, in words. */
export interface DatedEvidence {
  date: string;
  what: string;
  /** Inside the credential (JWT claim, certificate validity) rather than where it was found. */
  embedded: boolean;
}

const day = (iso: string) => iso.slice(0, 10);

/** Dates of where a finding sits: commits that introduced it, the layer or config that holds it, the chart. */
export function locationDates(f: Finding): DatedEvidence[] {
  const o = f.origin;
  switch (o.kind) {
    case 'git':
      return o.commits.filter((c) => valid(c.authorDate)).map((c) => ({ date: iso(c.authorDate), what: `commit ${c.commit.slice(0, 10)} in ${o.repo} (${c.path}) authored ${day(iso(c.authorDate))}`, embedded: false }));
    case 'image':
      return valid(o.layer.created) ? [{ date: iso(o.layer.created!), what: `layer ${o.layer.index} of ${o.image} created ${day(iso(o.layer.created!))}`, embedded: false }] : [];
    case 'image-config':
      return valid(o.created) ? [{ date: iso(o.created!), what: `config of ${o.image} (${o.field}) created ${day(iso(o.created!))}`, embedded: false }] : [];
    case 'helm': {
      // Chart packaging date, when the Helm source records one.
      const created = (o as { created?: string }).created;
      return valid(created) ? [{ date: iso(created!), what: `chart ${o.chart}${o.version ? `@${o.version}` : ''} packaged ${day(iso(created!))}`, embedded: false }] : [];
    }
    case 'file':
      return [];
  }
}

/** Dates carried by the credential itself: issued-at and not-before (JWT iat/nbf, certificate notBefore). */
export function embeddedDates(f: Finding): DatedEvidence[] {
  const out: DatedEvidence[] = [];
  const d = f.dates;
  if (!d) return out;
  const cert = f.ruleId.startsWith('private-key');
  if (valid(d.issuedAt)) out.push({ date: iso(d.issuedAt!), what: `issued-at (iat) claim ${day(iso(d.issuedAt!))}`, embedded: true });
  if (valid(d.notBefore))
    out.push({ date: iso(d.notBefore!), what: cert ? `paired certificate valid from ${day(iso(d.notBefore!))}` : `not-before (nbf) ${day(iso(d.notBefore!))}`, embedded: true });
  return out;
}

function valid(s: string | undefined): boolean {
  return !!s && !Number.isNaN(Date.parse(s));
}
function iso(s: string): string {
  return new Date(s).toISOString();
}
