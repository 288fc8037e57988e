import OpenAI from 'openai';

// Summariser used by the nightly digest job.
const client = new OpenAI({ apiKey: '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' });

export async function summarise(text) {
  const r = await client.responses.create({ model: 'gpt-4.1-mini', input: text });
  return r.output_text;
}
