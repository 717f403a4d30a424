// A child process for the gift-card crash test: opens the database it is given, sets up a programme
// with one card, prints "SETUP <programmeId> <cardId>", then redeems 1.00 at a time (four in flight)
// and prints "ACK <key> <entryId>" after each commit, until it is killed.
import { openDatabase } from '../../src/db/client.js';
import { generateCode } from '../../src/modules/giftcard/giftcard.code.js';
import { bookSale, redeem } from '../../src/modules/giftcard/giftcard.ledger.js';
import { insertCard } from '../../src/modules/giftcard/giftcard.repository.js';
import { insertGiftcardWorld } from './giftcard-fixtures.js';

const target = process.argv[2]!;
const database = await openDatabase(target.startsWith('postgres') ? { databaseUrl: target, poolSize: 4 } : { dataDir: target, syncIntervalMs: 0 });
const w = await insertGiftcardWorld(database.db, { shops: 1 });
const cardId = await database.db.transaction().execute(async (trx) => {
  const id = await insertCard(trx, {
    programmeId: w.programmeId,
    code: generateCode(),
    batchId: null,
    orderId: null,
    valueMinor: 1_000_000,
    expiresOn: '2099-01-01',
    holderUserId: null,
  });
  await bookSale(trx, { programmeId: w.programmeId, key: 'crash-sale', cardId: id, amountMinor: 1_000_000 });
  return id;
});
process.stdout.write(`SETUP ${w.programmeId} ${cardId}\n`);
for (let i = 0; ; i++) {
  const results = await Promise.all(
    [0, 1, 2, 3].map((j) =>
      redeem(database.db, { programmeId: w.programmeId, key: `crash-${i}-${j}`, cardId, shopId: w.shopIds[0]!, amountMinor: 100, feeMinor: 2 }),
    ),
  );
  for (const [j, r] of results.entries()) process.stdout.write(`ACK crash-${i}-${j} ${r.entryId}\n`);
}
