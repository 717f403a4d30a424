import { defineMessages } from './i18n.js';

/** Texts used by the shared layout and error pages. */
export const common = defineMessages({
  siteName: { nb: 'Lokalkraft', sv: 'Lokalkraft', fi: 'Lokalkraft', en: 'Lokalkraft' },
  tagline: {
    nb: 'Finn lokale bedrifter, produkter og tjenester',
    sv: 'Hitta lokala företag, produkter och tjänster',
    fi: 'Löydä paikalliset yritykset, tuotteet ja palvelut',
    en: 'Find local firms, products and services',
  },
  skipToContent: { nb: 'Hopp til innholdet', sv: 'Hoppa till innehållet', fi: 'Siirry sisältöön', en: 'Skip to content' },
  language: { nb: 'Språk', sv: 'Språk', fi: 'Kieli', en: 'Language' },
  change: { nb: 'Bytt', sv: 'Byt', fi: 'Vaihda', en: 'Change' },
  /** The header of a table's column of buttons (an empty header fails axe). */
  actions: { nb: 'Handlinger', sv: 'Åtgärder', fi: 'Toiminnot', en: 'Actions' },
  mainNav: { nb: 'Hovedmeny', sv: 'Huvudmeny', fi: 'Päävalikko', en: 'Main menu' },
  directory: { nb: 'Bedriftskatalog', sv: 'Företagskatalog', fi: 'Yrityshakemisto', en: 'Directory' },
  api: { nb: 'Åpent API', sv: 'Öppet API', fi: 'Avoin rajapinta', en: 'Open API' },
  footer: {
    nb: 'Lokalkraft – en åpen plattform for lokalt næringsliv i Norden',
    sv: 'Lokalkraft – en öppen plattform för lokalt näringsliv i Norden',
    fi: 'Lokalkraft – avoin alusta pohjoismaiselle paikalliselle elinkeinoelämälle',
    en: 'Lokalkraft – an open platform for local business in the Nordics',
  },
  errorTitle: { nb: 'Noe gikk galt', sv: 'Något gick fel', fi: 'Jokin meni vikaan', en: 'Something went wrong' },
  notFoundTitle: { nb: 'Fant ikke siden', sv: 'Sidan hittades inte', fi: 'Sivua ei löytynyt', en: 'Page not found' },
  forbiddenTitle: { nb: 'Ingen tilgang', sv: 'Ingen åtkomst', fi: 'Ei käyttöoikeutta', en: 'Access denied' },
  badRequestTitle: { nb: 'Ugyldig forespørsel', sv: 'Ogiltig begäran', fi: 'Virheellinen pyyntö', en: 'Invalid request' },
  backHome: { nb: 'Til forsiden', sv: 'Till startsidan', fi: 'Etusivulle', en: 'Back to the front page' },
  demoNotice: {
    nb: 'Demodata: bedriftene i demoregionen er oppdiktet.',
    sv: 'Demodata: företagen i demoregionen är påhittade.',
    fi: 'Demotietoa: demoalueen yritykset ovat kuvitteellisia.',
    en: 'Demo data: the firms in the demo region are fictional.',
  },
});
