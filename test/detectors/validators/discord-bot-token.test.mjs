import t from 'tap';
import { discordBotToken } from '../../../dist/detectors/validators/discord-bot-token.js';

const id = Buffer.from('1184471928360147066').toString('base64url');

t.test('accepts a token whose first part is a base64 snowflake', async (t) => {
  t.equal(discordBotToken(`${id}.GkV2pQ.Tz7mW4xR1nB8yL0cJ5vH3dS9fK6gA2qE7uI4oP1`).valid, true);
});

t.test('rejects a first part that is not a snowflake', async (t) => {
  const notId = Buffer.from('hello-world-not-an-id').toString('base64url').slice(0, 24);
  t.equal(discordBotToken(`${notId}.GkV2pQ.Tz7mW4xR1nB8yL0cJ5vH3dS9fK6gA2qE7uI4oP1`).valid, false);
  t.equal(discordBotToken(`${Buffer.from('12345').toString('base64url')}.GkV2pQ.Tz7mW4xR1nB8yL0cJ5vH3dS9fK6gA2qE`).valid, false);
});

t.test('rejects tokens without three parts', async (t) => {
  t.equal(discordBotToken(`${id}.GkV2pQ`).valid, false);
});
