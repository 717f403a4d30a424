/**
 * ISO 20022 pain.001.001.09 (customer credit transfer initiation) for a settlement: one payment
 * information block debiting the issuer's account, one credit transfer per shop with money due.
 * Written as the EPC SEPA credit transfer guidelines restrict the message (names ≤ 70 characters,
 * IBAN accounts, amounts with two decimals); test/fixtures/pain.001.001.09.xsd checks it in tests.
 */
export interface PainPayment {
  endToEndId: string;
  name: string;
  iban: string;
  bic: string | null;
  amountMinor: number;
  remittance: string;
}

export interface PainInput {
  messageId: string;
  createdAt: Date;
  executionDate: string;
  currency: string;
  debtor: { name: string; iban: string; bic: string | null };
  payments: PainPayment[];
}

const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
/** Text for Max70/Max140 fields: control characters out, cut to the limit. */
const text = (s: string, max: number) =>
  escapeXml(
    s
      .replace(/[\u0000-\u001f\u007f]/g, ' ')
      .trim()
      .slice(0, max) || '-',
  );
const id35 = (s: string) => escapeXml(s.replace(/[^A-Za-z0-9/\-?:().,'+ ]/g, '').slice(0, 35) || 'NOTPROVIDED');
export const minorToAmount = (minor: number) => `${Math.trunc(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
const agent = (bic: string | null) =>
  bic ? `<FinInstnId><BICFI>${escapeXml(bic)}</BICFI></FinInstnId>` : '<FinInstnId><Othr><Id>NOTPROVIDED</Id></Othr></FinInstnId>';

export function buildPain001(input: PainInput): string {
  const payments = input.payments.filter((p) => p.amountMinor > 0);
  if (payments.length === 0) throw new Error('pain.001 needs at least one payment');
  const total = minorToAmount(payments.reduce((a, p) => a + p.amountMinor, 0));
  const created = input.createdAt.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09">',
    '<CstmrCdtTrfInitn>',
    `<GrpHdr><MsgId>${id35(input.messageId)}</MsgId><CreDtTm>${created}</CreDtTm><NbOfTxs>${payments.length}</NbOfTxs><CtrlSum>${total}</CtrlSum><InitgPty><Nm>${text(input.debtor.name, 70)}</Nm></InitgPty></GrpHdr>`,
    `<PmtInf><PmtInfId>${id35(input.messageId)}</PmtInfId><PmtMtd>TRF</PmtMtd><NbOfTxs>${payments.length}</NbOfTxs><CtrlSum>${total}</CtrlSum>`,
    `<ReqdExctnDt><Dt>${input.executionDate}</Dt></ReqdExctnDt>`,
    `<Dbtr><Nm>${text(input.debtor.name, 70)}</Nm></Dbtr><DbtrAcct><Id><IBAN>${escapeXml(input.debtor.iban)}</IBAN></Id></DbtrAcct><DbtrAgt>${agent(input.debtor.bic)}</DbtrAgt><ChrgBr>SLEV</ChrgBr>`,
  ];
  for (const p of payments) {
    lines.push(
      `<CdtTrfTxInf><PmtId><EndToEndId>${id35(p.endToEndId)}</EndToEndId></PmtId><Amt><InstdAmt Ccy="${escapeXml(input.currency)}">${minorToAmount(p.amountMinor)}</InstdAmt></Amt>` +
        (p.bic ? `<CdtrAgt>${agent(p.bic)}</CdtrAgt>` : '') +
        `<Cdtr><Nm>${text(p.name, 70)}</Nm></Cdtr><CdtrAcct><Id><IBAN>${escapeXml(p.iban)}</IBAN></Id></CdtrAcct><RmtInf><Ustrd>${text(p.remittance, 140)}</Ustrd></RmtInf></CdtTrfTxInf>`,
    );
  }
  lines.push('</PmtInf>', '</CstmrCdtTrfInitn>', '</Document>');
  return `${lines.join('\n')}\n`;
}

/** ISO 13616 IBAN check (mod 97), for the forms. */
export function isValidIban(iban: string): boolean {
  const s = iban.replace(/\s/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(s)) return false;
  const moved = s.slice(4) + s.slice(0, 4);
  let rest = 0;
  for (const ch of moved) {
    const v = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of v) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest === 1;
}
