import { defineMessages } from '../i18n/i18n.js';

/** What a person reads when the database refuses a request (see db-errors.ts). */
export const robustnessMessages = defineMessages({
  changedMeanwhile: {
    nb: 'Noe annet ble endret samtidig. Last siden på nytt og prøv igjen.',
    sv: 'Något annat ändrades samtidigt. Ladda om sidan och försök igen.',
    fi: 'Jotain muuta muutettiin samaan aikaan. Lataa sivu uudelleen ja yritä uudestaan.',
    en: 'Something else was changed at the same time. Reload the page and try again.',
  },
  valueNotAccepted: {
    nb: 'En verdi i forespørselen er ugyldig (for stor, ikke en dato eller med ugyldige tegn).',
    sv: 'Ett värde i begäran är ogiltigt (för stort, inget datum eller med ogiltiga tecken).',
    fi: 'Pyynnössä on virheellinen arvo (liian suuri, ei päivämäärä tai kiellettyjä merkkejä).',
    en: 'A value in the request is not valid (too large, not a date, or with characters that are not allowed).',
  },
  busy: {
    nb: 'Tjenesten er travel akkurat nå. Prøv igjen om et øyeblikk.',
    sv: 'Tjänsten är upptagen just nu. Försök igen om en stund.',
    fi: 'Palvelu on juuri nyt kiireinen. Yritä hetken päästä uudelleen.',
    en: 'The service is busy right now. Try again in a moment.',
  },
  yearOutOfRange: {
    nb: 'må ha et årstall mellom {min} og {max}',
    sv: 'måste ha ett årtal mellan {min} och {max}',
    fi: 'vuoden on oltava välillä {min}–{max}',
    en: 'must have a year between {min} and {max}',
  },
});
