import { defineMessages, type Message } from '../../shared/i18n/i18n.js';

/** The code lists of coaching, each code with its label in four languages (stored codes never change). */
export const caseTypes = defineMessages({
  start_up: { nb: 'Oppstart', sv: 'Nystart', fi: 'Aloittava yritys', en: 'Start-up' },
  growth: { nb: 'Vekst', sv: 'Tillväxt', fi: 'Kasvu', en: 'Growth' },
  digital_shift: { nb: 'Digital omstilling', sv: 'Digital omställning', fi: 'Digitalisaatio', en: 'Digital shift' },
  crisis: { nb: 'Krise', sv: 'Kris', fi: 'Kriisi', en: 'Crisis' },
  generational_change: { nb: 'Generasjonsskifte', sv: 'Generationsskifte', fi: 'Sukupolvenvaihdos', en: 'Generational change' },
  export: { nb: 'Eksport', sv: 'Export', fi: 'Vienti', en: 'Export' },
  financing: { nb: 'Finansiering', sv: 'Finansiering', fi: 'Rahoitus', en: 'Financing' },
  recruitment: { nb: 'Rekruttering', sv: 'Kompetensförsörjning', fi: 'Rekrytointi', en: 'Recruitment' },
});
export type CaseType = keyof typeof caseTypes;

export const needs = defineMessages({
  financing: { nb: 'Finansiering', sv: 'Finansiering', fi: 'Rahoitus', en: 'Financing' },
  marketing: { nb: 'Markedsføring', sv: 'Marknadsföring', fi: 'Markkinointi', en: 'Marketing' },
  premises: { nb: 'Lokaler', sv: 'Lokaler', fi: 'Toimitilat', en: 'Premises' },
  skills: { nb: 'Kompetanse', sv: 'Kompetens', fi: 'Osaaminen', en: 'Skills' },
  recruitment: { nb: 'Rekruttering', sv: 'Rekrytering', fi: 'Rekrytointi', en: 'Recruitment' },
  digital: { nb: 'Digitalisering', sv: 'Digitalisering', fi: 'Digitalisointi', en: 'Digitalisation' },
  export: { nb: 'Nye markeder', sv: 'Nya marknader', fi: 'Uudet markkinat', en: 'New markets' },
  ownership: { nb: 'Eierskifte', sv: 'Ägarskifte', fi: 'Omistajanvaihdos', en: 'Change of owner' },
  network: { nb: 'Nettverk', sv: 'Nätverk', fi: 'Verkostot', en: 'Networks' },
  sustainability: { nb: 'Bærekraft', sv: 'Hållbarhet', fi: 'Kestävyys', en: 'Sustainability' },
});
export type Need = keyof typeof needs;

export const statuses = defineMessages({
  open: { nb: 'Åpen', sv: 'Öppen', fi: 'Avoin', en: 'Open' },
  active: { nb: 'Aktiv', sv: 'Aktiv', fi: 'Aktiivinen', en: 'Active' },
  waiting: { nb: 'Venter', sv: 'Väntar', fi: 'Odottaa', en: 'Waiting' },
  closed: { nb: 'Avsluttet', sv: 'Avslutad', fi: 'Suljettu', en: 'Closed' },
});

export const closeReasons = defineMessages({
  goal_reached: { nb: 'Målet nådd', sv: 'Målet uppnått', fi: 'Tavoite saavutettu', en: 'Goal reached' },
  referred: { nb: 'Henvist videre', sv: 'Hänvisad vidare', fi: 'Ohjattu eteenpäin', en: 'Referred on' },
  firm_withdrew: { nb: 'Bedriften trakk seg', sv: 'Företaget avbröt', fi: 'Yritys vetäytyi', en: 'Firm withdrew' },
  firm_closed: { nb: 'Bedriften er nedlagt', sv: 'Företaget har upphört', fi: 'Yritys lopetti', en: 'Firm closed down' },
  no_contact: { nb: 'Ingen kontakt', sv: 'Ingen kontakt', fi: 'Ei yhteyttä', en: 'No contact' },
});

export const entryKinds = defineMessages({
  meeting: { nb: 'Møte', sv: 'Möte', fi: 'Tapaaminen', en: 'Meeting' },
  note: { nb: 'Notat', sv: 'Anteckning', fi: 'Muistiinpano', en: 'Note' },
  email: { nb: 'E-post', sv: 'E-post', fi: 'Sähköposti', en: 'E-mail' },
  task: { nb: 'Oppgave', sv: 'Uppgift', fi: 'Tehtävä', en: 'Task' },
  document: { nb: 'Dokument', sv: 'Dokument', fi: 'Asiakirja', en: 'Document' },
});

export const meetingForms = defineMessages({
  visit: { nb: 'Besøk', sv: 'Besök', fi: 'Käynti', en: 'Visit' },
  phone: { nb: 'Telefon', sv: 'Telefon', fi: 'Puhelin', en: 'Phone' },
  video: { nb: 'Video', sv: 'Video', fi: 'Video', en: 'Video' },
});

export const outcomeKinds = defineMessages({
  new_product: { nb: 'Nytt produkt eller ny tjeneste', sv: 'Ny produkt eller tjänst', fi: 'Uusi tuote tai palvelu', en: 'New product or service' },
  new_market: { nb: 'Nytt marked', sv: 'Ny marknad', fi: 'Uusi markkina', en: 'New market' },
  jobs_created: { nb: 'Nye arbeidsplasser', sv: 'Nya arbetstillfällen', fi: 'Uudet työpaikat', en: 'Jobs created' },
  jobs_kept: { nb: 'Bevarte arbeidsplasser', sv: 'Bevarade arbetstillfällen', fi: 'Säilytetyt työpaikat', en: 'Jobs kept' },
  turnover_change: { nb: 'Endret omsetning', sv: 'Ändrad omsättning', fi: 'Liikevaihdon muutos', en: 'Turnover change' },
  funding: { nb: 'Finansiering oppnådd', sv: 'Finansiering beviljad', fi: 'Rahoitus saatu', en: 'Funding obtained' },
});

export const referralStatuses = defineMessages({
  open: { nb: 'Åpen', sv: 'Öppen', fi: 'Avoin', en: 'Open' },
  accepted: { nb: 'Akseptert', sv: 'Accepterad', fi: 'Hyväksytty', en: 'Accepted' },
  declined: { nb: 'Avslått', sv: 'Avböjd', fi: 'Hylätty', en: 'Declined' },
  done: { nb: 'Fullført', sv: 'Avslutad', fi: 'Valmis', en: 'Done' },
});

export const referralResults = defineMessages({
  funding: { nb: 'Fikk finansiering', sv: 'Fick finansiering', fi: 'Sai rahoitusta', en: 'Funding obtained' },
  advice: { nb: 'Fikk rådgivning', sv: 'Fick rådgivning', fi: 'Sai neuvontaa', en: 'Advice given' },
  no_result: { nb: 'Uten resultat', sv: 'Utan resultat', fi: 'Ei tulosta', en: 'No result' },
});

export const activityKinds = defineMessages({
  visit: { nb: 'Bedriftsbesøk', sv: 'Företagsbesök', fi: 'Yritysvierailu', en: 'Firm visit' },
  workshop: { nb: 'Verksted', sv: 'Workshop', fi: 'Työpaja', en: 'Workshop' },
  campaign: { nb: 'Kampanje', sv: 'Kampanj', fi: 'Kampanja', en: 'Campaign' },
  fair: { nb: 'Messe', sv: 'Mässa', fi: 'Messut', en: 'Fair' },
  meeting: { nb: 'Møte', sv: 'Möte', fi: 'Kokous', en: 'Meeting' },
});

export const consentScopes = defineMessages({
  case_sharing: {
    nb: 'Saker kan vises for partnerorganisasjoner i delingsavtalen',
    sv: 'Ärenden får visas för partnerorganisationer i delningsavtalet',
    fi: 'Asiat voidaan näyttää jakosopimuksen kumppaneille',
    en: 'Cases may be shown to the partner organisations of the sharing agreement',
  },
  referral: {
    nb: 'Opplysninger kan sendes med henvisninger',
    sv: 'Uppgifter får skickas med hänvisningar',
    fi: 'Tietoja voidaan lähettää ohjausten mukana',
    en: 'Details may be sent with referrals',
  },
});

/** National bodies a coach refers to when they are not on the platform (free text is allowed too). */
export const nationalBodies = ['Almi', 'Vinnova', 'Tillväxtverket', 'Innovasjon Norge', 'SIVA', 'Business Finland', 'ELY-keskus', 'Finnvera'];

export const keysOf = <T extends Record<string, Message>>(list: T) => Object.keys(list) as [keyof T & string, ...(keyof T & string)[]];
export const optionsOf = (list: Record<string, Message>, l: keyof Message) => Object.entries(list).map(([value, m]) => ({ value, label: m[l] }));
