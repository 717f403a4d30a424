import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { openDatabase } from '../../db/client.js';
import { insertGiftcardWorld, sessionUser } from '../../../test/support/giftcard-fixtures.js';
import { createUser } from '../../../test/support/auth.js';
import { backendsUnderTest, copyOfPgliteTemplate, createTestDatabase, postgresAdminUrl, sql, type TestDatabase } from '../../../test/support/test-db.js';
import { isAppError } from '../../shared/errors.js';
import { generateCode } from './giftcard.code.js';
import * as ledger from './giftcard.ledger.js';
import * as repo from './giftcard.repository.js';
import { runSettlement } from './giftcard.settlement.js';

const here = dirname(fileURLToPath(import.meta.url));
const inThreeYears = new Date(Date.now() + 3 * 365 * 86_400_000).toISOString().slice(0, 10);

/** A card sold for `value` (its sale entry booked), as the desk sale does it. */
async function sellCard(db: TestDatabase['db'], programmeId: number, value: number, key: string) {
  return db.transaction().execute(async (trx) => {
    const cardId = await repo.insertCard(trx, {
      programmeId,
      code: generateCode(),
      batchId: null,
      orderId: null,
      valueMinor: value,
      expiresOn: inThreeYears,
      holderUserId: null,
    });
    await ledger.bookSale(trx, { programmeId, key, cardId, amountMinor: value });
    return cardId;
  });
}

async function assertInvariants(db: TestDatabase['db'], programmeId: number) {
  const check = await ledger.checkLedger(db, programmeId);
  assert.equal(check.total, 0, 'the sum of all postings is zero');
  assert.deepEqual(check.unbalancedEntries, [], 'every entry balances');
  assert.deepEqual(check.cardMismatches, [], 'every card balance is its postings and never below zero');
  return check;
}

for (const backend of await backendsUnderTest()) {
  describe(`gift-card ledger on ${backend}`, () => {
    let database: TestDatabase;
    let adminId: number;
    before(async () => {
      database = await createTestDatabase(backend);
      adminId = (await createUser(database.db, { email: 'ledger-admin@example.no' })).id;
    });
    after(async () => database?.destroy());

    it('200 concurrent redemptions of one card, each sent twice, never take it below zero', async () => {
      const { programmeId, shopIds } = await insertGiftcardWorld(database.db, { shops: 2 });
      const cardId = await sellCard(database.db, programmeId, 50_000, 'concurrent-card');
      const code = (await repo.findCard(database.db, cardId))!.code;
      const today = new Date().toISOString().slice(0, 10);
      // The first send of a key by card id (ledger.redeem), the second by the typed code as the
      // counter sends it (ledger.redeemByCode): both paths book the same redemption once.
      const attempt = (i: number, byCode: boolean) =>
        (byCode
          ? ledger.redeemByCode(database.db, { programmeId, key: `r-${i}`, code, today, shopId: shopIds[i % 2]!, amountMinor: 300, feeMinor: 6 }).then((b) => {
              assert.equal(b.kind, 'booked');
              return (b as { result: ledger.EntryResult }).result;
            })
          : ledger.redeem(database.db, { programmeId, key: `r-${i}`, cardId, shopId: shopIds[i % 2]!, amountMinor: 300, feeMinor: 6 })
        )
          .then((r) => ({ ok: true as const, r }))
          .catch((err) => {
            if (isAppError(err) && err.code === 'conflict') return { ok: false as const };
            throw err;
          });
      // Every key twice at the same time: the retry must get the first answer, not a second redemption.
      const results = await Promise.all(Array.from({ length: 400 }, (_, n) => attempt(n % 200, n >= 200)));
      const byKey = new Map<number, Set<number>>();
      for (const [n, res] of results.entries()) if (res.ok) (byKey.get(n % 200) ?? byKey.set(n % 200, new Set()).get(n % 200)!).add(res.r.entryId);
      for (const ids of byKey.values()) assert.equal(ids.size, 1, 'one entry per idempotency key');
      const redemptions = await database.db
        .selectFrom('giftcard_entries')
        .select(sql<string>`count(*)`.as('n'))
        .where('card_id', '=', cardId)
        .where('kind', '=', 'redemption')
        .executeTakeFirstOrThrow();
      assert.equal(Number(redemptions.n), 166, '50 000 / 300 = 166 redemptions fit');
      assert.equal(byKey.size, 166);
      const check = await assertInvariants(database.db, programmeId);
      assert.equal(check.outstandingMinor, 50_000 - 166 * 300);
      assert.equal((await repo.findCard(database.db, cardId))?.balance_minor, 200);
      assert.equal(
        [...check.shopClaims.values()].reduce((a, b) => a + b, 0) + check.feesMinor,
        166 * 300,
        'what left the card is the shops’ claims and the fees',
      );
    });

    it('a key reused for a different redemption is refused; the ledger refuses edits', async () => {
      const { programmeId, shopIds } = await insertGiftcardWorld(database.db, { shops: 1 });
      const cardId = await sellCard(database.db, programmeId, 10_000, 'reuse-card');
      await ledger.redeem(database.db, { programmeId, key: 'k1', cardId, shopId: shopIds[0]!, amountMinor: 1000, feeMinor: 20 });
      await assert.rejects(
        ledger.redeem(database.db, { programmeId, key: 'k1', cardId, shopId: shopIds[0]!, amountMinor: 2000, feeMinor: 40 }),
        (e) => isAppError(e) && e.code === 'conflict',
      );
      await assert.rejects(sql`update giftcard_entries set amount_minor = 1 where programme_id = ${programmeId}`.execute(database.db), /append-only/);
      await assert.rejects(sql`delete from giftcard_postings where programme_id = ${programmeId}`.execute(database.db), /append-only/);
      await assertInvariants(database.db, programmeId);
    });

    it('random sales, redemptions, reversals and settlements keep every invariant (property)', async () => {
      const user = sessionUser(adminId);
      const command = fc.oneof(
        fc.record({ t: fc.constant('sale' as const), value: fc.constantFrom(25_000, 50_000, 100_000) }),
        fc.record({ t: fc.constant('redeem' as const), card: fc.nat(9), shop: fc.nat(2), amount: fc.integer({ min: 1, max: 60_000 }), retry: fc.boolean() }),
        fc.record({ t: fc.constant('reverse' as const), pick: fc.nat(50) }),
        fc.record({ t: fc.constant('settle' as const), expire: fc.boolean() }),
      );
      let run = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(command, { minLength: 5, maxLength: 25 }), async (commands) => {
          run += 1;
          const w = await insertGiftcardWorld(database.db, { shops: 3, feeBasisPoints: 250, feeFixedMinor: 100, settlementPeriod: 'week' });
          user.roles = [{ organisationId: w.orgId, role: 'org_admin' }];
          const cards: { id: number; balance: number }[] = [];
          const claims = new Map<number, number>();
          const redemptions: { id: number; shop: number; card: number; amount: number; fee: number; reversed: boolean }[] = [];
          let sold = 0;
          let week = 0;
          for (const [n, c] of commands.entries()) {
            if (c.t === 'sale') {
              cards.push({ id: await sellCard(database.db, w.programmeId, c.value, `p${run}-sale-${n}`), balance: c.value });
              sold += c.value;
            } else if (c.t === 'redeem' && cards.length) {
              const card = cards[c.card % cards.length]!;
              const shop = w.shopIds[c.shop % 3]!;
              const fee = ledger.redemptionFee(c.amount, 250, 100);
              const go = () =>
                ledger.redeem(database.db, {
                  programmeId: w.programmeId,
                  key: `p${run}-r-${n}`,
                  cardId: card.id,
                  shopId: shop,
                  amountMinor: c.amount,
                  feeMinor: fee,
                });
              try {
                const r = await go();
                if (c.retry) assert.equal((await go()).entryId, r.entryId);
                assert.ok(c.amount <= card.balance, 'only money that is there is spent');
                card.balance -= c.amount;
                claims.set(shop, (claims.get(shop) ?? 0) + c.amount - fee);
                redemptions.push({ id: r.entryId, shop, card: cards.indexOf(card), amount: c.amount, fee, reversed: false });
              } catch (err) {
                assert.ok(isAppError(err) && err.code === 'conflict' && c.amount > card.balance, 'refused only when the card cannot cover it');
              }
            } else if (c.t === 'reverse' && redemptions.length) {
              const red = redemptions[c.pick % redemptions.length]!;
              try {
                await ledger.reverse(database.db, { programmeId: w.programmeId, key: `p${run}-v-${n}`, redemptionId: red.id, shopId: red.shop });
                assert.equal(red.reversed, false);
                red.reversed = true;
                cards[red.card]!.balance += red.amount;
                claims.set(red.shop, (claims.get(red.shop) ?? 0) - (red.amount - red.fee));
              } catch (err) {
                assert.ok(isAppError(err) && red.reversed, 'a reversal is refused only for one already reversed');
              }
            } else if (c.t === 'settle') {
              // Each run settles a later week; "expire" jumps past every card's validity (breakage).
              week += c.expire ? 400 : 1;
              const day = new Date(Date.now() + week * 7 * 86_400_000).toISOString().slice(0, 10);
              await runSettlement(database.db, user, w.programmeId, day, new Date(Date.now() + (week + 2) * 7 * 86_400_000));
              for (const [shop, claim] of claims) if (claim > 0) claims.set(shop, 0);
              if (week >= 400) for (const card of cards) card.balance = 0; // past every card's validity: breakage
            }
            const check = await assertInvariants(database.db, w.programmeId);
            assert.equal(
              check.outstandingMinor,
              cards.reduce((a, x) => a + x.balance, 0),
              'outstanding = Σ card balances',
            );
            for (const [shop, claim] of claims) assert.equal(check.shopClaims.get(shop) ?? 0, claim, 'shop claim');
            assert.equal(check.cashMinor, sold - (await paidOut(database.db, w.programmeId)).reduce((a, b) => a + b, 0), 'cash = sold − paid out');
          }
        }),
        { numRuns: backend === 'pglite' ? 5 : 8, seed: 17 },
      );
    });

    it("redeems by the typed code in one call: unknown, expired and another programme's card change nothing; a retry books once", async () => {
      const a = await insertGiftcardWorld(database.db, { shops: 1 });
      const b = await insertGiftcardWorld(database.db, { shops: 1 });
      const code = generateCode();
      const cardId = await database.db.transaction().execute(async (trx) => {
        const id = await repo.insertCard(trx, {
          programmeId: a.programmeId,
          code,
          batchId: null,
          orderId: null,
          valueMinor: 5000,
          expiresOn: '2030-01-01',
          holderUserId: null,
        });
        await ledger.bookSale(trx, { programmeId: a.programmeId, key: 'by-code-sale', cardId: id, amountMinor: 5000 });
        return id;
      });
      const at = (programmeId: number, shopId: number, key: string, amountMinor: number, today = '2029-12-31') =>
        ledger.redeemByCode(database.db, { programmeId, key, code, shopId, amountMinor, feeMinor: 0, today });
      assert.deepEqual(await at(b.programmeId, b.shopIds[0]!, 'other', 100), { kind: 'unknown' }, "another programme's card is unknown here");
      assert.deepEqual(await at(a.programmeId, a.shopIds[0]!, 'late', 100, '2030-01-01'), { kind: 'expired', expiresOn: '2030-01-01' });
      const first = await at(a.programmeId, a.shopIds[0]!, 'k', 1800);
      const again = await at(a.programmeId, a.shopIds[0]!, 'k', 1800);
      assert.ok(first.kind === 'booked' && again.kind === 'booked');
      assert.equal(first.cardId, cardId);
      assert.equal(again.result.entryId, first.result.entryId, 'the retry gets the first answer');
      assert.equal(again.result.replayed, true);
      assert.equal(first.result.balanceMinor, 3200);
      // the same key through ledger.redeem (same fingerprint) is the same redemption too
      assert.equal(
        (await ledger.redeem(database.db, { programmeId: a.programmeId, key: 'k', cardId, shopId: a.shopIds[0]!, amountMinor: 1800, feeMinor: 0 })).entryId,
        first.result.entryId,
      );
      await assert.rejects(at(a.programmeId, a.shopIds[0]!, 'too-much', 3201), (e) => isAppError(e) && e.code === 'conflict');
      await assert.rejects(
        at(a.programmeId, a.shopIds[0]!, 'k', 900),
        (e) => isAppError(e) && e.code === 'conflict',
        'a used key for another amount is refused',
      );
      assert.equal(Number((await repo.findCard(database.db, cardId))!.balance_minor), 3200);
      const n = await database.db
        .selectFrom('giftcard_entries')
        .select(sql<string>`count(*)`.as('n'))
        .where('card_id', '=', cardId)
        .where('kind', '=', 'redemption')
        .executeTakeFirstOrThrow();
      assert.equal(Number(n.n), 1, 'one redemption: nothing else was written');
      await assertInvariants(database.db, a.programmeId);
    });

    // PGlite has one connection: a held transaction there holds everything, by design.
    if (backend === 'postgres')
      it('a counter redeems while a settlement run holds the programme (PostgreSQL)', async () => {
        const { programmeId, shopIds } = await insertGiftcardWorld(database.db, { shops: 1 });
        const cardId = await sellCard(database.db, programmeId, 10_000, 'settling-card');
        let release!: () => void;
        const held = new Promise<void>((r) => {
          release = r;
        });
        let locked!: () => void;
        const isLocked = new Promise<void>((r) => {
          locked = r;
        });
        // The settlement's transaction: the programme's row lock, kept until we let go.
        const settlement = database.db.transaction().execute(async (trx) => {
          assert.ok(await repo.lockProgramme(trx, programmeId));
          locked();
          await held;
        });
        await isLocked;
        const order: string[] = [];
        const redemption = ledger
          .redeem(database.db, { programmeId, key: 'during-settlement', cardId, shopId: shopIds[0]!, amountMinor: 1000, feeMinor: 20 })
          .then((r) => {
            order.push('redeemed');
            return r;
          });
        // A safety net only (the test must not hang if the redemption waits): let go after 10 s.
        const timer = setTimeout(() => {
          order.push('released');
          release();
        }, 10_000);
        const r = await redemption;
        clearTimeout(timer);
        release();
        await settlement;
        assert.deepEqual(order, ['redeemed'], 'the redemption was booked while the programme was locked');
        assert.equal(r.balanceMinor, 9000);
        await assertInvariants(database.db, programmeId);
      });

    it('a process killed in the middle of redemptions loses no acknowledged one and leaves no half entry', async () => {
      let target: string;
      let dir: string | undefined;
      if (backend === 'pglite') {
        dir = await copyOfPgliteTemplate();
        target = dir;
      } else {
        const name = (await sql<{ n: string }>`select current_database() as n`.execute(database.db)).rows[0]!.n;
        const url = new URL(postgresAdminUrl);
        url.pathname = `/${name}`;
        target = url.toString();
      }
      const child = spawn(process.execPath, [join(here, '../../../test/support/giftcard-crash-worker.js'), target], { stdio: ['ignore', 'pipe', 'inherit'] });
      const acked = new Map<string, number>();
      let setup: { programmeId: number; cardId: number } | undefined;
      let buffer = '';
      await new Promise<void>((resolve, reject) => {
        child.on('error', reject);
        child.on('exit', () => resolve());
        child.stdout.on('data', (chunk: Buffer) => {
          buffer += chunk.toString();
          const lines = buffer.split('\n');
          buffer = lines.pop()!;
          for (const line of lines) {
            const s = /^SETUP (\d+) (\d+)$/.exec(line);
            if (s) setup = { programmeId: Number(s[1]), cardId: Number(s[2]) };
            const m = /^ACK (\S+) (\d+)$/.exec(line);
            if (m) acked.set(m[1]!, Number(m[2]));
          }
          if (acked.size >= 24 && !child.killed) child.kill('SIGKILL');
        });
      });
      assert.ok(setup && acked.size >= 24, `the child acknowledged ${acked.size} redemptions before it was killed`);
      const reopened = dir ? await openDatabase({ dataDir: dir, syncIntervalMs: 0 }) : { ...database, close: async () => undefined };
      try {
        // One snapshot for all the reads: on PostgreSQL a statement the killed child had already sent
        // may still commit on the server while we look (it is whole, or it is not there).
        await reopened.db
          .transaction()
          .setIsolationLevel('repeatable read')
          .execute(async (trx) => {
            const keys = await trx.selectFrom('giftcard_entries').select(['id', 'idempotency_key']).where('programme_id', '=', setup!.programmeId).execute();
            const byKey = new Map(keys.map((k) => [k.idempotency_key, Number(k.id)]));
            for (const [key, entryId] of acked) assert.equal(byKey.get(key), entryId, `acknowledged ${key} is there`);
            const check = await assertInvariants(trx, setup!.programmeId);
            assert.equal(check.outstandingMinor, 1_000_000 - (byKey.size - 1) * 100, 'every entry that exists moved exactly its money');
          });
      } finally {
        await reopened.close();
        if (dir) rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

async function paidOut(db: TestDatabase['db'], programmeId: number): Promise<number[]> {
  const rows = await db.selectFrom('giftcard_entries').select('amount_minor').where('programme_id', '=', programmeId).where('kind', '=', 'payout').execute();
  return rows.map((r) => Number(r.amount_minor));
}
