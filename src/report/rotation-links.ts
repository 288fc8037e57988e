// Where each provider documents revoking and rotating a credential. Data, not behaviour:
// SARIF help, issue remediation and the text report look a rule up here and say nothing
// provider-specific when it has no entry. Keys are rule ids or rule-id prefixes (ending in
// `-`); the longest key that matches a rule id wins.

export interface RotationLink {
  /** The provider's page on revoking or rotating this kind of credential. */
  url: string;
  /** What the page is, for link text. */
  title: string;
}

export const ROTATION_LINKS: Record<string, RotationLink> = {
  'aws-': { url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html', title: 'AWS: manage and rotate IAM access keys' },
  'github-': { url: 'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/token-expiration-and-revocation', title: 'GitHub: token expiration and revocation' },
  'github-oauth-client-secret': { url: 'https://docs.github.com/en/apps/oauth-apps/maintaining-oauth-apps/modifying-an-oauth-app', title: 'GitHub: reset an OAuth app client secret' },
  'gitlab-': { url: 'https://docs.gitlab.com/user/profile/personal_access_tokens/', title: 'GitLab: revoke or rotate an access token' },
  'gcp-': { url: 'https://cloud.google.com/iam/docs/keys-create-delete', title: 'Google Cloud: delete a service account key' },
  'gcp-api-key': { url: 'https://cloud.google.com/docs/authentication/api-keys', title: 'Google Cloud: manage API keys' },
  'azure-storage-': { url: 'https://learn.microsoft.com/azure/storage/common/storage-account-keys-manage', title: 'Azure: rotate storage account access keys' },
  'azure-devops-': { url: 'https://learn.microsoft.com/azure/devops/organizations/accounts/use-personal-access-tokens-to-authenticate', title: 'Azure DevOps: revoke a personal access token' },
  'azure-ad-client-secret': { url: 'https://learn.microsoft.com/entra/identity-platform/how-to-add-credentials', title: 'Microsoft Entra: replace an app client secret' },
  'slack-': { url: 'https://api.slack.com/authentication/rotation', title: 'Slack: token rotation' },
  'stripe-': { url: 'https://docs.stripe.com/keys', title: 'Stripe: roll API keys' },
  'npm-': { url: 'https://docs.npmjs.com/revoking-access-tokens', title: 'npm: revoke access tokens' },
  'pypi-': { url: 'https://pypi.org/help/#apitoken', title: 'PyPI: API tokens' },
  'openai-': { url: 'https://platform.openai.com/api-keys', title: 'OpenAI: API keys' },
  'anthropic-': { url: 'https://console.anthropic.com/settings/keys', title: 'Anthropic Console: API keys' },
  'huggingface-': { url: 'https://huggingface.co/docs/hub/security-tokens', title: 'Hugging Face: user access tokens' },
  'twilio-': { url: 'https://www.twilio.com/docs/iam/api-keys', title: 'Twilio: API keys and auth tokens' },
  'sendgrid-': { url: 'https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys', title: 'SendGrid: API keys' },
  'digitalocean-': { url: 'https://docs.digitalocean.com/reference/api/create-personal-access-token/', title: 'DigitalOcean: personal access tokens' },
  'docker-hub-': { url: 'https://docs.docker.com/security/for-developers/access-tokens/', title: 'Docker Hub: access tokens' },
  'datadog-': { url: 'https://docs.datadoghq.com/account_management/api-app-keys/', title: 'Datadog: API and application keys' },
  'sentry-': { url: 'https://docs.sentry.io/account/auth-tokens/', title: 'Sentry: auth tokens' },
  'cloudflare-': { url: 'https://developers.cloudflare.com/fundamentals/api/how-to/roll-token/', title: 'Cloudflare: roll an API token' },
  'heroku-': { url: 'https://devcenter.heroku.com/articles/authentication', title: 'Heroku: API authentication and token revocation' },
  'vault-': { url: 'https://developer.hashicorp.com/vault/docs/commands/token/revoke', title: 'Vault: revoke a token' },
};

/** The rotation page for a rule id, if the registry has one. */
export function rotationLink(ruleId: string): RotationLink | undefined {
  let best: string | undefined;
  for (const key of Object.keys(ROTATION_LINKS)) {
    const hit = key.endsWith('-') ? ruleId.startsWith(key) : ruleId === key;
    if (hit && (!best || key.length > best.length)) best = key;
  }
  return best ? ROTATION_LINKS[best] : undefined;
}
