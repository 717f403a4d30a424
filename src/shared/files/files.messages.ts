import { defineMessages } from '../i18n/i18n.js';

/** Texts of the file store: upload refusals and field problems. */
export const filesMessages = defineMessages({
  fileTooLarge: {
    nb: 'Filen er for stor (høyst {limit}).',
    sv: 'Filen är för stor (högst {limit}).',
    fi: 'Tiedosto on liian suuri (enintään {limit}).',
    en: 'The file is too large (at most {limit}).',
  },
  tooLarge: { nb: 'er større enn {limit}', sv: 'är större än {limit}', fi: 'on suurempi kuin {limit}', en: 'is larger than {limit}' },
  fileTypeRefused: {
    nb: 'Denne filtypen tas ikke imot her. Tillatt: {allowed}.',
    sv: 'Den här filtypen tas inte emot här. Tillåtet: {allowed}.',
    fi: 'Tätä tiedostotyyppiä ei voi lähettää tähän. Sallitut: {allowed}.',
    en: 'This kind of file is not accepted here. Allowed: {allowed}.',
  },
  notAllowedType: {
    nb: 'er ikke av en tillatt type ({allowed})',
    sv: 'är inte av en tillåten typ ({allowed})',
    fi: 'ei ole sallittua tyyppiä ({allowed})',
    en: 'is not of an allowed kind ({allowed})',
  },
  notValidCaptions: {
    nb: 'er ikke en gyldig WebVTT-teksting (må begynne med «WEBVTT» og være UTF-8)',
    sv: 'är inte en giltig WebVTT-textning (måste börja med ”WEBVTT” och vara UTF-8)',
    fi: 'ei ole kelvollinen WebVTT-tekstitys (alun on oltava ”WEBVTT” ja merkistön UTF-8)',
    en: 'is not valid WebVTT captions (must start with "WEBVTT" and be UTF-8)',
  },
  emptyFile: { nb: 'er en tom fil', sv: 'är en tom fil', fi: 'on tyhjä tiedosto', en: 'is an empty file' },
  emptyUpload: { nb: 'Filen er tom.', sv: 'Filen är tom.', fi: 'Tiedosto on tyhjä.', en: 'The file is empty.' },
  captionsRefused: {
    nb: 'Tekstingen er ikke gyldig WebVTT.',
    sv: 'Textningen är inte giltig WebVTT.',
    fi: 'Tekstitys ei ole kelvollista WebVTT:tä.',
    en: 'The captions are not valid WebVTT.',
  },
  notWhole: { nb: 'kom ikke fram i sin helhet', sv: 'kom inte fram i sin helhet', fi: 'ei tullut perille kokonaan', en: 'did not arrive whole' },
  fileNameRefused: {
    nb: 'Filnavnet kan ikke brukes.',
    sv: 'Filnamnet kan inte användas.',
    fi: 'Tiedostonimeä ei voi käyttää.',
    en: 'The file name cannot be used.',
  },
  uploadIncomplete: {
    nb: 'Opplastingen ble avbrutt før filen var kommet fram.',
    sv: 'Uppladdningen avbröts innan filen hade kommit fram.',
    fi: 'Lähetys keskeytyi ennen kuin tiedosto oli perillä.',
    en: 'The upload was cut off before the whole file arrived.',
  },
  fileLabel: { nb: 'Fil', sv: 'Fil', fi: 'Tiedosto', en: 'File' },
  noSuchFile: { nb: 'Fant ikke filen.', sv: 'Filen finns inte.', fi: 'Tiedostoa ei löytynyt.', en: 'No such file.' },
  fileContentsMissing: {
    nb: 'Innholdet i filen finnes ikke lenger. Driftsansvarlig er varslet.',
    sv: 'Filens innehåll finns inte längre. Driftansvarig har fått besked.',
    fi: 'Tiedoston sisältöä ei enää ole. Ylläpitoa on tiedotettu.',
    en: 'The contents of this file are no longer available. The operator has been notified.',
  },
  badFileName: {
    nb: 'må være et filnavn på 1–255 tegn',
    sv: 'måste vara ett filnamn på 1–255 tecken',
    fi: 'on oltava 1–255 merkin tiedostonimi',
    en: 'must be a file name of 1–255 characters',
  },
  fileNameLabel: { nb: 'Filnavn', sv: 'Filnamn', fi: 'Tiedostonimi', en: 'File name' },
});
