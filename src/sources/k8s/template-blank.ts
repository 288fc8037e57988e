// Helm/Go templates are not YAML. Blanking every `{{ ... }}` action with spaces of the same
// length (newlines kept) leaves the YAML around it parseable while every offset, line and
// column stays where it was in the original file, so parse results map back exactly.

export function hasTemplateActions(text: string): boolean {
  return text.includes('{{');
}

/**
 * Each `{{` up to the first `}}` after it (what `/\{\{[\s\S]*?\}\}/g` matches), found with
 * two forward searches that never go back: a lazy regex retries the rest of the file from
 * every `{{` that has no `}}`, which is quadratic (a 2 MB values file took minutes). Once
 * one `{{` has no `}}` after it, none after it has either.
 */
export function blankTemplates(text: string): string {
  if (!hasTemplateActions(text)) return text;
  const parts: string[] = [];
  let done = 0;
  for (let open = text.indexOf('{{'); open >= 0; open = text.indexOf('{{', done)) {
    const close = text.indexOf('}}', open + 2);
    if (close < 0) break;
    parts.push(text.slice(done, open), text.slice(open, close + 2).replace(/[^\n\r]/g, ' '));
    done = close + 2;
  }
  if (done === 0) return text;
  parts.push(text.slice(done));
  return parts.join('');
}
