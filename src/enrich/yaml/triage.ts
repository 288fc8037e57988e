// Which YAML files need parsing before the engine's findings are known. Parsing is the
// expensive part of the YAML stage (issue 15: most of a folder scan's time went to it), and
// the hygiene rules can only fire where the text names what they look at. These checks are
// deliberately loose (a false "maybe" costs one parse, a false "no" would lose findings):
// every document `analyseManifest` can report on passes them.

/** `kind: Secret` somewhere: its `data` must be decoded and scanned while the scan runs. */
const SECRET_KIND = /\bkind['"]?\s*:\s*['"]?Secret\b/;
/** `kind: ConfigMap` somewhere. */
const CONFIGMAP_KIND = /\bkind['"]?\s*:\s*['"]?ConfigMap\b/;
/** A key `analyseManifest` reads env lists from (`env`, `extraEnv`, `extraEnvVars`, `initEnv`), any case. */
const ENV_KEY = /(?:^|[^A-Za-z0-9_])(?:env|extraenv|extraenvvars|initenv)['"]?[ \t]*:/im;

export interface YamlTriage {
  /** Holds Secret data to decode now: parse while scanning. */
  secretData: boolean;
  /** May hold any hygiene finding: parse once in `finish`, findings or not. */
  hygiene: boolean;
}

/**
 * Latin-1 decoding is a byte copy, and every marker sought is ASCII: no UTF-8 decode of
 * files that turn out to need nothing.
 */
export function triage(data: Buffer): YamlTriage {
  const hasSecret = data.indexOf('Secret') !== -1;
  const hasConfigMap = data.indexOf('ConfigMap') !== -1;
  const text = data.toString('latin1');
  const secretData = hasSecret && SECRET_KIND.test(text);
  const hygiene = secretData || (hasConfigMap && CONFIGMAP_KIND.test(text)) || ENV_KEY.test(text);
  return { secretData, hygiene };
}
