import t from 'tap';
import { setTimeout as sleep } from 'node:timers/promises';
import { readAhead } from '../../dist/util/read-ahead.js';

t.test('items arrive in order, and the producer runs ahead while the consumer waits, within the bound', async (t) => {
  let produced = 0;
  async function* source() {
    for (let i = 0; i < 50; i++) {
      produced++;
      yield i;
    }
  }
  const got = [];
  let maxAhead = 0;
  for await (const x of readAhead(source(), 10, () => 1)) {
    got.push(x);
    await sleep(1);
    maxAhead = Math.max(maxAhead, produced - got.length);
  }
  t.same(got, Array.from({ length: 50 }, (_, i) => i));
  t.ok(maxAhead >= 5, `producer ran ahead (${maxAhead})`);
  t.ok(maxAhead <= 11, `but no more than the bound allows (${maxAhead})`);
});

t.test('a producer error reaches the consumer after the items before it', async (t) => {
  async function* source() {
    yield 1;
    yield 2;
    throw new Error('git died');
  }
  const got = [];
  await t.rejects(async () => {
    for await (const x of readAhead(source(), 100, () => 1)) got.push(x);
  }, /git died/);
  t.same(got, [1, 2]);
});

t.test('a consumer that stops early ends the producer (its finally runs)', async (t) => {
  let closed = false;
  async function* source() {
    try {
      for (let i = 0; ; i++) yield i;
    } finally {
      closed = true;
    }
  }
  for await (const x of readAhead(source(), 4, () => 1)) if (x === 2) break;
  t.ok(closed);
});
