import type { Validator } from './types.js';
import { base62Crc32 } from './base62-crc32.js';
import { jwt } from './jwt.js';
import { privateKey } from './private-key.js';
import { withPairedCertificate } from './paired-certificate.js';
import { gitlabRoutable } from './gitlab-routable.js';
import { pypiMacaroon } from './pypi-macaroon.js';
import { gcpServiceAccount } from './gcp-service-account.js';
import { sentryOrgToken } from './sentry-org-token.js';
import { grafanaSaToken } from './grafana-sa-token.js';
import { grafanaCloudToken } from './grafana-cloud-token.js';
import { discordBotToken } from './discord-bot-token.js';
import { ageSecretKey } from './age-secret-key.js';
import { passwordHash, passwordHashMedium, passwordHashLow } from './password-hash.js';
import { bip32ExtendedKey } from './base58check.js';

import { urlCredentials, urlCredentialsGeneric, configPassword } from './url-credentials.js';

import { basicAuthBase64, base64Password, base64PrivateKey } from './basic-auth-base64.js';

import { genericAssignment } from './generic-assignment.js';
import { storedBase64Credential, storedCredential } from './stored-credential.js';

export type { Validator, ValidationResult } from './types.js';

/** Validators by the name a rule's `validate:` field uses. One file per validator. */
export const validators: Record<string, Validator> = {
  'github-checksum': base62Crc32,
  'npm-checksum': base62Crc32,
  jwt,
  'private-key': withPairedCertificate(privateKey),
  'gitlab-routable': gitlabRoutable,
  'pypi-macaroon': pypiMacaroon,
  'gcp-service-account': gcpServiceAccount,
  'sentry-org-token': sentryOrgToken,
  'grafana-sa-token': grafanaSaToken,
  'grafana-cloud-token': grafanaCloudToken,
  'discord-bot-token': discordBotToken,
  'age-secret-key': ageSecretKey,
  'password-hash': passwordHash,
  'password-hash-medium': passwordHashMedium,
  'password-hash-low': passwordHashLow,
  'bip32-extended-key': bip32ExtendedKey,
  'url-credentials': urlCredentials,
  'url-credentials-generic': urlCredentialsGeneric,
  'config-password': configPassword,
  'basic-auth-base64': basicAuthBase64,
  'base64-password': base64Password,
  'base64-private-key': base64PrivateKey,
  'generic-assignment': genericAssignment,
  'stored-credential': storedCredential,
  'stored-base64-credential': storedBase64Credential,
};
