// Hand-built findings with git, image and Helm origins, for the pure hygiene functions.
let n = 0;

export function finding(origin, extra = {}) {
  n++;
  return {
    kind: 'rule',
    ruleId: 'github-pat-classic',
    ruleName: 'GitHub personal access token (classic)',
    provider: 'github',
    confidence: 'high',
    validated: true,
    origin,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 41,
    fingerprint: 'fp-a',
    preview: 'ghp_…Xy (40 chars)',
    secretLength: 40,
    ...extra,
  };
}

export function commit(date, path = 'config.env', sha) {
  return { commit: sha ?? `c${String(++n).padStart(39, '0')}`, authorName: 'Dev', authorEmail: 'dev@example.test', authorDate: date, commitDate: date, path };
}

export const git = (repo, path, commits, live = true, blob = `b-${repo}-${path}-${commits[0]?.commit}`) => ({ kind: 'git', repo, blob, path, commits, live });
export const image = (ref, path, created, index = 1, deletedLater = false, extra = {}) => ({
  kind: 'image',
  image: ref,
  layer: { index, digest: `sha256:${String(index).repeat(8)}${ref.length}`, created },
  path,
  deletedLater,
  ...extra,
});
export const imageConfig = (ref, field, created) => ({ kind: 'image-config', image: ref, field, created });
export const helm = (chart, path, environment, version = '1.0.0') => ({ kind: 'helm', chart, version, path, environment });
export const file = (path) => ({ kind: 'file', path });

export const NOW = new Date('2025-06-01T00:00:00Z');
