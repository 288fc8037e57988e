import picomatch from 'picomatch';
import type { Finding, Origin } from '../types.js';
import type { ContextKind, Policy } from '../policy/types.js';

/** Repository, image or chart name without the tag/digest/version: tags of one image are one context over time. */
export function imageName(ref: string): string {
  const noDigest = ref.split('@')[0];
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > slash ? noDigest.slice(0, colon) : noDigest;
}

/** The place an origin belongs to, before environments: `repo:…`, `image:…`, `chart:…`, `dir:…`. */
export function containerOf(o: Origin): { kind: ContextKind; label: string } {
  switch (o.kind) {
    case 'git':
      return { kind: 'repo', label: `repo:${o.repo}` };
    case 'image':
    case 'image-config':
      return { kind: 'image', label: `image:${imageName(o.image)}` };
    case 'helm':
      return { kind: 'chart', label: `chart:${o.chart}` };
    case 'file':
      return { kind: 'dir', label: `dir:${o.root ?? '.'}` };
  }
}

/** Every path the origin holds the secret at (a git blob may sit at several). */
export function originPaths(o: Origin): string[] {
  if (o.kind === 'image-config') return [];
  if (o.kind === 'git') return [...new Set([o.path, ...o.commits.map((c) => c.path)])];
  return [o.path];
}

export type EnvironmentOf = (f: Finding) => string | undefined;

/**
 * Environment of a finding: the first policy pattern that matches one of its paths, else a
 * Helm values file's own environment. `values.yaml` (`default`) names no environment: it is
 * the chart's baseline, not a deployment.
 */
export function environmentResolver(policy: Policy): EnvironmentOf {
  const matchers = policy.environments.map((e) => ({ name: e.name, test: picomatch(e.patterns, { dot: true }) }));
  return (f) => {
    const paths = originPaths(f.origin);
    for (const m of matchers) if (paths.some((p) => m.test(p))) return m.name;
    if (f.origin.kind === 'helm' && f.origin.environment && f.origin.environment !== 'default') return f.origin.environment;
    return undefined;
  };
}

/** Context label of one finding, honouring which kinds count (policy `contexts`). Undefined: counts as none. */
export function contextOf(f: Finding, policy: Policy, envOf: EnvironmentOf): string | undefined {
  const c = containerOf(f.origin);
  const env = policy.contexts.includes('environment') ? envOf(f) : undefined;
  const base = policy.contexts.includes(c.kind) ? c.label : undefined;
  if (base && env) return `${base} env:${env}`;
  if (env) return `env:${env}`;
  return base;
}

/**
 * Distinct contexts of a credential. Within one container, an environment-less place does not
 * add a context when environments are present (a baseline `values.yaml` beside `values-prod.yaml`).
 */
export function distinctContexts(labels: Array<string | undefined>): string[] {
  const set = new Set(labels.filter((l): l is string => !!l));
  for (const l of [...set]) {
    if (!l.includes(' env:') && [...set].some((o) => o.startsWith(`${l} env:`))) set.delete(l);
  }
  return [...set].sort();
}
