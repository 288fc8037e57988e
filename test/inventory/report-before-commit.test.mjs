// The inventory records a run only once its report is written: a run whose report cannot be
// written leaves no trace, so the next run still calls its credentials new.
import t from 'tap';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from '../helpers/cli.mjs';
import { seededToken } from '../helpers/tokens.mjs';

const dir = tempDir();
mkdirSync(join(dir, 'app'));
writeFileSync(join(dir, 'app', '.env'), `GITHUB_TOKEN=${seededToken('inventory-order')}\n`);
const db = join(tempDir(), 'inventory.db');

const failed = runCli(['scan', 'dir', dir, '--threads', '0', '--db', db, '-o', join(dir, 'no-such-folder', 'report.json')]);
t.equal(failed.code, 2, 'an unwritable report is an error');
t.match(failed.stderr, /cannot write the report to '.*report\.json'/);

const next = runCli(['scan', 'dir', dir, '--threads', '0', '--db', db, '--fail-on', 'new', '-f', 'json']);
t.equal(next.code, 1, '--fail-on new still fails');
t.equal(JSON.parse(next.stdout).inventory.new.length, 1, 'the credential is new: the failed run recorded nothing');
