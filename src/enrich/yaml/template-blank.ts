// Helm/Go templates are not YAML. Blanking every `{{ ... }}` action with spaces of the same
// length (newlines kept) leaves the YAML around it parseable while every offset, line and
// column stays where it was in the original file, so parse results map back exactly.

export function hasTemplateActions(text: string): boolean {
  return text.includes('{{');
}

/**
 * One forward pass with indexOf: an unclosed `{{` ends the blanking instead of making every
 * later `{{` search to the end of the file again (a lazy regex did, quadratically).
 */
export function blankTemplates(text: string): string {
  if (!hasTemplateActions(text)) return text;
  const parts: string[] = [];
  let at = 0;
  for (let open = text.indexOf('{{'); open !== -1; open = text.indexOf('{{', at)) {
    const close = text.indexOf('}}', open + 2);
    if (close === -1) break;
    parts.push(text.slice(at, open), text.slice(open, close + 2).replace(/[^\n\r]/g, ' '));
    at = close + 2;
  }
  parts.push(text.slice(at));
  return parts.join('');
}
