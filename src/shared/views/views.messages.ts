import { defineMessages } from '../i18n/i18n.js';

/** Texts of the shared view components (forms, tables, pagination). */
export const viewMessages = defineMessages({
  errorsInForm: { nb: 'Skjemaet har feil:', sv: 'Formuläret har fel:', fi: 'Lomakkeessa on virheitä:', en: 'The form has errors:' },
  onLine: { nb: 'linje {line}', sv: 'rad {line}', fi: 'rivi {line}', en: 'line {line}' },
  older: { nb: 'Eldre', sv: 'Äldre', fi: 'Vanhemmat', en: 'Older' },
  olderThan: { nb: 'Eldre enn oppføring', sv: 'Äldre än post', fi: 'Vanhemmat kuin merkintä', en: 'Older than entry' },
  pagination: { nb: 'Flere sider', sv: 'Fler sidor', fi: 'Lisää sivuja', en: 'More pages' },
});
