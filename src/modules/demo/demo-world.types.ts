import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';

/**
 * The demo region's people and organisations, seeded once on first start (after the demo firms)
 * so every module's demo has someone to belong to. Keys are stable; ids are this database's.
 * Everything named here is fictional and marked as demo (organisation names end in "(demo)",
 * people have @demo.lokalkraft.example addresses and no password: they sign in through the
 * loopback-only demo sign-in page, /demo).
 *
 * Sharing agreements (scope 'coaching', both directions): sorsele ↔ arjeplog ↔ region10
 * (Region 10's coaches), fjellregionen ↔ roros-handel, east-lapland ↔ kemijarvi.
 * The kemijarvi / east-lapland coaches are OUTSIDE Region 10's agreement (for "does not see").
 */
export type DemoOrgKey =
  | 'region10' // Region 10 / NiMR project, SE, inter_municipal_project, all ten Region 10 municipalities
  | 'sorsele' // Sorsele kommun näringslivskontor, SE 2422
  | 'arjeplog' // Arjeplog näringsliv, SE 2506
  | 'fjellregionen' // Fjellregionen næringshage (Tynset), NO business_garden, the eight Fjellregionen municipalities
  | 'roros-handel' // Røros Handel og Næring, NO retail_association, 5025 Røros
  | 'east-lapland' // Osta paikallista – Itä-Lappi, FI inter_municipal_project, the five East Lapland municipalities
  | 'kemijarvi' // Kemijärven kaupungin elinkeinopalvelut, FI municipal_business_office, 320
  | 'orebro-city' // Örebro city-centre partnership (CityKompetens author), SE city_centre_partnership, 1880 Örebro
  | 'linkoping-city'; // Linköping city-centre partnership, SE city_centre_partnership, 0580 Linköping

export type DemoPersonKey =
  | 'admin' // network admin
  | 'coordinator-region10' // org_admin of region10
  | 'coach-sorsele' // coach of sorsele
  | 'coach-arjeplog' // coach of arjeplog
  | 'admin-fjellregionen' // org_admin of fjellregionen
  | 'coach-tynset' // coach of fjellregionen
  | 'admin-roros-handel' // org_admin of roros-handel (gift-card issuer staff, storefront)
  | 'admin-east-lapland' // org_admin of east-lapland
  | 'analyst-east-lapland' // analyst of east-lapland (local spend)
  | 'coach-kemijarvi' // coach of kemijarvi
  | 'editor-orebro' // editor of orebro-city (course author)
  | 'admin-linkoping' // org_admin of linkoping-city
  | 'owner-cafe-sorsele' // manages firm 'cafe-sorsele'
  | 'owner-bakery-roros' // manages firm 'bakery-roros' (the Røros branch is its establishment)
  | 'owner-bookshop-roros'
  | 'owner-wool-roros'
  | 'owner-builder-kemijarvi'
  | 'owner-bakery-salla';

/** Demo firms the stories need, picked from the demo register by municipality and NACE (see demo-world.ts). */
export type DemoFirmKey = 'cafe-sorsele' | 'bakery-roros' | 'bookshop-roros' | 'wool-roros' | 'builder-kemijarvi' | 'bakery-salla';

export interface DemoOrg {
  id: number;
  name: string;
  country: 'NO' | 'SE' | 'FI';
  /** Municipality codes it covers. */
  municipalities: string[];
}

export interface DemoPerson {
  id: number;
  email: string;
  name: string;
}

export interface DemoFirm {
  firmId: number;
  /** The establishment in the named municipality, when the firm has establishments. */
  establishmentId: number | null;
  name: string;
  country: 'NO' | 'SE' | 'FI';
  municipality: string;
}

export interface DemoWorld {
  orgs: Record<DemoOrgKey, DemoOrg>;
  people: Record<DemoPersonKey, DemoPerson>;
  firms: Record<DemoFirmKey, DemoFirm>;
}

/**
 * A module's demo: idempotent (it checks its own tables and returns undefined when its demo is
 * there already), clearly marked (is_demo column or "(demo)" in names), one transaction.
 * Returns a one-line summary for the start-up log.
 */
export interface DemoSeeder {
  name: string;
  seed(db: Kysely<DB>, world: DemoWorld, now: Date): Promise<string | undefined>;
}
