import t from 'tap';
import { parseSize, parseDays } from '../dist/util/size.js';

t.equal(parseSize('512KB'), 512 * 1024);
t.equal(parseSize('200MB'), 200 * 1024 * 1024);
t.equal(parseSize('2GB'), 2 * 1024 ** 3);
t.equal(parseSize('1.5m'), 1.5 * 1024 * 1024);
t.equal(parseSize('4096'), 4096);
t.throws(() => parseSize('ten'), /invalid size 'ten'/);
t.throws(() => parseSize('5XB'), /invalid size/);
t.equal(parseDays('90d'), 90);
t.equal(parseDays('2w'), 14);
t.equal(parseDays('1y'), 365);
t.throws(() => parseDays('soon'), /invalid duration/);
