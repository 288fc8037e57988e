// Helm/Go templates are not YAML. Blanking every `{{ ... }}` action with spaces of the same
// length (newlines kept) leaves the YAML around it parseable while every offset, line and
// column stays where it was in the original file, so parse results map back exactly.
const ACTION = /\{\{[\s\S]*?\}\}/g;

export function hasTemplateActions(text: string): boolean {
  return text.includes('{{');
}

export function blankTemplates(text: string): string {
  if (!hasTemplateActions(text)) return text;
  return text.replace(ACTION, (m) => m.replace(/[^\n\r]/g, ' '));
}
