import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/types.js';
import { completeNationalId } from '../national-id.js';
import { textIn } from '../../../shared/errors.js';
import type { ImportRejection } from './import.tables.js';

/** Files the importer tests write: a temp dir per test file, removed at the end. */
export function createTempFiles() {
  const dir = mkdtempSync(join(tmpdir(), 'lokalkraft-import-test-'));
  let counter = 0;
  return {
    dir,
    /** Writes text (gzip when the name ends in .gz) and returns the path. */
    write(name: string, content: string | Buffer): string {
      const path = join(dir, `${++counter}-${name}`);
      writeFileSync(path, name.endsWith('.gz') ? gzipSync(content) : content);
      return path;
    },
    json(name: string, value: unknown): string {
      return this.write(name, JSON.stringify(value, null, 1));
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Valid Norwegian numbers for made-up firms (below 800 000 000: no real one lies there). */
export function norwegianIds(count: number, from = 20_000_000): string[] {
  const ids: string[] = [];
  for (let body = from; ids.length < count; body++) {
    const id = completeNationalId('NO', body);
    if (id) ids.push(id);
  }
  return ids;
}

/** A Brønnøysund enhet as the bulk download has it. */
export function enhet(orgnr: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    organisasjonsnummer: orgnr,
    navn: `TESTFIRMA ${orgnr} AS`,
    organisasjonsform: { kode: 'AS', beskrivelse: 'Aksjeselskap' },
    registreringsdatoEnhetsregisteret: '2015-03-02',
    naeringskode1: { kode: '47.111', beskrivelse: 'Butikkhandel med bredt vareutvalg med hovedvekt på nærings- og nytelsesmidler' },
    antallAnsatte: 4,
    harRegistrertAntallAnsatte: true,
    forretningsadresse: {
      land: 'Norge',
      landkode: 'NO',
      postnummer: '7374',
      poststed: 'RØROS',
      adresse: ['Kjerkgata 1'],
      kommune: 'RØROS',
      kommunenummer: '5025',
    },
    stiftelsesdato: '2015-02-01',
    konkurs: false,
    underAvvikling: false,
    underTvangsavviklingEllerTvangsopplosning: false,
    ...over,
  };
}

/** Empties what the importers write, between tests sharing one database. */
export async function resetRegistry(db: Kysely<DB>) {
  await sql`truncate firms, establishments, import_runs, registry_firm_changes restart identity cascade`.execute(db);
}

export const countRows = async (db: Kysely<DB>, table: 'firms' | 'establishments' | 'import_runs') =>
  (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db)).rows[0].n;

/** A rejection's message as the command line prints it (English). */
export const rejectionText = (r: ImportRejection) => textIn(r.message, 'en', r.values);
