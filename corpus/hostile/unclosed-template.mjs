// Case 12: a *.yaml file full of `{{` that never close, with a real token in a plain value.
// A lazy `{{[\s\S]*?}}` search tries every `{{` against the rest of the file.
import { realToken } from './fake-token.mjs';

export const SECRET_SEED = 'hostile-unclosed-template';

export function unclosedTemplate(bytes) {
  const head = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  token: ${realToken(SECRET_SEED)}\n`;
  const line = '  note: {{ .Values.unfinished\n';
  const n = Math.max(1, Math.ceil((bytes - head.length) / line.length));
  return Buffer.from(head + line.repeat(n));
}

export const secret = () => realToken(SECRET_SEED);
