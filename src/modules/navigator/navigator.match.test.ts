import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ceilingOn, type Ceiling, roomOn, toEurMinor, windowFor, wouldExceed } from './navigator.ledger.js';
import { compileOffer, type FirmFacts, matchOffer, rankOffers } from './navigator.match.js';
import type { OfferRecord } from './navigator.offer-types.js';
import { readOfferFile } from './navigator.service.js';

/** An offer with nothing stated (every fact null, as the data file has for what was not seen), then the given rules. */
function offer(patch: Partial<Omit<OfferRecord, 'match'>> & { match?: Partial<OfferRecord['match']> } = {}): OfferRecord {
  const base: OfferRecord = {
    id: 'test-offer',
    provider: 'Region Västerbotten',
    provider_national_id: null,
    name: 'Teststöd',
    name_en: null,
    country: 'SE',
    kind: 'grant',
    areas: ['Västerbottens län'],
    sectors_included: null,
    sectors_excluded: null,
    size_bounds: null,
    age_bounds: null,
    stage: null,
    amount_min: null,
    amount_max: null,
    currency: null,
    aid_intensity: null,
    deadline: null,
    state_aid_basis: null,
    url: null,
    description: null,
    description_local: null,
    source: [],
    source_type: null,
    status_as_seen: null,
    notes: null,
    checked: '2026-12-02',
    verified: true,
    match: {
      area: { countries: [], counties: ['SE:24'], municipalities: [] },
      nace_included: [],
      nace_excluded: [],
      deadline_date: null,
      opens_date: null,
      open_all_year: false,
      no_longer_offered: false,
      state_aid: null,
      age_max_inclusive: false,
    },
  };
  return { ...base, ...patch, match: { ...base.match, ...(patch.match ?? {}) } };
}

// The owner of a six-person café in Sorsele (SE 2422, Västerbottens län), two years old.
const cafe: FirmFacts = {
  country: 'SE',
  municipality: '2422',
  county: '24',
  nace: '56.100',
  employees: 6,
  turnover: null,
  turnoverCurrency: null,
  turnoverEur: null,
  ageYears: 2,
};
const now = new Date('2026-06-15T10:00:00Z');
const verdictOf = (o: OfferRecord, firm: FirmFacts, at = now, dimension?: string) => {
  const r = matchOffer(compileOffer(o), firm, at);
  return { status: r.status, reasons: r.reasons.filter((x) => !dimension || x.dimension === dimension) };
};

describe('navigator eligibility', () => {
  it('area: municipality, county and country codes fit; another county or country rules out; words ask for a check', () => {
    assert.equal(verdictOf(offer(), cafe).status, 'fits');
    assert.equal(
      verdictOf(offer({ match: { area: { countries: [], counties: [], municipalities: ['SE:2422'] } } }), cafe, now, 'area').reasons[0]!.code,
      'areaMunicipality',
    );
    const norrbotten = verdictOf(offer({ match: { area: { countries: [], counties: ['SE:25'], municipalities: [] } } }), cafe, now, 'area');
    assert.deepEqual(
      norrbotten.reasons.map((r) => [r.code, r.verdict]),
      [['areaOutside', 'rules_out']],
    );
    assert.equal(
      verdictOf(offer({ country: 'NO', match: { area: { countries: ['NO'], counties: [], municipalities: [] } } }), cafe).reasons.find(
        (r) => r.dimension === 'area',
      )!.code,
      'areaOtherCountry',
    );
    const words = verdictOf(offer({ areas: ['40 Leader areas in Sweden (rural)'], match: { area: null } }), cafe);
    assert.equal(words.status, 'check');
    assert.match(String(words.reasons.find((r) => r.code === 'areaWords')!.values!.text), /Leader/);
  });

  it('sector: an excluded division inside an included section rules out, its neighbour fits; the most specific code is named', () => {
    const hospitalityButNoHotels = offer({ match: { nace_included: ['I'], nace_excluded: ['55'] } });
    const fits = verdictOf(hospitalityButNoHotels, cafe, now, 'sector');
    assert.deepEqual(
      fits.reasons.map((r) => [r.code, r.verdict, r.values?.code]),
      [['naceIncluded', 'fits', 'I']],
    );
    const hotel = verdictOf(hospitalityButNoHotels, { ...cafe, nace: '55.101' }, now, 'sector');
    assert.deepEqual(
      hotel.reasons.map((r) => [r.code, r.verdict, r.values?.code]),
      [['naceExcluded', 'rules_out', '55']],
    );
    assert.equal(verdictOf(hospitalityButNoHotels, { ...cafe, nace: '47.11' }).status, 'ruled_out', 'retail is outside section I');
    // A class excluded inside an included division, written with or without the dot.
    const noCatering = offer({ match: { nace_included: ['56'], nace_excluded: ['56.21'] } });
    assert.equal(verdictOf(noCatering, { ...cafe, nace: '56210' }).status, 'ruled_out');
    assert.equal(verdictOf(noCatering, cafe).status, 'fits');
    assert.equal(verdictOf(noCatering, { ...cafe, nace: null }).status, 'check', 'no sector given: to check, not ruled out');
    assert.equal(verdictOf(offer({ sectors_included: 'innovative start-ups' }), cafe).status, 'check', 'a sector in words is shown to check');
  });

  it('size: employee bounds are inclusive at both edges; turnover compared in the bound’s currency', () => {
    const micro = offer({ size_bounds: { employees_min: 1, employees_max: 9, text: 'micro-enterprises' } });
    assert.equal(verdictOf(micro, { ...cafe, employees: 9 }).status, 'fits', '9 of at most 9');
    assert.equal(verdictOf(micro, { ...cafe, employees: 1 }).status, 'fits', '1 of at least 1');
    assert.deepEqual(
      verdictOf(micro, { ...cafe, employees: 10 }, now, 'size').reasons.map((r) => [r.code, r.verdict]),
      [
        ['employeesAbove', 'rules_out'],
        ['sizeWords', 'unknown'],
      ],
    );
    assert.equal(verdictOf(micro, { ...cafe, employees: 0 }).status, 'ruled_out');
    const small = offer({ size_bounds: { employees_max: 10, turnover_or_balance_max_sek: 10_000_000 } });
    assert.equal(verdictOf(small, { ...cafe, turnover: 10_000_000, turnoverCurrency: 'SEK' }).status, 'fits', 'exactly at the turnover bound');
    assert.equal(verdictOf(small, { ...cafe, turnover: 10_000_001, turnoverCurrency: 'SEK' }).status, 'ruled_out');
    assert.equal(verdictOf(small, cafe).status, 'check', 'turnover not given: to check');
  });

  it('age: "younger than N" excludes N, "at most N" includes it, an exception asks for a check, a minimum rules out younger firms', () => {
    const younger3 = offer({ age_bounds: { max_years: 3, exception_max_years: 5 } });
    assert.equal(verdictOf(younger3, { ...cafe, ageYears: 2 }).status, 'fits');
    assert.equal(verdictOf(younger3, { ...cafe, ageYears: 3 }).reasons.find((r) => r.dimension === 'age')!.code, 'ageException');
    assert.equal(verdictOf(younger3, { ...cafe, ageYears: 5 }).status, 'ruled_out');
    const atMost3 = offer({ age_bounds: { max_years: 3 }, match: { age_max_inclusive: true } });
    assert.equal(verdictOf(atMost3, { ...cafe, ageYears: 3 }).status, 'fits');
    assert.equal(verdictOf(atMost3, { ...cafe, ageYears: 4 }).status, 'ruled_out');
    assert.equal(verdictOf(offer({ age_bounds: { min_years: 3 } }), cafe).reasons.find((r) => r.dimension === 'age')!.code, 'ageTooYoung');
  });

  it('deadline: open through the last day in the provider’s zone, gone one moment after its midnight', () => {
    const se = offer({ match: { deadline_date: '2026-03-31' } });
    // 23:59 on 31 March in Stockholm (CEST, UTC+2) is 21:59 UTC: still open.
    assert.equal(verdictOf(se, cafe, new Date('2026-03-31T21:59:00Z')).status, 'fits');
    // 00:00 on 1 April in Stockholm is 22:00 UTC on 31 March: closed, though it is still the 31st in UTC.
    const closed = verdictOf(se, cafe, new Date('2026-03-31T22:00:00Z'));
    assert.equal(closed.status, 'ruled_out');
    assert.equal(closed.reasons[0]!.code, 'deadlinePassed');
    // Helsinki is an hour ahead: a Finnish offer's last day ends at 21:00 UTC.
    const fi = offer({ country: 'FI', match: { deadline_date: '2026-03-31', area: { countries: ['FI'], counties: [], municipalities: [] } } });
    const finnish: FirmFacts = { ...cafe, country: 'FI', municipality: '320', county: '19' };
    assert.equal(verdictOf(fi, finnish, new Date('2026-03-31T20:59:59Z')).status, 'fits');
    assert.equal(verdictOf(fi, finnish, new Date('2026-03-31T21:00:00Z')).status, 'ruled_out');
    assert.equal(verdictOf(offer({ match: { opens_date: '2026-07-01', deadline_date: '2026-07-31' } }), cafe).status, 'check', 'not yet open');
    assert.equal(verdictOf(offer({ match: { no_longer_offered: true }, status_as_seen: 'discontinued (2023)' }), cafe).status, 'ruled_out');
  });

  it('ranks fitting offers first, the municipality’s own above the county’s and the country’s', () => {
    const offers = [
      offer({ id: 'national', match: { area: { countries: ['SE'], counties: [], municipalities: [] } } }),
      offer({ id: 'gone', match: { deadline_date: '2026-01-01' } }),
      offer({ id: 'local', match: { area: { countries: [], counties: [], municipalities: ['SE:2422'] } } }),
      offer({ id: 'words', match: { area: null } }),
      offer({ id: 'county' }),
    ].map(compileOffer);
    assert.deepEqual(
      rankOffers(offers, cafe, now).map((r) => r.offer.record.id),
      ['local', 'county', 'national', 'words', 'gone'],
    );
  });

  it('the seeded catalogue: the Sorsele café sees Västerbotten’s and Sweden’s offers, none of Norway’s or Finland’s, and no closed call', () => {
    const offers = readOfferFile().map(compileOffer);
    assert.equal(offers.length, 56);
    const ranked = rankOffers(offers, cafe, new Date('2026-12-02T12:00:00Z'));
    const open = ranked.filter((r) => r.result.status !== 'ruled_out').map((r) => r.offer.record);
    assert.ok(open.some((o) => o.id === 'rvb-mikrostod'));
    assert.ok(open.some((o) => o.id === 'almi-mikrolan'));
    assert.ok(
      open.every((o) => o.country === 'SE' || o.country === 'EU'),
      open.map((o) => o.id).join(),
    );
    const startup = ranked.find((r) => r.offer.record.id === 'tvv-startup-sweden')!;
    assert.equal(startup.result.status, 'ruled_out', 'discontinued in 2023');
  });
});

describe('de minimis arithmetic', () => {
  const ceilings: Ceiling[] = [
    { country: 'SE', validFrom: '2014-01-01', ceilingEurMinor: 200_000_00, window: 'fiscal_years', years: 3, regulation: '1407/2013' },
    { country: 'SE', validFrom: '2024-01-01', ceilingEurMinor: 300_000_00, window: 'rolling_years', years: 3, regulation: '2023/2831' },
  ];

  it('the ceiling changes on 1 January 2024: EUR 200 000 the day before, EUR 300 000 from that day', () => {
    assert.equal(ceilingOn(ceilings, 'SE', '2023-12-31')!.ceilingEurMinor, 200_000_00);
    assert.equal(ceilingOn(ceilings, 'SE', '2024-01-01')!.ceilingEurMinor, 300_000_00);
    assert.equal(ceilingOn(ceilings, 'SE', '2013-12-31'), undefined);
    assert.equal(ceilingOn(ceilings, 'NO', '2025-01-01'), undefined, 'each country has its own rows');
  });

  it('windows: three fiscal years before 2024, any three years (rolling, by day) from 2024', () => {
    assert.deepEqual(windowFor(ceilings[0]!, '2023-06-30'), { from: '2021-01-01', to: '2023-06-30' });
    assert.deepEqual(windowFor(ceilings[1]!, '2026-12-02'), { from: '2023-12-03', to: '2026-12-02' });
    const entries = [
      { id: 1, grantedOn: '2023-12-02', eurMinor: 100_000_00 }, // three years and a day before: out
      { id: 2, grantedOn: '2023-12-03', eurMinor: 150_000_00 }, // exactly three years back: in
      { id: 3, grantedOn: '2026-12-03', eurMinor: 10_00 }, // after the day asked about: out
    ];
    const room = roomOn(entries, ceilings[1]!, '2026-12-02');
    assert.equal(room.usedEurMinor, 150_000_00);
    assert.equal(room.roomEurMinor, 150_000_00);
    assert.equal(wouldExceed(room, 150_000_00), false, 'exactly the room left is allowed');
    assert.equal(wouldExceed(room, 150_000_01), true);
    // On 31 Dec 2023 the old rules count 2021–2023, with the old ceiling.
    const old = roomOn(entries, ceilingOn(ceilings, 'SE', '2023-12-31')!, '2023-12-31');
    assert.equal(old.usedEurMinor, 250_000_00);
    assert.equal(old.roomEurMinor, -50_000_00, 'already past the old ceiling');
  });

  it('a grant without a rate makes the room unknown, never guessed', () => {
    const room = roomOn([{ id: 1, grantedOn: '2026-01-10', eurMinor: null }], ceilings[1]!, '2026-12-02');
    assert.equal(room.roomEurMinor, null);
    assert.equal(room.missingRates, 1);
    assert.equal(wouldExceed(room, 1), null);
  });

  it('converts at the rate of the day, in integer minor units (ECB 13 March 2024: 1 EUR = 11.1930 SEK)', () => {
    assert.equal(toEurMinor(1_119_300_00, 'SEK', '11.1930'), 100_000_00);
    assert.equal(toEurMinor(100_00, 'SEK', 11.193), 893, 'SEK 100 → EUR 8.93 (rounded half up)');
    assert.equal(toEurMinor(5_000_00, 'EUR', null), 5_000_00);
    assert.equal(toEurMinor(5_000_00, 'NOK', null), null);
  });
});
