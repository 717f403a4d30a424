import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { LocalizedNames } from '../places/places.tables.js';

export async function upsertNace(
  db: Kysely<DB>,
  sections: { code: string; names: LocalizedNames }[],
  divisions: { code: string; section: string; names: LocalizedNames }[],
) {
  await db
    .insertInto('nace_sections')
    .values(sections.map((s) => ({ code: s.code, names: JSON.stringify(s.names) })))
    .onConflict((oc) => oc.column('code').doUpdateSet({ names: (eb) => eb.ref('excluded.names') }))
    .execute();
  await db
    .insertInto('nace_divisions')
    .values(divisions.map((d) => ({ code: d.code, section: d.section, names: JSON.stringify(d.names) })))
    .onConflict((oc) => oc.column('code').doUpdateSet({ section: (eb) => eb.ref('excluded.section'), names: (eb) => eb.ref('excluded.names') }))
    .execute();
}

export function listNaceSections(db: Kysely<DB>) {
  return db.selectFrom('nace_sections').selectAll().orderBy('code').execute();
}

export function listNaceDivisions(db: Kysely<DB>) {
  return db.selectFrom('nace_divisions').selectAll().orderBy('code').execute();
}
