import { SaxesParser } from 'saxes';
import {
  amountToMinor,
  combineDateTime,
  type NoticeKind,
  NoticeFormatError,
  normaliseCountry,
  normaliseCpv,
  normaliseLanguage,
  normaliseNationalId,
  type ParsedAward,
  type ParsedLot,
  type ParsedNotice,
  uniq,
} from './procurement.notice.js';

/**
 * eForms UBL 2.3 notices (Doffin, Hilma, TED) read with saxes as the bytes arrive. A file holds one
 * notice (what the portals publish) or several under any wrapper element (what a bulk download or
 * the benchmark writes); each notice's elements are kept as a small tree (a notice is tens of
 * kilobytes) that is read and dropped as soon as its end tag arrives, so memory stays flat
 * whatever the file size. Comments and the UBL extension noise are ignored.
 */
interface El {
  name: string; // local name with prefix, as written ("cbc:ID")
  attrs: Record<string, string>;
  text: string;
  children: El[];
  line: number;
}

const noticeRoots = new Set(['ContractNotice', 'ContractAwardNotice', 'PriorInformationNotice']);
const local = (name: string) => name.slice(name.indexOf(':') + 1);

/** Streams notices out of XML chunks; `push` returns the notices completed by that chunk. */
export class EformsReader {
  private readonly parser = new SaxesParser({ xmlns: false, position: true });
  private stack: El[] = [];
  private done: El[] = [];
  private currentNoticeId: string | null = null;
  private noticeCount = 0;

  private failure: NoticeFormatError | null = null;

  constructor(private readonly file: string) {
    // The first well-formedness error, named where it happened (saxes would go on after it).
    this.parser.on('error', (err) => {
      this.failure ??= new NoticeFormatError(
        this.file,
        this.currentNoticeId,
        this.where(),
        `malformed XML: ${err.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '')}`,
        this.parser.line,
      );
    });
    this.parser.on('opentag', (tag) => {
      const name = tag.name;
      const attrs: Record<string, string> = {};
      for (const [k, v] of Object.entries(tag.attributes)) attrs[k] = typeof v === 'string' ? v : (v as { value: string }).value;
      if (this.stack.length === 0) {
        if (!noticeRoots.has(local(name))) return; // a wrapper element
        this.currentNoticeId = null;
      }
      const el: El = { name, attrs, text: '', children: [], line: this.parser.line };
      this.stack.at(-1)?.children.push(el);
      this.stack.push(el);
    });
    this.parser.on('text', (t) => {
      const top = this.stack.at(-1);
      if (top) top.text += t;
    });
    this.parser.on('cdata', (t) => {
      const top = this.stack.at(-1);
      if (top) top.text += t;
    });
    this.parser.on('closetag', () => {
      const el = this.stack.pop();
      if (!el) return;
      el.text = el.text.trim();
      if (el.name === 'cbc:ID' && el.attrs.schemeName === 'notice-id' && this.stack.length === 1) this.currentNoticeId = el.text;
      if (this.stack.length === 0) {
        this.noticeCount++;
        this.done.push(el);
      }
    });
  }

  private where(): string {
    return this.stack.map((e) => e.name).join('/') || '(document)';
  }

  push(chunk: string): ParsedNotice[] {
    this.parser.write(chunk);
    if (this.failure) throw this.failure;
    return this.drain();
  }

  end(): ParsedNotice[] {
    this.parser.close();
    if (this.failure) throw this.failure;
    const out = this.drain();
    if (this.noticeCount === 0)
      throw new NoticeFormatError(
        this.file,
        null,
        '(document)',
        'no eForms notice (ContractNotice, ContractAwardNotice or PriorInformationNotice) in the file',
      );
    return out;
  }

  private drain(): ParsedNotice[] {
    const out = this.done.map((el) => toNotice(this.file, el));
    this.done = [];
    return out;
  }
}

// ---- reading the tree ----------------------------------------------------------------

const kids = (el: El | undefined, name: string): El[] => (el ? el.children.filter((c) => c.name === name) : []);
const kid = (el: El | undefined, name: string): El | undefined => el?.children.find((c) => c.name === name);
/** The first element at a path of names below `el`. */
function at(el: El | undefined, ...path: string[]): El | undefined {
  let cur = el;
  for (const p of path) cur = kid(cur, p);
  return cur;
}
function all(el: El | undefined, ...path: string[]): El[] {
  if (!el) return [];
  if (path.length === 0) return [el];
  const [first, ...rest] = path;
  return kids(el, first!).flatMap((c) => all(c, ...rest));
}
const textAt = (el: El | undefined, ...path: string[]) => at(el, ...path)?.text || null;
const extension = (el: El | undefined) => at(el, 'ext:UBLExtensions', 'ext:UBLExtension', 'ext:ExtensionContent', 'efext:EformsExtension');

interface Org {
  name: string | null;
  nationalId: string | null;
  country: string | null;
}

const kindOf = (listName: string | undefined): NoticeKind =>
  listName === 'planning' ? 'planning' : listName === 'result' ? 'result' : listName === 'change' ? 'change' : 'competition';

function projectCpv(project: El | undefined): { main: string | null; additional: string[] } {
  const main = normaliseCpv(textAt(project, 'cac:MainCommodityClassification', 'cbc:ItemClassificationCode'));
  const additional = all(project, 'cac:AdditionalCommodityClassification', 'cbc:ItemClassificationCode').map((e) => normaliseCpv(e.text));
  return { main, additional: uniq(additional) };
}

function projectPlaces(project: El | undefined): { nuts: string[]; places: string[] } {
  const addresses = all(project, 'cac:RealizedLocation', 'cac:Address');
  const nuts = addresses.map((a) => textAt(a, 'cbc:CountrySubentityCode')?.toUpperCase());
  const places = addresses.flatMap((a) => [textAt(a, 'cbc:CityName'), textAt(a, 'cbc:StreetName'), textAt(a, 'cbc:Region')]);
  const descriptions = all(project, 'cac:RealizedLocation', 'cbc:Description').map((e) => e.text);
  return { nuts: uniq(nuts), places: uniq([...places, ...descriptions]) };
}

function amountOf(el: El | undefined): { minor: number | null; currency: string | null } {
  return { minor: el ? amountToMinor(el.text) : null, currency: el?.attrs.currencyID ?? null };
}

function toNotice(file: string, root: El): ParsedNotice {
  const idEl = kids(root, 'cbc:ID').find((e) => e.attrs.schemeName === 'notice-id') ?? kid(root, 'cbc:ID');
  const noticeNumber = idEl?.text;
  const fail = (element: string, problem: string, line?: number): never => {
    throw new NoticeFormatError(file, noticeNumber ?? null, element, problem, line ?? root.line);
  };
  if (!noticeNumber) fail(`${root.name}/cbc:ID`, 'the notice identifier (schemeName="notice-id") is missing');
  const ext = extension(root);

  // Organisations by technical id (ORG-0001); the buyer is named by the contracting party.
  const orgs = new Map<string, Org>();
  for (const company of all(ext, 'efac:Organizations', 'efac:Organization', 'efac:Company')) {
    const ref = textAt(company, 'cac:PartyIdentification', 'cbc:ID');
    if (!ref) continue;
    orgs.set(ref, {
      name: textAt(company, 'cac:PartyName', 'cbc:Name'),
      nationalId: normaliseNationalId(textAt(company, 'cac:PartyLegalEntity', 'cbc:CompanyID')),
      country: normaliseCountry(textAt(company, 'cac:PostalAddress', 'cac:Country', 'cbc:IdentificationCode')),
    });
  }
  const buyerRef = textAt(root, 'cac:ContractingParty', 'cac:Party', 'cac:PartyIdentification', 'cbc:ID');
  const buyer = (buyerRef && orgs.get(buyerRef)) || { name: null, nationalId: null, country: null };

  // Without a notice type code, the root element says what kind of notice it is.
  const rootKind: Record<string, { listName: string; text: string }> = {
    ContractNotice: { listName: 'competition', text: 'cn-standard' },
    ContractAwardNotice: { listName: 'result', text: 'can-standard' },
    PriorInformationNotice: { listName: 'planning', text: 'pin-only' },
  };
  const typeCode = kid(root, 'cbc:NoticeTypeCode');
  const typeEl = typeCode?.text
    ? { attrs: typeCode.attrs, text: typeCode.text }
    : { attrs: { listName: rootKind[local(root.name)]!.listName }, text: rootKind[local(root.name)]!.text };
  const changedId = textAt(ext, 'efac:Changes', 'efbc:ChangedNoticeIdentifier');
  const project = kid(root, 'cac:ProcurementProject');
  // A notice without a title of its own is named by its first lot's, else by its number.
  const title =
    textAt(project, 'cbc:Name') ??
    kids(root, 'cac:ProcurementProjectLot')
      .map((l) => textAt(l, 'cac:ProcurementProject', 'cbc:Name'))
      .find(Boolean) ??
    `${noticeNumber}`;
  const { main, additional } = projectCpv(project);
  const rootPlaces = projectPlaces(project);
  const estimate = amountOf(at(project, 'cac:RequestedTenderTotal', 'cbc:EstimatedOverallContractAmount'));

  const lots: ParsedLot[] = kids(root, 'cac:ProcurementProjectLot').map((lotEl) => {
    const lp = kid(lotEl, 'cac:ProcurementProject');
    const cpv = projectCpv(lp);
    const place = projectPlaces(lp);
    const value = amountOf(at(lp, 'cac:RequestedTenderTotal', 'cbc:EstimatedOverallContractAmount'));
    const period = at(lotEl, 'cac:TenderingProcess', 'cac:TenderSubmissionDeadlinePeriod');
    return {
      id: textAt(lotEl, 'cbc:ID') ?? fail(`cac:ProcurementProjectLot/cbc:ID`, 'a lot has no identifier', lotEl.line),
      title: textAt(lp, 'cbc:Name'),
      cpv: uniq([cpv.main, ...cpv.additional]),
      nuts: place.nuts,
      estimatedMinor: value.minor,
      currency: value.currency,
      deadline: combineDateTime(textAt(period, 'cbc:EndDate'), textAt(period, 'cbc:EndTime'), buyer.country, true),
    };
  });
  for (const lot of lots) {
    const lotEl = kids(root, 'cac:ProcurementProjectLot').find((l) => textAt(l, 'cbc:ID') === lot.id)!;
    const raw = at(lotEl, 'cac:TenderingProcess', 'cac:TenderSubmissionDeadlinePeriod', 'cbc:EndDate');
    if (raw && !lot.deadline) fail('cac:TenderSubmissionDeadlinePeriod/cbc:EndDate', `"${raw.text}" is not a date`, raw.line);
  }
  const lotEls = kids(root, 'cac:ProcurementProjectLot');
  const links = uniq([
    ...lotEls.flatMap((l) =>
      all(l, 'cac:TenderingTerms', 'cac:CallForTendersDocumentReference', 'cac:Attachment', 'cac:ExternalReference', 'cbc:URI').map((e) => e.text),
    ),
    ...lotEls.map((l) => textAt(l, 'cac:TenderingTerms', 'cac:TenderRecipientParty', 'cbc:EndpointID')),
  ]).filter((u) => /^https?:\/\//i.test(u));

  const awards = readAwards(ext, orgs);
  const lotDeadlines = uniq(lots.map((l) => l.deadline)).sort();
  const country = buyer.country;
  const issued = combineDateTime(textAt(root, 'cbc:IssueDate'), textAt(root, 'cbc:IssueTime'), country);
  const pub = combineDateTime(textAt(ext, 'efac:Publication', 'efbc:PublicationDate'), null, country);
  return {
    source: 'eforms',
    key: changedId ?? noticeNumber!,
    noticeNumber: noticeNumber!,
    // Issue time first (a change notice has its own id and version 01, but a later issue), then the version.
    version: `${issued ?? ''}|${(textAt(root, 'cbc:VersionID') ?? '01').padStart(4, '0')}`,
    publishedAt: pub ?? issued,
    // A change notice keeps its notice's kind (a changed award is still an award); the key makes it update the first.
    kind: kindOf(typeEl.attrs.listName),
    noticeType: typeEl.text,
    procedure: textAt(root, 'cac:TenderingProcess', 'cbc:ProcedureCode'),
    language: normaliseLanguage(textAt(root, 'cbc:NoticeLanguageCode') ?? kid(project, 'cbc:Name')?.attrs.languageID),
    title: title!,
    description: textAt(project, 'cbc:Description'),
    buyerName: buyer.name,
    buyerNationalId: buyer.nationalId,
    buyerCountry: buyer.country,
    cpvMain: main ?? lots[0]?.cpv[0] ?? null,
    cpvAdditional: uniq([...additional, ...lots.flatMap((l) => l.cpv)]).filter((c) => c !== main),
    nuts: uniq([...rootPlaces.nuts, ...lots.flatMap((l) => l.nuts)]),
    places: uniq([...rootPlaces.places, ...lotEls.flatMap((l) => projectPlaces(kid(l, 'cac:ProcurementProject')).places)]),
    estimatedMinor: estimate.minor ?? sumOrNull(lots.map((l) => l.estimatedMinor)),
    currency: estimate.currency ?? lots.find((l) => l.currency)?.currency ?? null,
    deadline: lotDeadlines[0] ?? null,
    links,
    lots,
    awards,
  };
}

const sumOrNull = (xs: (number | null)[]) => (xs.some((x) => x !== null) ? xs.reduce<number>((a, x) => a + (x ?? 0), 0) : null);

/** Award notices: LotResult → LotTender (value) → TenderingParty → Tenderer organisation (winner's number). */
function readAwards(ext: El | undefined, orgs: Map<string, Org>): ParsedAward[] {
  const result = kid(ext, 'efac:NoticeResult');
  if (!result) return [];
  const parties = new Map(kids(result, 'efac:TenderingParty').map((p) => [textAt(p, 'cbc:ID'), all(p, 'efac:Tenderer', 'cbc:ID').map((e) => e.text)]));
  const tenders = new Map(
    kids(result, 'efac:LotTender').map((t) => [
      textAt(t, 'cbc:ID'),
      {
        amount: amountOf(at(t, 'cac:LegalMonetaryTotal', 'cbc:PayableAmount')),
        party: textAt(t, 'efac:TenderingParty', 'cbc:ID'),
        lot: textAt(t, 'efac:TenderLot', 'cbc:ID'),
      },
    ]),
  );
  const awards: ParsedAward[] = [];
  for (const lr of kids(result, 'efac:LotResult')) {
    if (textAt(lr, 'cbc:TenderResultCode') !== 'selec-w') continue;
    const lotId = textAt(lr, 'efac:TenderLot', 'cbc:ID');
    for (const tRef of all(lr, 'efac:LotTender', 'cbc:ID').map((e) => e.text)) {
      const tender = tenders.get(tRef);
      if (!tender) continue;
      const winners = parties.get(tender.party) ?? [];
      for (const orgRef of winners.length ? winners : [null]) {
        const org = orgRef ? orgs.get(orgRef) : undefined;
        awards.push({
          lotId: lotId ?? tender.lot,
          winnerName: org?.name ?? null,
          winnerNationalId: org?.nationalId ?? null,
          // A joint tender's value is split evenly between its members for the local-share figures.
          valueMinor: tender.amount.minor === null ? null : Math.round(tender.amount.minor / Math.max(1, winners.length)),
          currency: tender.amount.currency,
        });
      }
    }
  }
  return awards;
}
