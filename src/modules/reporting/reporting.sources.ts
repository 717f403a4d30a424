import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';

/**
 * The contract between reporting and the modules whose work it counts. Each module exposes a
 * function in its own service (returning its own DTOs); src/modules/report-sources.ts adapts it to
 * an `ActivitySource` in one line per module. Reporting never reads another module's tables.
 */

/** What a report asks a source for: the organisations in scope, the period and the tagged activities. */
export interface ActivityScope {
  organisationIds: number[];
  /** Local calendar days (inclusive) in the report's zone, for date columns. */
  fromDay: string;
  toDay: string;
  /** The same period as moments: [from, to) — the first moment of fromDay and of the day after toDay, in the zone. */
  from: Date;
  to: Date;
  timeZone: string;
  /** Activities tagged to the project (counted whoever ran them). */
  tagged: { case: number[]; event: number[]; course: number[] };
}

/**
 * One firm's activity of one kind in the period. `firstOn` is the local day of the first
 * countable activity (the day of support: its size class is taken on that day).
 */
export interface FirmFact {
  // Sources list their facts ordered by firm (the data version hashes them in the order given).
  firmId: number;
  kind: FactKind;
  firstOn: string;
  /** How many (meetings, events attended, courses completed, redemptions…). */
  count: number;
  /** A summed amount where the kind has one (jobs, minor units of money); 0 otherwise. */
  quantity: number;
  /** Outcomes: is there evidence behind it? Other kinds: true. */
  evidenced: boolean;
}

export type FactKind =
  | 'coaching.case' // a case with meetings in the period (count = meetings, quantity = minutes)
  | 'coaching.referral' // referrals made (count), quantity = those with a result
  | 'coaching.referral_result' // referrals answered with a result other than "no result"
  | 'coaching.outcome.new_product'
  | 'coaching.outcome.new_market'
  | 'coaching.outcome.jobs_created'
  | 'coaching.outcome.jobs_kept'
  | 'coaching.outcome.turnover_change'
  | 'coaching.outcome.funding'
  | 'events.attended' // workshops and other events the firm attended (count = events)
  | 'academy.completed' // courses completed by the firm's people (count = courses)
  | 'network.member' // member in the period (firstOn = membership start, or the period's start)
  | 'giftcard.redeemed' // gift-card money redeemed at the firm's shops (quantity = minor units)
  | 'storefront.pickup' // click-and-collect pickups at the firm's shops (quantity = value, minor units)
  | 'procurement.member' // accepted member of bidding groups formed in the period (count = groups)
  | 'procurement.submitted' // … of those groups, ones that submitted a bid (count = groups)
  | 'procurement.won'; // member of groups whose "won" was recorded in the period (count = groups, quantity = its share of the value)

/** Figures that are not about firms (events held, participants by gender). */
export interface SourceTotals {
  [key: string]: number;
}

export interface SourceResult {
  facts: FirmFact[];
  totals?: SourceTotals;
}

/**
 * What a source may need besides the database (the way a module's routes get it from AppDeps):
 * the data directory, where the local-spend module keeps its DuckDB store.
 */
export interface SourceDeps {
  db: Kysely<DB>;
  dataDir: string;
}

export interface ActivitySource {
  name: string;
  /** The fact kinds and totals it gives: a report asks only the sources its template reads (catalogue `needsOf`). */
  gives: { facts?: FactKind[]; totals?: string[] };
  collect(deps: SourceDeps, scope: ActivityScope): Promise<SourceResult>;
}
