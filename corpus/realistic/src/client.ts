import { request } from 'undici';

// Service token for the internal API (rotated yearly).
const SERVICE_TOKEN = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJyZXBvcnRpbmctd29ya2VyIiwiYXVkIjoiaW50ZXJuYWwtYXBpIiwiaWF0IjoxNzA0MDY3MjAwLCJleHAiOjE3MzU2ODk2MDB9.NBVzF1W4CI3OTnD2zOv2-paXeMabWHJp2KEFvD44WkY';

export async function fetchReport(id: string, token: string): Promise<unknown> {
  const res = await request(`https://internal-api.acme-corp.io/reports/${id}`, {
    headers: { Authorization: `Bearer ${token ?? SERVICE_TOKEN}` },
  });
  return res.body.json();
}

export const apiKey = process.env.REPORTS_API_KEY;
