import { defineMessages } from '../../shared/i18n/i18n.js';

export const auditMsg = defineMessages({
  when: { nb: 'Når', sv: 'När', fi: 'Milloin', en: 'When' },
  who: { nb: 'Hvem', sv: 'Vem', fi: 'Kuka', en: 'Who' },
  what: { nb: 'Hva', sv: 'Vad', fi: 'Mitä', en: 'What' },
  changes: { nb: 'Endringer', sv: 'Ändringar', fi: 'Muutokset', en: 'Changes' },
  field: { nb: 'Felt', sv: 'Fält', fi: 'Kenttä', en: 'Field' },
  before: { nb: 'Før', sv: 'Före', fi: 'Ennen', en: 'Before' },
  after: { nb: 'Etter', sv: 'Efter', fi: 'Jälkeen', en: 'After' },
  system: { nb: 'Systemet', sv: 'Systemet', fi: 'Järjestelmä', en: 'System' },
  empty: { nb: 'Ingen endringer er logget.', sv: 'Inga ändringar har loggats.', fi: 'Muutoksia ei ole kirjattu.', en: 'No changes have been logged.' },
  older: { nb: 'Eldre endringer', sv: 'Äldre ändringar', fi: 'Vanhemmat muutokset', en: 'Older changes' },
  caption: { nb: 'Endringer, nyeste først', sv: 'Ändringar, nyaste först', fi: 'Muutokset, uusin ensin', en: 'Changes, newest first' },
});
