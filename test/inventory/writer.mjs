// Child process for the concurrency test: records many runs into one inventory file.
import { Inventory } from '../../dist/inventory/inventory.js';

const [file, who, runs] = process.argv.slice(2);
const inv = Inventory.open(file);
for (let i = 0; i < Number(runs); i++) {
  const creds = Array.from({ length: 20 }, (_, k) => ({
    fingerprint: `${who}-${k}`,
    ruleId: 'r',
    provider: 'p',
    preview: 'x…y (9 chars)',
    severity: 'high',
    flags: [],
    live: k % 2 === 0 || i === 0,
    places: [{ context: `repo:${who}`, live: k % 2 === 0 || i === 0 }],
    findings: [],
    contexts: [],
    reasons: {},
  }));
  inv.record(`git:${who}`, creds, new Date(Date.UTC(2025, 0, 1 + i)));
  inv.setIssue(`${who}-0`, `acme/${who}`, i + 1);
}
inv.close();
