import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';

/** The development outbox (mail that would have been sent); SQL lives here only. */
export async function insertOutboxMessage(
  db: Kysely<DB>,
  row: { to_address: string; subject: string; text_body: string; attachments?: string | null },
): Promise<number> {
  const { id } = await db.insertInto('mail_outbox').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

export function listOutboxMessages(db: Kysely<DB>, limit = 50) {
  return db.selectFrom('mail_outbox').selectAll().orderBy('id', 'desc').limit(limit).execute();
}

export function latestOutboxMessageTo(db: Kysely<DB>, toAddress: string) {
  return db.selectFrom('mail_outbox').selectAll().where('to_address', '=', toAddress).orderBy('id', 'desc').limit(1).executeTakeFirst();
}
