import { defineMessages } from './i18n.js';

/** Messages of errors any module raises, and of field problems found by validation. */
export const errorMessages = defineMessages({
  signInRequired: { nb: 'Du må logge inn.', sv: 'Du måste logga in.', fi: 'Kirjaudu sisään.', en: 'Please sign in.' },
  notAllowed: {
    nb: 'Du har ikke tilgang til dette.',
    sv: 'Du har inte behörighet till detta.',
    fi: 'Sinulla ei ole oikeutta tähän.',
    en: 'You are not allowed to do this.',
  },
  notFound: { nb: 'Fant ikke det du ba om.', sv: 'Det du bad om finns inte.', fi: 'Pyydettyä ei löytynyt.', en: 'Not found.' },
  invalidInput: {
    nb: 'Noen felt må rettes: {fields}',
    sv: 'Några fält behöver rättas: {fields}',
    fi: 'Korjaa seuraavat kentät: {fields}',
    en: 'Some fields need fixing: {fields}',
  },
  bodyTooLarge: {
    nb: 'Forespørselen er for stor (høyst {limit}).',
    sv: 'Begäran är för stor (högst {limit}).',
    fi: 'Pyyntö on liian suuri (enintään {limit}).',
    en: 'The request is too large (at most {limit}).',
  },
  alreadyExists: {
    nb: 'Dette finnes allerede.',
    sv: 'Detta finns redan.',
    fi: 'Tämä on jo olemassa.',
    en: 'This already exists.',
  },
  tooManyRequests: {
    nb: 'For mange forsøk. Vent litt og prøv igjen.',
    sv: 'För många försök. Vänta en stund och försök igen.',
    fi: 'Liian monta yritystä. Odota hetki ja yritä uudelleen.',
    en: 'Too many attempts. Wait a while and try again.',
  },
  internal: {
    nb: 'Noe gikk galt hos oss. Prøv igjen senere.',
    sv: 'Något gick fel hos oss. Försök igen senare.',
    fi: 'Jokin meni vikaan. Yritä myöhemmin uudelleen.',
    en: 'Something went wrong on our side. Please try again later.',
  },
  // Field problems (validation), shown after the field's label.
  required: { nb: 'må fylles ut', sv: 'måste fyllas i', fi: 'on pakollinen', en: 'is required' },
  invalidValue: { nb: 'har en ugyldig verdi', sv: 'har ett ogiltigt värde', fi: 'on virheellinen', en: 'has an invalid value' },
  notANumber: { nb: 'må være et tall', sv: 'måste vara ett tal', fi: 'on oltava numero', en: 'must be a number' },
  notAWholeNumber: { nb: 'må være et helt tall', sv: 'måste vara ett heltal', fi: 'on oltava kokonaisluku', en: 'must be a whole number' },
  notADate: {
    nb: 'må være en gyldig dato (ÅÅÅÅ-MM-DD)',
    sv: 'måste vara ett giltigt datum (ÅÅÅÅ-MM-DD)',
    fi: 'on oltava kelvollinen päivämäärä (VVVV-KK-PP)',
    en: 'must be a valid date (YYYY-MM-DD)',
  },
  notATime: { nb: 'må være et klokkeslett som 09:00', sv: 'måste vara en tid som 09:00', fi: 'on oltava kellonaika, esim. 09:00', en: 'must be a time like 09:00' },
  notAnEmail: { nb: 'må være en e-postadresse', sv: 'måste vara en e-postadress', fi: 'on oltava sähköpostiosoite', en: 'must be an e-mail address' },
  notAUrl: { nb: 'må være en nettadresse (https://…)', sv: 'måste vara en webbadress (https://…)', fi: 'on oltava verkko-osoite (https://…)', en: 'must be a web address (https://…)' },
  tooLong: { nb: 'er for lang (høyst {max})', sv: 'är för lång (högst {max})', fi: 'on liian pitkä (enintään {max})', en: 'is too long (at most {max})' },
  tooShort: { nb: 'er for kort (minst {min})', sv: 'är för kort (minst {min})', fi: 'on liian lyhyt (vähintään {min})', en: 'is too short (at least {min})' },
  tooBig: { nb: 'må være høyst {max}', sv: 'får vara högst {max}', fi: 'saa olla enintään {max}', en: 'must be at most {max}' },
  tooSmall: { nb: 'må være minst {min}', sv: 'måste vara minst {min}', fi: 'on oltava vähintään {min}', en: 'must be at least {min}' },
  notOneOf: { nb: 'må være en av: {options}', sv: 'måste vara en av: {options}', fi: 'on oltava jokin näistä: {options}', en: 'must be one of: {options}' },
  controlCharacters: {
    nb: 'inneholder ugyldige tegn',
    sv: 'innehåller ogiltiga tecken',
    fi: 'sisältää kiellettyjä merkkejä',
    en: 'contains characters that are not allowed',
  },
  unknownField: { nb: 'er ikke et kjent felt', sv: 'är inte ett känt fält', fi: 'ei ole tunnettu kenttä', en: 'is not a known field' },
});
