import { PDFDocument, rgb, StandardFonts, type PDFFont } from 'pdf-lib';
import { formatDate } from '../../shared/i18n/format.js';
import type { Locale } from '../../shared/i18n/i18n.js';
import { msg } from './academy.messages.js';
import type { CertificateDto } from './academy.service.js';
import { text } from './academy.views.js';

/** Characters the standard fonts cannot draw (outside WinAnsi: Sami letters with diacritics, emoji) become close letters or '?'. */
function drawable(font: PDFFont, s: string): string {
  return [...s.normalize('NFC')]
    .map((ch) => {
      try {
        font.encodeText(ch);
        return ch;
      } catch {
        const plain = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
        try {
          font.encodeText(plain);
          return plain;
        } catch {
          return '?';
        }
      }
    })
    .join('');
}

/** A one-page A4 certificate: who, what, when, by whom, and the verification link. Standard fonts (WinAnsi covers å, ä, ö, æ, ø). */
export async function certificatePdf(cert: CertificateDto, l: Locale, verifyUrl: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`${msg.certificate[l]} – ${text(cert.courseTitle, l)}`);
  pdf.setAuthor(cert.course.author.name);
  pdf.setCreator('Lokalkraft');
  pdf.setLanguage(l);
  const page = pdf.addPage([595.28, 841.89]);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const { width } = page.getSize();
  let y = 700;
  const centred = (s: string, size: number, font: PDFFont, gap: number) => {
    const t = drawable(font, s);
    let fitted = size;
    while (font.widthOfTextAtSize(t, fitted) > width - 80 && fitted > 8) fitted -= 1;
    page.drawText(t, { x: (width - font.widthOfTextAtSize(t, fitted)) / 2, y, size: fitted, font, color: rgb(0.1, 0.1, 0.15) });
    y -= gap;
  };
  page.drawRectangle({ x: 30, y: 30, width: width - 60, height: 841.89 - 60, borderColor: rgb(0.2, 0.35, 0.55), borderWidth: 3 });
  centred(msg.certificateOfCompletion[l], 28, bold, 70);
  centred(cert.learnerName, 24, bold, 40);
  centred(msg.hasCompleted[l], 14, regular, 40);
  centred(text(cert.courseTitle, l), 20, bold, 60);
  centred(`${msg.completedAt[l]}: ${formatDate(cert.completedAt, l)}`, 12, regular, 22);
  if (cert.firmName) centred(`${msg.firm[l]}: ${cert.firmName}`, 12, regular, 22);
  centred(`${msg.madeBy[l]}: ${cert.course.author.name}`, 12, regular, 22);
  centred(`${msg.version[l]}: ${cert.version}`, 12, regular, 60);
  centred(msg.verificationLink[l], 11, bold, 18);
  centred(verifyUrl, 10, regular, 18);
  centred(`${msg.certificateCode[l]}: ${cert.code}`, 10, regular, 18);
  return pdf.save();
}
