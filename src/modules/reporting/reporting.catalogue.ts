import type { Message } from '../../shared/i18n/i18n.js';
import type { FactKind } from './reporting.sources.js';

/**
 * The indicator catalogue, kept as data: each funder's template lists its indicators in the
 * funder's order, with the funder's own code, name and definition, and the rule that makes the
 * indicator countable from the platform's records (see ADR 0021). A firm is counted once per
 * indicator and period however many modules touched it (the firm's registry id, one per national
 * number). Reviewed against: Regulation (EU) 2021/1058 Annex I (ERDF/CF common indicators) and the
 * Commission's indicator metadata sheets; Siva's "Næringshageprogrammet — resultatindikatorer";
 * the CAP Strategic Plan result indicators (Regulation (EU) 2021/2115 Annex I) for Leader.
 */

/** "Supported" in coaching: structured, documented support — not a single call. */
export const supportRule = { minMeetings: 2, minMinutes: 120 } as const;
/** A "new enterprise" (RCO05): registered less than this many years before its first support in the period. */
export const newEnterpriseYears = 3;
/** Size classes by employees (Commission Recommendation 2003/361/EC headcount thresholds). */
export const sizeClasses = [
  { key: 'micro', below: 10 },
  { key: 'small', below: 50 },
  { key: 'medium', below: 250 },
  { key: 'large', below: Number.POSITIVE_INFINITY },
] as const;
export type SizeClass = (typeof sizeClasses)[number]['key'] | 'unknown';

export type Unit = 'firms' | 'jobs' | 'money' | 'percent' | 'events' | 'people' | 'courses' | 'referrals' | 'groups';

/** Totals the sources give that are not about firms (a source's `totals` keys, or their prefix before a `.part`). */
export type TotalKey =
  | 'events.held'
  | 'events.participants'
  | 'spend.local_minor'
  | 'spend.total_minor'
  | 'procurement.groups.submitted'
  | 'procurement.groups.won';

export type IndicatorRule =
  /** Distinct firms with any of these facts (coaching.case only when it meets supportRule). */
  | { kind: 'firms'; facts: FactKind[]; only?: 'new' | 'sme'; split?: 'size' }
  /** The sum of the facts' quantities (jobs, minor units of money). */
  | { kind: 'sum'; facts: FactKind[] }
  /** The sum of the facts' counts (courses completed, referrals). */
  | { kind: 'count'; facts: FactKind[] }
  /**
   * A total a source gives that is not about firms (events held, participants by gender, bidding
   * groups); `firmsFrom`: the facts whose firms are behind it (the drill-down), each once.
   */
  | { kind: 'total'; total: TotalKey; split?: 'gender'; firmsFrom?: FactKind[] }
  /** One total as a share of another, in per cent, with both shown (the numerator and denominator, in `partsUnit`). */
  | { kind: 'share'; part: TotalKey; whole: TotalKey; partsUnit: Unit }
  /** Member firms' employees on the period's last day (latest fact on or before it). */
  | { kind: 'member-employees' }
  /** Member firms' turnover: growth from the last figure on or before the period's start to the last on or before its end, in per cent. */
  | { kind: 'member-turnover-growth' }
  /** Siva's value creation (operating result + wage costs): growth as for turnover, from figures holding both. */
  | { kind: 'member-value-creation-growth' }
  /** Member firms' leaders who are women, in per cent of all leaders (latest facts on or before the end). */
  | { kind: 'member-women-leaders' };

export interface Indicator {
  key: string;
  /** The funder's own code. */
  code: string;
  name: Message;
  definition: Message;
  unit: Unit;
  rule: IndicatorRule;
}

export interface Template {
  key: 'erdf' | 'siva' | 'leader' | 'plain';
  funder: Message;
  name: Message;
  indicators: Indicator[];
}

/** Facts that mean a firm was supported (RCO01 and its kin). */
const supportFacts: FactKind[] = ['coaching.case', 'events.attended', 'academy.completed', 'coaching.outcome.funding'];
const nonFinancial: FactKind[] = ['coaching.case', 'events.attended', 'academy.completed'];

export const templates: Template[] = [
  {
    key: 'erdf',
    funder: {
      nb: 'EUs regionalfond (ERDF/Interreg)',
      sv: 'Europeiska regionala utvecklingsfonden (Eruf/Interreg)',
      fi: 'Euroopan aluekehitysrahasto (EAKR/Interreg)',
      en: 'European Regional Development Fund (ERDF/Interreg)',
    },
    name: { nb: 'ERDF felles indikatorer', sv: 'Eruf gemensamma indikatorer', fi: 'EAKR:n yhteiset indikaattorit', en: 'ERDF common indicators' },
    indicators: [
      {
        key: 'RCO01',
        code: 'RCO01',
        name: { nb: 'Foretak som får støtte', sv: 'Företag som får stöd', fi: 'Tuetut yritykset', en: 'Enterprises supported' },
        definition: {
          nb: 'Foretak som får økonomisk eller ikke-økonomisk støtte, fordelt på mikro, små, mellomstore og store (antall ansatte da støtten begynte). Hvert foretak telles én gang.',
          sv: 'Företag som får ekonomiskt eller icke-ekonomiskt stöd, fördelat på mikro, små, medelstora och stora (antal anställda när stödet började). Varje företag räknas en gång.',
          fi: 'Taloudellista tai muuta tukea saavat yritykset mikro-, pieniin, keskisuuriin ja suuriin jaoteltuna (henkilöstö tuen alkaessa). Kukin yritys lasketaan kerran.',
          en: 'Enterprises receiving financial or non-financial support, split into micro, small, medium and large (employees when the support began). Each enterprise is counted once.',
        },
        unit: 'firms',
        rule: { kind: 'firms', facts: supportFacts, split: 'size' },
      },
      {
        key: 'RCO02',
        code: 'RCO02',
        name: { nb: 'Foretak som får tilskudd', sv: 'Företag som får bidrag', fi: 'Avustuksia saavat yritykset', en: 'Enterprises supported by grants' },
        definition: {
          nb: 'Foretak der et tilskudd er registrert som utfall (finansiering) i perioden.',
          sv: 'Företag där ett bidrag är registrerat som utfall (finansiering) under perioden.',
          fi: 'Yritykset, joille on kirjattu avustus tuloksena (rahoitus) jakson aikana.',
          en: 'Enterprises with a grant recorded as an outcome (funding) in the period.',
        },
        unit: 'firms',
        rule: { kind: 'firms', facts: ['coaching.outcome.funding'] },
      },
      {
        key: 'RCO04',
        code: 'RCO04',
        name: {
          nb: 'Foretak med ikke-økonomisk støtte',
          sv: 'Företag med icke-ekonomiskt stöd',
          fi: 'Muuta kuin taloudellista tukea saavat yritykset',
          en: 'Enterprises with non-financial support',
        },
        definition: {
          nb: `Rådgivning (minst ${supportRule.minMeetings} dokumenterte møter eller ${supportRule.minMinutes / 60} timer), deltakelse på arrangementer eller fullførte kurs.`,
          sv: `Rådgivning (minst ${supportRule.minMeetings} dokumenterade möten eller ${supportRule.minMinutes / 60} timmar), deltagande i evenemang eller slutförda kurser.`,
          fi: `Neuvonta (vähintään ${supportRule.minMeetings} kirjattua tapaamista tai ${supportRule.minMinutes / 60} tuntia), osallistuminen tapahtumiin tai suoritetut kurssit.`,
          en: `Advice (at least ${supportRule.minMeetings} documented meetings or ${supportRule.minMinutes / 60} hours), event attendance or completed courses.`,
        },
        unit: 'firms',
        rule: { kind: 'firms', facts: nonFinancial },
      },
      {
        key: 'RCO05',
        code: 'RCO05',
        name: { nb: 'Nye foretak som får støtte', sv: 'Nya företag som får stöd', fi: 'Tuetut uudet yritykset', en: 'New enterprises supported' },
        definition: {
          nb: `Støttede foretak registrert mindre enn ${newEnterpriseYears} år før støtten begynte.`,
          sv: `Företag med stöd som registrerades mindre än ${newEnterpriseYears} år innan stödet började.`,
          fi: `Tuetut yritykset, jotka on rekisteröity alle ${newEnterpriseYears} vuotta ennen tuen alkua.`,
          en: `Supported enterprises registered less than ${newEnterpriseYears} years before the support began.`,
        },
        unit: 'firms',
        rule: { kind: 'firms', facts: supportFacts, only: 'new' },
      },
      {
        key: 'RCR01',
        code: 'RCR01',
        name: {
          nb: 'Arbeidsplasser skapt i støttede foretak',
          sv: 'Arbetstillfällen som skapats i stödda enheter',
          fi: 'Tuetuissa yksiköissä luodut työpaikat',
          en: 'Jobs created in supported entities',
        },
        definition: {
          nb: 'Nye årsverk registrert som utfall (arbeidsplasser skapt) i perioden.',
          sv: 'Nya årsarbetskrafter registrerade som utfall (skapade arbetstillfällen) under perioden.',
          fi: 'Uudet henkilötyövuodet, jotka on kirjattu tuloksena (luodut työpaikat) jakson aikana.',
          en: 'New full-time equivalents recorded as outcomes (jobs created) in the period.',
        },
        unit: 'jobs',
        rule: { kind: 'sum', facts: ['coaching.outcome.jobs_created'] },
      },
      {
        key: 'RCR03',
        code: 'RCR03',
        name: {
          nb: 'SMB som innfører produkt- eller prosessinnovasjon',
          sv: 'Små och medelstora företag som inför produkt- eller processinnovationer',
          fi: 'Tuote- tai prosessi-innovaatioita toteuttavat pk-yritykset',
          en: 'SMEs introducing product or process innovation',
        },
        definition: {
          nb: 'Små og mellomstore foretak med utfallet «nytt produkt» i perioden.',
          sv: 'Små och medelstora företag med utfallet ”ny produkt” under perioden.',
          fi: 'Pk-yritykset, joilla on tulos ”uusi tuote” jakson aikana.',
          en: 'Small and medium-sized enterprises with the outcome "new product" in the period.',
        },
        unit: 'firms',
        rule: { kind: 'firms', facts: ['coaching.outcome.new_product'], only: 'sme' },
      },
      {
        key: 'RCR04',
        code: 'RCR04',
        name: {
          nb: 'SMB som innfører markeds- eller organisasjonsinnovasjon',
          sv: 'Små och medelstora företag som inför marknadsförings- eller organisationsinnovationer',
          fi: 'Markkinointi- tai organisaatioinnovaatioita toteuttavat pk-yritykset',
          en: 'SMEs introducing marketing or organisational innovation',
        },
        definition: {
          nb: 'Små og mellomstore foretak med utfallet «nytt marked» i perioden.',
          sv: 'Små och medelstora företag med utfallet ”ny marknad” under perioden.',
          fi: 'Pk-yritykset, joilla on tulos ”uudet markkinat” jakson aikana.',
          en: 'Small and medium-sized enterprises with the outcome "new market" in the period.',
        },
        unit: 'firms',
        rule: { kind: 'firms', facts: ['coaching.outcome.new_market'], only: 'sme' },
      },
    ],
  },
  {
    key: 'siva',
    funder: {
      nb: 'Siva – næringshageprogrammet',
      sv: 'Siva – näringshageprogrammet (Norge)',
      fi: 'Siva – yrityspuisto-ohjelma (Norja)',
      en: 'Siva – business garden programme (Norway)',
    },
    name: { nb: 'Siva resultatindikatorer', sv: 'Sivas resultatindikatorer', fi: 'Sivan tulosindikaattorit', en: 'Siva result indicators' },
    indicators: [
      {
        key: 'SIVA-F',
        code: 'NH-1',
        name: { nb: 'Foretak i programmet', sv: 'Företag i programmet', fi: 'Ohjelman yritykset', en: 'Firms in the programme' },
        definition: {
          nb: 'Medlemsbedrifter i perioden, fra avtalens start.',
          sv: 'Medlemsföretag under perioden, från avtalets start.',
          fi: 'Jäsenyritykset jakson aikana sopimuksen alusta lähtien.',
          en: 'Member firms during the period, from the start of their agreement.',
        },
        unit: 'firms',
        rule: { kind: 'firms', facts: ['network.member'], split: 'size' },
      },
      {
        key: 'SIVA-O',
        code: 'NH-2',
        name: { nb: 'Omsetningsvekst', sv: 'Omsättningstillväxt', fi: 'Liikevaihdon kasvu', en: 'Turnover growth' },
        definition: {
          nb: 'Endring i medlemsbedriftenes samlede omsetning fra siste tall før periodens start til siste tall før slutten (prosent).',
          sv: 'Förändring i medlemsföretagens samlade omsättning från senaste siffran före periodens start till senaste före slutet (procent).',
          fi: 'Jäsenyritysten yhteenlasketun liikevaihdon muutos jakson alkua edeltävästä viimeisestä luvusta loppua edeltävään (prosenttia).',
          en: "Change in member firms' total turnover from the last figure before the period's start to the last before its end (per cent).",
        },
        unit: 'percent',
        rule: { kind: 'member-turnover-growth' },
      },
      {
        key: 'SIVA-V',
        code: 'NH-6',
        name: { nb: 'Vekst i verdiskaping', sv: 'Tillväxt i värdeskapande', fi: 'Arvonluonnin kasvu', en: 'Value-creation growth' },
        definition: {
          nb: 'Endring i medlemsbedriftenes samlede verdiskaping (driftsresultat + lønnskostnader) fra siste tall før periodens start til siste tall før slutten (prosent); bedrifter med tall i begge ender.',
          sv: 'Förändring i medlemsföretagens samlade värdeskapande (rörelseresultat + lönekostnader) från senaste siffran före periodens start till senaste före slutet (procent); företag med siffror i båda ändar.',
          fi: 'Jäsenyritysten yhteenlasketun arvonluonnin (liiketulos + palkkakulut) muutos jakson alkua edeltävästä viimeisestä luvusta loppua edeltävään (prosenttia); yritykset, joilla on luvut molemmissa päissä.',
          en: "Change in member firms' total value creation (operating result + wage costs) from the last figure before the period's start to the last before its end (per cent); firms with figures at both ends.",
        },
        unit: 'percent',
        rule: { kind: 'member-value-creation-growth' },
      },
      {
        key: 'SIVA-E',
        code: 'NH-3',
        name: { nb: 'Sysselsetting', sv: 'Sysselsättning', fi: 'Työllisyys', en: 'Employment' },
        definition: {
          nb: 'Ansatte i medlemsbedriftene ved periodens slutt.',
          sv: 'Anställda i medlemsföretagen vid periodens slut.',
          fi: 'Jäsenyritysten henkilöstö jakson lopussa.',
          en: 'Employees of the member firms at the end of the period.',
        },
        unit: 'people',
        rule: { kind: 'member-employees' },
      },
      {
        key: 'SIVA-K',
        code: 'NH-4',
        name: {
          nb: 'Andel kvinner i ledende roller',
          sv: 'Andel kvinnor i ledande roller',
          fi: 'Naisten osuus johtotehtävissä',
          en: 'Share of women in leading roles',
        },
        definition: {
          nb: 'Kvinner blant ledere og styremedlemmer i medlemsbedriftene (prosent), der det er registrert.',
          sv: 'Kvinnor bland chefer och styrelseledamöter i medlemsföretagen (procent), där det är registrerat.',
          fi: 'Naisten osuus jäsenyritysten johtajista ja hallituksen jäsenistä (prosenttia), kun se on kirjattu.',
          en: 'Women among leaders and board members of the member firms (per cent), where recorded.',
        },
        unit: 'percent',
        rule: { kind: 'member-women-leaders' },
      },
      {
        key: 'SIVA-J',
        code: 'NH-5',
        name: { nb: 'Nye arbeidsplasser', sv: 'Nya arbetstillfällen', fi: 'Uudet työpaikat', en: 'New jobs' },
        definition: {
          nb: 'Arbeidsplasser skapt, registrert som utfall i perioden.',
          sv: 'Skapade arbetstillfällen, registrerade som utfall under perioden.',
          fi: 'Luodut työpaikat, kirjattu tuloksina jakson aikana.',
          en: 'Jobs created, recorded as outcomes in the period.',
        },
        unit: 'jobs',
        rule: { kind: 'sum', facts: ['coaching.outcome.jobs_created'] },
      },
    ],
  },
  {
    key: 'leader',
    funder: {
      nb: 'Leader / landbruksprogrammet (CAP)',
      sv: 'Leader / landsbygdsprogrammet (CAP)',
      fi: 'Leader / maaseutuohjelma (CAP)',
      en: 'Leader / rural development (CAP)',
    },
    name: { nb: 'Leader resultatindikatorer', sv: 'Leader resultatindikatorer', fi: 'Leader-tulosindikaattorit', en: 'Leader result indicators' },
    indicators: [
      {
        key: 'R37',
        code: 'R.37',
        name: {
          nb: 'Nye arbeidsplasser i støttede prosjekter',
          sv: 'Nya arbetstillfällen i stödda projekt',
          fi: 'Uudet työpaikat tuetuissa hankkeissa',
          en: 'New jobs in supported projects',
        },
        definition: {
          nb: 'Arbeidsplasser skapt, registrert som utfall i perioden.',
          sv: 'Skapade arbetstillfällen, registrerade som utfall under perioden.',
          fi: 'Luodut työpaikat, kirjattu tuloksina jakson aikana.',
          en: 'Jobs created, recorded as outcomes in the period.',
        },
        unit: 'jobs',
        rule: { kind: 'sum', facts: ['coaching.outcome.jobs_created'] },
      },
      {
        key: 'R39',
        code: 'R.39',
        name: {
          nb: 'Bedrifter i distriktene som får støtte',
          sv: 'Landsbygdsföretag som fått stöd',
          fi: 'Tuetut maaseutuyritykset',
          en: 'Rural businesses supported',
        },
        definition: {
          nb: 'Bedrifter med rådgivning, kurs, arrangementer eller finansiering i perioden, telt én gang.',
          sv: 'Företag med rådgivning, kurser, evenemang eller finansiering under perioden, räknade en gång.',
          fi: 'Yritykset, jotka saivat neuvontaa, kursseja, tapahtumia tai rahoitusta jakson aikana, kerran laskettuna.',
          en: 'Businesses with advice, courses, events or funding in the period, counted once.',
        },
        unit: 'firms',
        rule: { kind: 'firms', facts: supportFacts, split: 'size' },
      },
    ],
  },
  {
    key: 'plain',
    funder: { nb: 'Kommune og fylke', sv: 'Kommun och region', fi: 'Kunta ja maakunta', en: 'Municipality and county' },
    name: { nb: 'Enkle tall', sv: 'Enkla tal', fi: 'Perusluvut', en: 'Plain counts' },
    indicators: [
      {
        key: 'EV-HELD',
        code: 'A1',
        name: { nb: 'Arrangementer holdt', sv: 'Genomförda evenemang', fi: 'Järjestetyt tapahtumat', en: 'Events held' },
        definition: {
          nb: 'Publiserte arrangementer som startet i perioden.',
          sv: 'Publicerade evenemang som började under perioden.',
          fi: 'Julkaistut tapahtumat, jotka alkoivat jakson aikana.',
          en: 'Published events that started in the period.',
        },
        unit: 'events',
        rule: { kind: 'total', total: 'events.held' },
      },
      {
        key: 'EV-PART',
        code: 'A2',
        name: { nb: 'Deltakere etter kjønn', sv: 'Deltagare efter kön', fi: 'Osallistujat sukupuolen mukaan', en: 'Participants by gender' },
        definition: {
          nb: 'Innsjekkede deltakere; kjønn der arrangementet spurte.',
          sv: 'Incheckade deltagare; kön där evenemanget frågade.',
          fi: 'Sisään kirjautuneet osallistujat; sukupuoli, jos tapahtuma kysyi.',
          en: 'Checked-in participants; gender where the event asked.',
        },
        unit: 'people',
        rule: { kind: 'total', total: 'events.participants', split: 'gender' },
      },
      {
        key: 'EV-FIRMS',
        code: 'A3',
        name: { nb: 'Bedrifter som deltok', sv: 'Företag som deltog', fi: 'Osallistuneet yritykset', en: 'Firms that attended' },
        definition: {
          nb: 'Bedrifter med minst ett besøkt arrangement, telt én gang.',
          sv: 'Företag med minst ett besökt evenemang, räknade en gång.',
          fi: 'Yritykset, jotka osallistuivat vähintään yhteen tapahtumaan, kerran laskettuna.',
          en: 'Firms that attended at least one event, counted once.',
        },
        unit: 'firms',
        rule: { kind: 'firms', facts: ['events.attended'] },
      },
      {
        key: 'AC-DONE',
        code: 'B1',
        name: { nb: 'Fullførte kurs', sv: 'Slutförda kurser', fi: 'Suoritetut kurssit', en: 'Courses completed' },
        definition: {
          nb: 'Kurs fullført av bedriftenes folk (ett kurs per bedrift telles én gang).',
          sv: 'Kurser som företagens personal slutfört (en kurs per företag räknas en gång).',
          fi: 'Yritysten henkilöstön suorittamat kurssit (kurssi lasketaan kerran yritystä kohden).',
          en: "Courses completed by the firms' people (a course counts once per firm).",
        },
        unit: 'courses',
        rule: { kind: 'count', facts: ['academy.completed'] },
      },
      {
        key: 'REF-MADE',
        code: 'C1',
        name: { nb: 'Henvisninger', sv: 'Hänvisningar', fi: 'Ohjaukset', en: 'Referrals' },
        definition: {
          nb: 'Henvisninger til partnere og nasjonale aktører i perioden.',
          sv: 'Hänvisningar till partner och nationella aktörer under perioden.',
          fi: 'Ohjaukset kumppaneille ja kansallisille toimijoille jakson aikana.',
          en: 'Referrals to partners and national bodies in the period.',
        },
        unit: 'referrals',
        rule: { kind: 'count', facts: ['coaching.referral'] },
      },
      {
        key: 'REF-RESULT',
        code: 'C2',
        name: { nb: 'Henvisninger med resultat', sv: 'Hänvisningar med resultat', fi: 'Ohjaukset, joilla tulos', en: 'Referrals with a result' },
        definition: {
          nb: 'Henvisninger besvart med finansiering eller rådgivning.',
          sv: 'Hänvisningar som besvarats med finansiering eller rådgivning.',
          fi: 'Ohjaukset, joihin vastattiin rahoituksella tai neuvonnalla.',
          en: 'Referrals answered with funding or advice.',
        },
        unit: 'referrals',
        rule: { kind: 'count', facts: ['coaching.referral_result'] },
      },
      {
        key: 'GC-LOCAL',
        code: 'D1',
        name: {
          nb: 'Gavekortpenger innløst lokalt',
          sv: 'Presentkortspengar inlösta lokalt',
          fi: 'Paikallisesti lunastetut lahjakorttirahat',
          en: 'Gift-card money redeemed locally',
        },
        definition: {
          nb: 'Innløst i medlemsbutikkene, minus tilbakeføringer.',
          sv: 'Inlöst i medlemsbutikerna, minus återföringar.',
          fi: 'Lunastettu jäsenliikkeissä, palautukset vähennettyinä.',
          en: 'Redeemed in the member shops, less reversals.',
        },
        unit: 'money',
        rule: { kind: 'sum', facts: ['giftcard.redeemed'] },
      },
      {
        key: 'SF-FIRMS',
        code: 'D2',
        name: {
          nb: 'Butikker med klikk og hent',
          sv: 'Butiker med klicka och hämta',
          fi: 'Myymälät, joissa nouto tilauksesta',
          en: 'Shops with click-and-collect pickups',
        },
        definition: {
          nb: 'Bedrifter der minst én reservasjon fra den felles nettbutikken ble hentet i perioden, telt én gang.',
          sv: 'Företag där minst en reservation från den gemensamma webbutiken hämtades under perioden, räknade en gång.',
          fi: 'Yritykset, joista vähintään yksi yhteisen verkkokaupan varaus noudettiin jakson aikana, kerran laskettuna.',
          en: 'Firms where at least one reservation from the shared storefront was collected in the period, counted once.',
        },
        unit: 'firms',
        rule: { kind: 'firms', facts: ['storefront.pickup'] },
      },
      {
        key: 'SF-VALUE',
        code: 'D3',
        name: {
          nb: 'Verdi hentet i butikk (klikk og hent)',
          sv: 'Värde hämtat i butik (klicka och hämta)',
          fi: 'Myymälästä noudettujen varausten arvo',
          en: 'Value collected in the shops (click-and-collect)',
        },
        definition: {
          nb: 'Verdien av hentede reservasjoner fra den felles nettbutikken; betalt i butikken.',
          sv: 'Värdet av hämtade reservationer från den gemensamma webbutiken; betalt i butiken.',
          fi: 'Yhteisen verkkokaupan noudettujen varausten arvo; maksettu myymälässä.',
          en: 'The value of collected reservations from the shared storefront; paid in the shop.',
        },
        unit: 'money',
        rule: { kind: 'sum', facts: ['storefront.pickup'] },
      },
      {
        key: 'SPEND-LOCAL',
        code: 'F1',
        name: {
          nb: 'Lokal andel av offentlige innkjøp',
          sv: 'Lokal andel av offentliga inköp',
          fi: 'Julkisten hankintojen paikallinen osuus',
          en: 'Local share of public spend',
        },
        definition: {
          nb: 'Andel av organisasjonens bokførte innkjøp i perioden (leverandørreskontro) som gikk til leverandører i kommunen eller regionen, slik resultatsiden for lokale innkjøp regner det; beløpene vises.',
          sv: 'Andel av organisationens bokförda inköp under perioden (leverantörsreskontra) som gick till leverantörer i kommunen eller regionen, beräknat som på resultatsidan för lokala inköp; beloppen visas.',
          fi: 'Osuus organisaation jakson kirjatuista hankinnoista (ostoreskontra), joka meni kunnan tai alueen toimittajille, laskettuna kuten paikallisten hankintojen tulossivulla; summat näytetään.',
          en: "Share of the organisation's booked purchases in the period (purchase ledger) paid to suppliers in the municipality or the region, as the local-spend results page counts it; the amounts are shown.",
        },
        unit: 'percent',
        rule: { kind: 'share', part: 'spend.local_minor', whole: 'spend.total_minor', partsUnit: 'money' },
      },
      {
        key: 'PG-FIRMS',
        code: 'G1',
        name: {
          nb: 'Bedrifter i anbudsfellesskap',
          sv: 'Företag i anbudsgrupper',
          fi: 'Yritykset tarjousryhmissä',
          en: 'Firms in bidding groups',
        },
        definition: {
          nb: 'Bedrifter som ble med i et anbudsfellesskap dannet i perioden, der organisasjonens rådgiver er invitert; hver bedrift telt én gang.',
          sv: 'Företag som gick med i en anbudsgrupp bildad under perioden, där organisationens rådgivare är inbjuden; varje företag räknat en gång.',
          fi: 'Yritykset, jotka liittyivät jakson aikana perustettuun tarjousryhmään, johon organisaation neuvoja on kutsuttu; kukin yritys kerran laskettuna.',
          en: "Firms that joined a bidding group formed in the period to which the organisation's coach is invited; each firm counted once.",
        },
        unit: 'firms',
        rule: { kind: 'firms', facts: ['procurement.member'] },
      },
      {
        key: 'PG-SUBMITTED',
        code: 'G2',
        name: { nb: 'Anbud levert av fellesskap', sv: 'Anbud lämnade av grupper', fi: 'Ryhmien jättämät tarjoukset', en: 'Bidding groups that submitted' },
        definition: {
          nb: 'Anbudsfellesskap dannet i perioden som har levert anbud (levert, vunnet eller tapt).',
          sv: 'Anbudsgrupper bildade under perioden som har lämnat anbud (lämnat, vunnit eller förlorat).',
          fi: 'Jakson aikana perustetut tarjousryhmät, jotka ovat jättäneet tarjouksen (jätetty, voitettu tai hävitty).',
          en: 'Bidding groups formed in the period that have submitted a bid (submitted, won or lost).',
        },
        unit: 'groups',
        rule: { kind: 'total', total: 'procurement.groups.submitted', firmsFrom: ['procurement.submitted'] },
      },
      {
        key: 'PG-WON',
        code: 'G3',
        name: { nb: 'Anbud vunnet av fellesskap', sv: 'Anbud vunna av grupper', fi: 'Ryhmien voittamat tarjoukset', en: 'Bidding groups that won' },
        definition: {
          nb: 'Anbudsfellesskap med utfallet «vunnet» registrert i perioden.',
          sv: 'Anbudsgrupper med utfallet ”vunnit” registrerat under perioden.',
          fi: 'Tarjousryhmät, joille on kirjattu tulos ”voitettu” jakson aikana.',
          en: 'Bidding groups with the outcome "won" recorded in the period.',
        },
        unit: 'groups',
        rule: { kind: 'total', total: 'procurement.groups.won', firmsFrom: ['procurement.won'] },
      },
      {
        key: 'SUPPORTED',
        code: 'E1',
        name: { nb: 'Bedrifter som fikk støtte', sv: 'Företag som fått stöd', fi: 'Tuetut yritykset', en: 'Firms supported' },
        definition: {
          nb: 'Rådgivning, kurs, arrangementer eller finansiering, hver bedrift telt én gang.',
          sv: 'Rådgivning, kurser, evenemang eller finansiering, varje företag räknat en gång.',
          fi: 'Neuvonta, kurssit, tapahtumat tai rahoitus, kukin yritys kerran laskettuna.',
          en: 'Advice, courses, events or funding, each firm counted once.',
        },
        unit: 'firms',
        rule: { kind: 'firms', facts: supportFacts, split: 'size' },
      },
    ],
  },
];

/** What a template's indicators read: the fact kinds and the totals (a report asks only the sources that give them). */
export function needsOf(template: Template): { facts: Set<FactKind>; totals: Set<string> } {
  const facts = new Set<FactKind>();
  const totals = new Set<string>();
  for (const { rule } of template.indicators) {
    switch (rule.kind) {
      case 'firms':
      case 'sum':
      case 'count':
        for (const f of rule.facts) facts.add(f);
        break;
      case 'total':
        totals.add(rule.total);
        for (const f of rule.firmsFrom ?? []) facts.add(f);
        break;
      case 'share':
        totals.add(rule.part);
        totals.add(rule.whole);
        break;
      default:
        facts.add('network.member');
    }
  }
  return { facts, totals };
}

export type TemplateKey = Template['key'];
export const templateKeys = templates.map((t) => t.key) as TemplateKey[];
export const templateOf = (key: string): Template | undefined => templates.find((t) => t.key === key);
