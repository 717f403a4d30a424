import { defineMessages, format, type Locale, type Message } from '../../shared/i18n/i18n.js';

/** Mail texts in the recipient's chosen language; plain text with the link on its own line. */
const mail = defineMessages({
  resetSubject: {
    nb: 'Nytt passord for Lokalkraft',
    sv: 'Nytt lösenord för Lokalkraft',
    fi: 'Uusi salasana Lokalkraftiin',
    en: 'Reset your Lokalkraft password',
  },
  resetBody: {
    nb: 'Hei {name},\n\nNoen (forhåpentligvis du) ba om å sette nytt passord. Åpne lenken for å velge et nytt passord:\n\n{link}\n\nLenken virker én gang og i {hours} time. Ba du ikke om dette, kan du se bort fra e-posten.',
    sv: 'Hej {name},\n\nNågon (förhoppningsvis du) bad om att byta lösenord. Öppna länken för att välja ett nytt lösenord:\n\n{link}\n\nLänken fungerar en gång och i {hours} timme. Om du inte bad om detta kan du bortse från mejlet.',
    fi: 'Hei {name},\n\nJoku (toivottavasti sinä) pyysi salasanan vaihtoa. Valitse uusi salasana avaamalla linkki:\n\n{link}\n\nLinkki toimii kerran ja {hours} tunnin ajan. Jos et pyytänyt tätä, voit jättää viestin huomiotta.',
    en: 'Hello {name},\n\nSomeone (hopefully you) asked to reset your password. Open this link to choose a new one:\n\n{link}\n\nThe link works once, for {hours} hour. If you did not ask for this, ignore this e-mail.',
  },
  setPasswordSubject: { nb: 'Velkommen til Lokalkraft', sv: 'Välkommen till Lokalkraft', fi: 'Tervetuloa Lokalkraftiin', en: 'Welcome to Lokalkraft' },
  setPasswordBody: {
    nb: 'Hei {name},\n\nDet er opprettet en konto til deg. Velg passord her:\n\n{link}\n\nLenken virker én gang og i {days} dager.',
    sv: 'Hej {name},\n\nEtt konto har skapats åt dig. Välj lösenord här:\n\n{link}\n\nLänken fungerar en gång och i {days} dagar.',
    fi: 'Hei {name},\n\nSinulle on luotu tili. Valitse salasana tästä:\n\n{link}\n\nLinkki toimii kerran ja {days} päivän ajan.',
    en: 'Hello {name},\n\nAn account has been created for you. Choose your password here:\n\n{link}\n\nThe link works once, for {days} days.',
  },
  verifySubject: { nb: 'Bekreft e-postadressen din', sv: 'Bekräfta din e-postadress', fi: 'Vahvista sähköpostiosoitteesi', en: 'Confirm your e-mail address' },
  verifyBody: {
    nb: 'Hei {name},\n\nBekreft at denne adressen er din ved å åpne lenken:\n\n{link}\n\nLenken virker én gang og i {hours} timer.',
    sv: 'Hej {name},\n\nBekräfta att adressen är din genom att öppna länken:\n\n{link}\n\nLänken fungerar en gång och i {hours} timmar.',
    fi: 'Hei {name},\n\nVahvista, että osoite on sinun, avaamalla linkki:\n\n{link}\n\nLinkki toimii kerran ja {hours} tunnin ajan.',
    en: 'Hello {name},\n\nConfirm that this address is yours by opening the link:\n\n{link}\n\nThe link works once, for {hours} hours.',
  },
  inviteSubject: {
    nb: 'Invitasjon til {organisation} på Lokalkraft',
    sv: 'Inbjudan till {organisation} på Lokalkraft',
    fi: 'Kutsu: {organisation} Lokalkraftissa',
    en: 'Invitation to {organisation} on Lokalkraft',
  },
  inviteBody: {
    nb: 'Hei,\n\n{inviter} har invitert deg til {organisation} som {role}. Åpne lenken for å takke ja:\n\n{link}\n\nLenken virker én gang og i {days} dager.',
    sv: 'Hej,\n\n{inviter} har bjudit in dig till {organisation} som {role}. Öppna länken för att tacka ja:\n\n{link}\n\nLänken fungerar en gång och i {days} dagar.',
    fi: 'Hei,\n\n{inviter} on kutsunut sinut organisaatioon {organisation} rooliin {role}. Hyväksy kutsu avaamalla linkki:\n\n{link}\n\nLinkki toimii kerran ja {days} päivän ajan.',
    en: 'Hello,\n\n{inviter} has invited you to {organisation} as {role}. Open the link to accept:\n\n{link}\n\nThe link works once, for {days} days.',
  },
  alreadySubject: { nb: 'Du har allerede en konto', sv: 'Du har redan ett konto', fi: 'Sinulla on jo tili', en: 'You already have an account' },
  alreadyBody: {
    nb: 'Hei {name},\n\nNoen prøvde å registrere en ny konto med denne adressen, men du har allerede en. Har du glemt passordet, kan du sette et nytt her:\n\n{link}',
    sv: 'Hej {name},\n\nNågon försökte registrera ett nytt konto med den här adressen, men du har redan ett. Om du har glömt lösenordet kan du välja ett nytt här:\n\n{link}',
    fi: 'Hei {name},\n\nJoku yritti luoda uuden tilin tällä osoitteella, mutta sinulla on jo tili. Jos olet unohtanut salasanan, voit vaihtaa sen täällä:\n\n{link}',
    en: 'Hello {name},\n\nSomeone tried to sign up with this address, but you already have an account. If you forgot your password, you can choose a new one here:\n\n{link}',
  },
});

export type MailKind = 'reset' | 'set_password' | 'verify' | 'invite' | 'already_registered';

const templates: Record<MailKind, { subject: Message; body: Message }> = {
  reset: { subject: mail.resetSubject, body: mail.resetBody },
  set_password: { subject: mail.setPasswordSubject, body: mail.setPasswordBody },
  verify: { subject: mail.verifySubject, body: mail.verifyBody },
  invite: { subject: mail.inviteSubject, body: mail.inviteBody },
  already_registered: { subject: mail.alreadySubject, body: mail.alreadyBody },
};

export function accountMail(kind: MailKind, locale: Locale, values: Record<string, string>): { subject: string; text: string } {
  const t = templates[kind];
  return { subject: format(t.subject[locale], values), text: format(t.body[locale], values) };
}
