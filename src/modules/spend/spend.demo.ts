import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { loadEnv } from '../../config/env.js';
import type { DB } from '../../db/types.js';
import type { SessionUser } from '../../shared/http/auth.js';
import type { DemoSeeder, DemoWorld } from '../demo/demo-world.types.js';
import { completeNationalId } from '../registry/national-id.js';
import { activeFirmsIn, firmSummaries, firmsForMatching, insertFirmsInBulk, type BulkFirm } from '../registry/registry.service.js';
import { csv, layouts } from './spend.fixtures.js';
import * as repo from './spend.repository.js';
import * as service from './spend.service.js';

/**
 * The local-spend demo: a made-up but realistic 2025 purchase ledger of an East Lapland municipality
 * (Kemijärvi), brought by the analyst of Osta paikallista – Itä-Lappi (demo) as four quarterly files
 * whose headers drift, through the real upload, check, import and supplier matching. It pays the
 * demo firms of the five municipalities, a handful of (demo) suppliers elsewhere in Finland added to
 * the register, a Swedish demo firm (abroad), unknown numbers, private persons and anonymised rows.
 */
const outside: { name: string; municipality: string; nace: string }[] = [
  { name: 'Pohjolan Siivouspalvelu Oy (demo)', municipality: '698', nace: '81210' },
  { name: 'Lapin Rakennusurakointi Oy (demo)', municipality: '698', nace: '41200' },
  { name: 'Oulun Elintarviketukku Oy (demo)', municipality: '564', nace: '46390' },
  { name: 'Suomen Ateriapalvelut Oy (demo)', municipality: '091', nace: '56290' },
  { name: 'Tietojärjestelmät Nord Oy (demo)', municipality: '837', nace: '62010' },
  { name: 'Kuljetus Pohjoinen Oy (demo)', municipality: '698', nace: '49410' },
  { name: 'Konsulttitoimisto Aalto Oy (demo)', municipality: '091', nace: '70220' },
  { name: 'Sähköurakointi Rovaniemi Oy (demo)', municipality: '698', nace: '43210' },
];

function rnd(seed: number) {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

const euro = (cents: number) => {
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')},${String(abs % 100).padStart(2, '0')}`;
};

const accounts = [
  'Rakentamispalvelut',
  'Siivouspalvelut',
  'Elintarvikkeet',
  'Ruokapalvelut',
  'Kuljetuspalvelut',
  'Asiantuntijapalvelut',
  'ICT-palvelut',
  'Sähkötyöt',
];
const accountByDivision: Record<string, string> = {
  '41': accounts[0]!,
  '43': accounts[7]!,
  '81': accounts[1]!,
  '46': accounts[2]!,
  '10': accounts[2]!,
  '56': accounts[3]!,
  '49': accounts[4]!,
  '70': accounts[5]!,
  '62': accounts[6]!,
};
const classes = ['Perusopetus', 'Varhaiskasvatus', 'Vanhuspalvelut', 'Kadut ja tiet', 'Kirjasto', 'Liikuntapalvelut', 'Hallinto'];

export const spendDemo: DemoSeeder = {
  name: 'spend',
  async seed(db: Kysely<DB>, world: DemoWorld): Promise<string | undefined> {
    const org = world.orgs['east-lapland'];
    if (await repo.hasDemoUpload(db, org.id)) return undefined;
    const dataDir = loadEnv().LOKALKRAFT_DATA_DIR;
    // Suppliers elsewhere in Finland (demo firms the register did not have).
    const bodies = outside.map((_, i) => {
      for (let b = 2_990_100 + i * 10; ; b++) {
        const id = completeNationalId('FI', b);
        if (id) return id;
      }
    });
    const known = new Set(
      (
        await firmsForMatching(
          db,
          bodies.map((nationalId) => ({ country: 'FI', nationalId })),
        )
      ).map((f) => f.nationalId),
    );
    const missing = outside
      .map((o, i) => ({ o, id: bodies[i]! }))
      .filter((x) => !known.has(x.id))
      .map(
        ({ o, id }) =>
          ({
            country: 'FI',
            national_id: id,
            name: o.name,
            legal_form: 'OY',
            nace_code: o.nace,
            nace_division: o.nace.slice(0, 2),
            employees: 40,
            street: null,
            postcode: null,
            city: null,
            municipality_code: o.municipality,
            lat: null,
            lon: null,
            website: null,
            email: null,
            phone: null,
            status: 'active',
            closed_on: null,
            registered_on: null,
            language: 'fi',
            description: '{}',
            opening_hours: null,
            establishments: [],
            products: [],
          }) as unknown as BulkFirm,
      );
    if (missing.length) await insertFirmsInBulk(db, missing, { source: 'demo-spend', isDemo: true });
    const divisions = Array.from({ length: 99 }, (_, i) => String(i + 1).padStart(2, '0'));
    const local = (await activeFirmsIn(db, 'FI', org.municipalities, divisions)).filter((f) => f.is_demo);
    if (local.length === 0) return undefined;
    const summaries = await firmSummaries(
      db,
      local.map((f) => Number(f.id)),
    );
    const r = rnd(20250101);
    type Payee = { id: string; name: string; division: string; weight: number };
    const payees: Payee[] = [
      ...local.slice(0, 60).map((f) => ({ id: summaries.get(Number(f.id))?.nationalId ?? '', name: f.name, division: f.nace_division, weight: 1 })),
      ...outside.map((o, i) => ({ id: bodies[i]!, name: o.name, division: o.nace.slice(0, 2), weight: 6 })),
    ].filter((p) => p.id);
    const quarters: Buffer[] = [];
    const header = [
      layouts.kuntaliitto2021,
      layouts.kuntaliitto2015drift,
      layouts.kuntaliitto2021,
      ['Pvm', 'Toimittajan Y-tunnus', 'Toimittajan nimi', 'Tilin nimi', 'Palveluluokka', 'Summa ALV0 euroina'],
    ];
    const totalWeight = payees.reduce((a, p) => a + p.weight, 0);
    let lines = 0;
    for (let q = 0; q < 4; q++) {
      const rows: (string | number)[][] = [];
      for (let i = 0; i < 380; i++) {
        let pick = r() * totalWeight;
        const p = payees.find((x) => (pick -= x.weight) < 0) ?? payees[0]!;
        const cents = Math.round(r() ** 2 * 1_500_000) + 2_000;
        const month = q * 3 + 1 + Math.floor(r() * 3);
        const day = 1 + Math.floor(r() * 28);
        const account = accountByDivision[p.division] ?? accounts[Math.floor(r() * accounts.length)]!;
        const cls = classes[Math.floor(r() * classes.length)]!;
        rows.push(
          rowFor(q, {
            date: `${day}.${month}.2025`,
            iso: `2025-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
            id: p.id,
            name: p.name,
            account,
            cls,
            cents,
          }),
        );
      }
      // Private persons and anonymised rows: counted, never named.
      rows.push(
        rowFor(q, {
          date: `15.${q * 3 + 2}.2025`,
          iso: `2025-${String(q * 3 + 2).padStart(2, '0')}-15`,
          id: '',
          name: 'Anonymisoitu',
          account: 'Avustukset',
          cls: 'Sosiaalipalvelut',
          cents: 45_000,
        }),
      );
      rows.push(
        rowFor(q, {
          date: `16.${q * 3 + 2}.2025`,
          iso: `2025-${String(q * 3 + 2).padStart(2, '0')}-16`,
          id: 'FI21 1234 5600 0007 85',
          name: 'Yksityishenkilö',
          account: 'Asiantuntijapalvelut',
          cls: 'Hallinto',
          cents: 32_000,
        }),
      );
      // A supplier the register does not know, and one with a name only.
      rows.push(
        rowFor(q, {
          date: `20.${q * 3 + 3}.2025`,
          iso: `2025-${String(q * 3 + 3).padStart(2, '0')}-20`,
          id: completeNationalId('FI', 2_980_001 + q) ?? '',
          name: 'Tuntematon Toimittaja Oy',
          account: 'Tarvikkeet',
          cls: 'Hallinto',
          cents: 120_000,
        }),
      );
      // A Swedish supplier across the border (abroad).
      rows.push(
        rowFor(q, {
          date: `25.${q * 3 + 1}.2025`,
          iso: `2025-${String(q * 3 + 1).padStart(2, '0')}-25`,
          id: 'SE556036079301',
          name: 'Norrbotten Maskin AB (demo)',
          account: 'Koneet ja laitteet',
          cls: 'Kadut ja tiet',
          cents: 860_000,
        }),
      );
      lines += rows.length;
      quarters.push(csv(header[q]!, rows, q === 1 ? { encoding: 'windows-1252', eol: '\n' } : { bom: q === 0 }));
    }
    const dir = mkdtempSync(join(tmpdir(), 'lokalkraft-spend-demo-'));
    try {
      const files = quarters.map((bytes, i) => {
        const path = join(dir, `kemijarvi-ostot-2025-Q${i + 1}.csv`);
        writeFileSync(path, bytes);
        return { name: `kemijarvi-ostot-2025-Q${i + 1}.csv (demo)`, path };
      });
      const analyst = world.people['analyst-east-lapland'];
      const user: SessionUser = {
        id: analyst.id,
        email: analyst.email,
        displayName: analyst.name,
        isEmailVerified: true,
        isNetworkAdmin: false,
        roles: [{ organisationId: org.id, role: 'analyst' }],
        managedFirmIds: [],
        sessionId: 'demo',
      };
      const uploadId = await service.createUpload(db, dataDir, user, org.id, files, { isDemo: true });
      const { done } = await service.importUpload(db, dataDir, user, org.id, uploadId, { skipBad: true });
      await done;
      await repo.upsertSettings(db, org.id, analyst.id, {
        home_municipality: '320',
        respend: { F: 0.35, I: 0.4 },
        published_year: 2025,
        published_at: new Date(),
      });
      await repo.addShare(db, org.id, world.orgs.kemijarvi.id, analyst.id);
      return `${lines} invoice lines of a Kemijärvi ledger for ${org.name}`;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

function rowFor(quarter: number, v: { date: string; iso: string; id: string; name: string; account: string; cls: string; cents: number }): (string | number)[] {
  switch (quarter) {
    case 1: // the 2015 headers: date, id, name, account number, account name, net amount
      return [v.date, v.id, v.name, '4300', v.account, euro(v.cents)];
    case 3: // ISO dates, no gross amount
      return [v.iso, v.id, v.name, v.account, v.cls, euro(v.cents)];
    default:
      return [v.date, v.id, v.name, v.account, v.cls, euro(v.cents), euro(Math.round(v.cents * 1.255))];
  }
}
