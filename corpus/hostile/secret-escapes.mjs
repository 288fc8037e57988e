// Inputs that try to get a secret printed somewhere other than as a finding's preview:
// as a YAML key (it lands in yamlPath), inside an image's build history, in a clone URL, and
// file names that carry workflow commands or terminal escapes. Every secret is fake, made here.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Writes `files` ({ path: text }) under `root`. */
export function writeTree(root, files) {
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), text);
  }
  return root;
}

/** A folder whose YAML uses a token as a mapping key, and whose file names inject. */
export function hostileFolder(root, { token, token2 }) {
  return writeTree(root, {
    'config/access.yaml': `allowed_tokens:\n  ${token}: admin\n  other: reader\n`,
    // A name that would end the current log line and issue a workflow command.
    'a\n::stop-commands::pwned\nb.env': `TOKEN=${token2}\n`,
    // A name that would clear the terminal line and recolour it.
    'x\u001b[2K\u001b]0;owned\u0007.env': `TOKEN=${token2}\n`,
  });
}

/** An image config whose build history carries credentials (build args, curl -u, a token). */
export function leakyHistory({ token, password }) {
  return [
    { created: '2024-01-01T00:00:00Z', created_by: '/bin/sh -c #(nop) ADD file:abc in / ' },
    { created: '2024-01-02T00:00:00Z', created_by: `/bin/sh -c DB_PASSWORD=${password} ./migrate && curl -u admin:${password} https://repo.example/x`, empty_layer: true },
    { created: '2024-01-03T00:00:00Z', created_by: `/bin/sh -c echo ${token} > /dev/null` },
  ];
}
