import type { Validator } from './types.js';

/**
 * Discord bot tokens are three dot-separated base64url parts; the first is the bot's user
 * id (a snowflake: 17-20 decimal digits) in base64 without padding. A first part that does
 * not decode to a snowflake is some other dotted string.
 */
export const discordBotToken: Validator = (secret) => {
  const parts = secret.split('.');
  if (parts.length !== 3) return { valid: false };
  const id = Buffer.from(parts[0], 'base64url').toString('latin1');
  if (!/^[1-9][0-9]{16,19}$/.test(id)) return { valid: false };
  return { valid: true };
};
