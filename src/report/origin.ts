import type { Origin } from '../types.js';

/** A path-like location for a finding's origin: what a human or SARIF consumer can find. */
export function originPath(o: Origin): string {
  switch (o.kind) {
    case 'file':
    case 'git':
    case 'helm':
      return o.path;
    case 'image':
      return o.path;
    case 'image-config':
      return `<image config>/${o.field}`;
  }
}

/** One-line description of where a finding is. */
export function describeOrigin(o: Origin): string {
  switch (o.kind) {
    case 'file':
      return o.path;
    case 'git': {
      const c = o.commits[0];
      const more = (o.commitCount ?? o.commits.length) > 1 ? ` +${(o.commitCount ?? o.commits.length) - 1} more` : '';
      const where = c ? ` in ${c.commit.slice(0, 10)} by ${c.authorName} <${c.authorEmail}> on ${c.authorDate.slice(0, 10)}${more}` : '';
      return `${o.path}${where}${o.live === false ? ' [history only]' : ''}`;
    }
    case 'image':
      return `${o.image} layer ${o.layer.index} (${o.layer.digest.slice(0, 19)}) ${o.path}${o.deletedLater ? ` [hidden by layer ${o.hiddenBy ?? '?'}, still shipped]` : ''}`;
    case 'image-config':
      return `${o.image} config ${o.field}`;
    case 'helm':
      return `${o.chart}${o.version ? `@${o.version}` : ''} ${o.path}${o.environment ? ` [${o.environment}]` : ''}`;
  }
}
