import Assembler from 'stream-json/assembler.js';
import { jsonParser } from 'stream-json/parser.js';
import { z } from 'zod';
import {
  amountToMinor,
  type NoticeKind,
  NoticeFormatError,
  normaliseCountry,
  normaliseCpv,
  normaliseLanguage,
  normaliseNationalId,
  normaliseTimestamp,
  type ParsedAward,
  type ParsedNotice,
  uniq,
} from './procurement.notice.js';

/**
 * OCDS 1.1 releases and release packages read with stream-json's token parser: a package's
 * `releases` are assembled one at a time and handed over as soon as each is complete (a package
 * of 100 000 releases never sits in memory); a file that is one release is assembled whole
 * (one notice). Each release is checked by zod; a bad one names its file, its ocid and the field.
 */
type Token = { name: string; value?: unknown };

const str = z.string().trim();
/** Identifiers are strings in OCDS, but publishers write numbers too. */
const idLike = z.union([z.string(), z.number()]).transform(String);
const amount = z.union([
  z.number(),
  z
    .string()
    .regex(/^\s*-?\d+(\.\d+)?\s*$/)
    .transform(Number),
]);
const classification = z.object({ scheme: z.string().optional(), id: z.union([z.string(), z.number()]).transform(String) }).passthrough();
const value = z.object({ amount: amount.nullish(), currency: z.string().nullish() }).passthrough();
const address = z
  .object({
    streetAddress: z.string().nullish(),
    locality: z.string().nullish(),
    region: z.string().nullish(),
    country: z.string().nullish(),
    postalCode: z.string().nullish(),
    description: z.string().nullish(),
  })
  .passthrough();
const period = z.object({ endDate: z.string().nullish() }).passthrough();
const item = z
  .object({
    classification: classification.nullish(),
    additionalClassifications: z.array(classification).nullish(),
    relatedLot: idLike.nullish(),
    deliveryAddresses: z.array(address).nullish(),
    deliveryLocations: z.array(z.object({ description: z.string().nullish() }).passthrough()).nullish(),
  })
  .passthrough();
const releaseSchema = z
  .object({
    ocid: str.min(1),
    id: z.union([z.string(), z.number()]).transform(String),
    date: z.string().nullish(),
    tag: z.array(z.string()).min(1),
    language: z.string().nullish(),
    buyer: z.object({ id: idLike.nullish(), name: z.string().nullish() }).passthrough().nullish(),
    parties: z
      .array(
        z
          .object({
            id: idLike,
            name: z.string().nullish(),
            roles: z.array(z.string()).nullish(),
            identifier: z
              .object({ id: z.union([z.string(), z.number()]).transform(String).nullish() })
              .passthrough()
              .nullish(),
            additionalIdentifiers: z.array(z.object({ id: z.union([z.string(), z.number()]).transform(String) }).passthrough()).nullish(),
            address: address.nullish(),
          })
          .passthrough(),
      )
      .nullish(),
    tender: z
      .object({
        title: z.string().nullish(),
        description: z.string().nullish(),
        status: z.string().nullish(),
        procurementMethod: z.string().nullish(),
        procurementMethodDetails: z.string().nullish(),
        value: value.nullish(),
        tenderPeriod: period.nullish(),
        items: z.array(item).nullish(),
        deliveryAddresses: z.array(address).nullish(),
        documents: z.array(z.object({ url: z.string().nullish(), accessDetailsURL: z.string().nullish() }).passthrough()).nullish(),
        lots: z
          .array(
            z
              .object({
                id: z.union([z.string(), z.number()]).transform(String),
                title: z.string().nullish(),
                value: value.nullish(),
                tenderPeriod: period.nullish(),
              })
              .passthrough(),
          )
          .nullish(),
      })
      .passthrough()
      .nullish(),
    awards: z
      .array(
        z
          .object({
            status: z.string().nullish(),
            value: value.nullish(),
            relatedLots: z.array(idLike).nullish(),
            suppliers: z.array(z.object({ id: idLike.nullish(), name: z.string().nullish() }).passthrough()).nullish(),
          })
          .passthrough(),
      )
      .nullish(),
  })
  .passthrough();

type Release = z.infer<typeof releaseSchema>;

const isNuts = (region: string) => /^[A-Z]{2}[0-9A-Z]{0,3}$/.test(region.trim().toUpperCase()) && /^(NO|SE|FI|DK|IS|EE|DE)/i.test(region.trim());

const kindOf = (tags: string[], status: string | null | undefined): NoticeKind =>
  tags.some((t) => /Update$|amendment|Cancellation$/.test(t))
    ? 'change'
    : tags.some((t) => t === 'award' || t === 'contract' || t === 'implementation')
      ? 'result'
      : tags.includes('planning') || status === 'planned' || status === 'planning'
        ? 'planning'
        : 'competition';

export function releaseToNotice(file: string, raw: unknown, index: number): ParsedNotice {
  const ocid = (raw as { ocid?: unknown })?.ocid;
  const parsed = releaseSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new NoticeFormatError(file, typeof ocid === 'string' ? ocid : `release #${index + 1}`, issue.path.join('.') || '(release)', issue.message);
  }
  const r: Release = parsed.data;
  const t = r.tender ?? {};
  const parties = new Map((r.parties ?? []).map((p) => [p.id, p]));
  const buyerParty = (r.buyer?.id && parties.get(r.buyer.id)) || (r.parties ?? []).find((p) => p.roles?.includes('buyer'));
  const nationalIdOf = (p: (typeof r.parties & {})[number] | undefined) =>
    p ? normaliseNationalId(p.identifier?.id ?? p.additionalIdentifiers?.find((i) => normaliseNationalId(i.id))?.id ?? null) : null;
  const country = normaliseCountry(buyerParty?.address?.country);
  // A release without a tender title (an award-only release) is named by a lot, a contract or its ocid.
  const contracts = (r as { contracts?: { title?: unknown }[] }).contracts;
  const contractTitle = Array.isArray(contracts) ? contracts.map((c) => c?.title).find((x): x is string => typeof x === 'string' && !!x) : undefined;
  const title = t.title || (t.lots ?? []).map((l) => l.title).find(Boolean) || contractTitle || r.ocid;
  const items = t.items ?? [];
  const cpvOf = (c: { scheme?: string; id: string } | null | undefined) => (c && (!c.scheme || /cpv/i.test(c.scheme)) ? normaliseCpv(c.id) : null);
  const main = cpvOf(items[0]?.classification);
  const allCpv = uniq(items.flatMap((i) => [cpvOf(i.classification), ...(i.additionalClassifications ?? []).map(cpvOf)]));
  const addresses = [...(t.deliveryAddresses ?? []), ...items.flatMap((i) => i.deliveryAddresses ?? [])];
  const nuts = uniq(addresses.map((a) => (a.region && isNuts(a.region) ? a.region.trim().toUpperCase() : null)));
  const places = uniq([
    ...addresses.flatMap((a) => [a.locality, a.streetAddress, a.region && !nuts.includes(a.region.toUpperCase()) ? a.region : null, a.description]),
    ...items.flatMap((i) => (i.deliveryLocations ?? []).map((l) => l.description)),
  ]);
  const lots = (t.lots ?? []).map((l) => {
    const lotItems = items.filter((i) => i.relatedLot === l.id);
    const lotAddresses = lotItems.flatMap((i) => i.deliveryAddresses ?? []);
    return {
      id: l.id,
      title: l.title ?? null,
      cpv: uniq(lotItems.flatMap((i) => [cpvOf(i.classification), ...(i.additionalClassifications ?? []).map(cpvOf)])),
      nuts: uniq(lotAddresses.map((a) => (a.region && isNuts(a.region) ? a.region.trim().toUpperCase() : null))),
      estimatedMinor: l.value?.amount ? amountToMinor(l.value.amount) : null,
      currency: l.value?.currency ?? null,
      deadline: normaliseTimestamp(l.tenderPeriod?.endDate, country),
    };
  });
  for (const [i, l] of (t.lots ?? []).entries())
    if (l.tenderPeriod?.endDate && !lots[i]!.deadline)
      throw new NoticeFormatError(file, r.ocid, `tender.lots.${i}.tenderPeriod.endDate`, `"${l.tenderPeriod.endDate}" is not a date`);
  const awards: ParsedAward[] = (r.awards ?? [])
    .filter((a) => a.status !== 'cancelled' && a.status !== 'unsuccessful')
    .flatMap((a) => {
      const suppliers = a.suppliers ?? [];
      return (suppliers.length ? suppliers : [{ id: null, name: null }]).map((s) => {
        const party = s.id ? parties.get(s.id) : undefined;
        const lotId = (a.relatedLots ?? []).find((x) => x !== 'MISSING') ?? null;
        return {
          lotId,
          winnerName: party?.name ?? s.name ?? null,
          winnerNationalId: nationalIdOf(party),
          valueMinor: a.value?.amount ? Math.round(amountToMinor(a.value.amount)! / Math.max(1, suppliers.length)) : null,
          currency: a.value?.currency ?? null,
        };
      });
    });
  const deadline = normaliseTimestamp(t.tenderPeriod?.endDate, country) ?? uniq(lots.map((l) => l.deadline)).sort()[0] ?? null;
  const estimate = t.value?.amount ? amountToMinor(t.value.amount) : null;
  return {
    source: 'ocds',
    key: r.ocid,
    noticeNumber: r.id,
    version: normaliseTimestamp(r.date) ?? r.id,
    publishedAt: normaliseTimestamp(r.date),
    kind: kindOf(r.tag, t.status),
    noticeType: r.tag.join(','),
    procedure: t.procurementMethod ?? null,
    language: normaliseLanguage(r.language),
    title,
    description: t.description ?? null,
    buyerName: buyerParty?.name ?? r.buyer?.name ?? null,
    buyerNationalId: nationalIdOf(buyerParty),
    buyerCountry: country,
    cpvMain: main,
    cpvAdditional: allCpv.filter((c) => c !== main),
    nuts,
    places,
    estimatedMinor: estimate,
    currency: t.value?.currency ?? null,
    deadline,
    links: uniq((t.documents ?? []).flatMap((d) => [d.url, d.accessDetailsURL])).filter((u) => /^https?:\/\//i.test(u)),
    lots,
    awards,
  };
}

/**
 * Feeds JSON text in chunks; `push` returns the releases completed by that chunk. The root is
 * assembled except the elements of a top-level `releases` array, which are assembled one by one.
 */
export class OcdsReader {
  private readonly parser = jsonParser({ packValues: true, streamValues: false });
  private depth = 0;
  private root = new Assembler();
  private release: InstanceType<typeof Assembler> | null = null;
  private inReleases = false;
  /** A record package: each record's compiledRelease is the notice. */
  private isRecords = false;
  private lastKey: string | null = null;
  private out: ParsedNotice[] = [];
  private count = 0;

  constructor(private readonly file: string) {}

  private token(tok: Token): void {
    const n = tok.name;
    if (this.release) {
      (this.release as unknown as { consume(t: Token): void }).consume(tok);
      if (this.release.done) {
        const value = this.release.current as { compiledRelease?: unknown } | null;
        this.out.push(releaseToNotice(this.file, this.isRecords && value?.compiledRelease ? value.compiledRelease : value, this.count++));
        this.release = null;
      }
      if (n === 'startObject' || n === 'startArray') this.depth++;
      else if (n === 'endObject' || n === 'endArray') this.depth--;
      return;
    }
    if (this.inReleases && this.depth === 2 && n === 'startObject') {
      this.release = new Assembler();
      (this.release as unknown as { consume(t: Token): void }).consume(tok);
      this.depth++;
      return;
    }
    if (this.inReleases && this.depth === 2 && n === 'endArray') {
      this.inReleases = false;
      this.depth--;
      (this.root as unknown as { consume(t: Token): void }).consume({ name: 'startArray' });
      (this.root as unknown as { consume(t: Token): void }).consume(tok);
      return;
    }
    if (this.depth === 1 && n === 'keyValue') this.lastKey = tok.value as string;
    if (this.depth === 1 && n === 'startArray' && (this.lastKey === 'releases' || this.lastKey === 'records')) {
      this.isRecords = this.lastKey === 'records';
      this.inReleases = true;
      this.depth++;
      return; // the array itself is re-added empty when it closes
    }
    if (n === 'startObject' || n === 'startArray') this.depth++;
    else if (n === 'endObject' || n === 'endArray') this.depth--;
    (this.root as unknown as { consume(t: Token): void }).consume(tok);
  }

  private where(): string {
    const key = this.release?.key;
    if (this.inReleases) return `releases[${this.count}]${key ? `, after "${key}"` : ''}`;
    return this.lastKey ? `(top level, after "${this.lastKey}")` : '(top level)';
  }

  /** The ocid of the release being read, once its "ocid" has been read. */
  private noticeNow(): string | null {
    const asm = this.release ?? (this.inReleases ? null : this.root);
    const cur = (asm ? (asm.stack[0] ?? asm.current) : null) as { ocid?: unknown } | null;
    return typeof cur?.ocid === 'string' ? cur.ocid : null;
  }

  /** Feeds tokens produced by the parser for `chunk`. */
  push(chunk: string): ParsedNotice[] {
    let tokens: Token[];
    try {
      tokens = flatten((this.parser as unknown as (x: string) => unknown)(chunk));
    } catch (err) {
      throw new NoticeFormatError(this.file, this.noticeNow(), this.where(), `malformed JSON: ${(err as Error).message}`);
    }
    for (const t of tokens) this.token(t);
    return this.take();
  }

  end(): ParsedNotice[] {
    let tokens: Token[];
    try {
      tokens = flatten((this.parser as unknown as (x: symbol) => unknown)(Symbol.for('object-stream.none')));
    } catch (err) {
      throw new NoticeFormatError(this.file, this.noticeNow(), this.where(), `malformed JSON: ${(err as Error).message}`);
    }
    for (const t of tokens) this.token(t);
    if (this.depth !== 0 || this.release)
      throw new NoticeFormatError(this.file, this.noticeNow(), this.where(), 'malformed JSON: the file ends before the JSON does');
    if (!this.root.done) throw new NoticeFormatError(this.file, null, '(document)', 'contains no JSON');
    const root = this.root.current as Record<string, unknown> | null;
    if (root && typeof root === 'object' && !Array.isArray(root) && 'ocid' in root) this.out.push(releaseToNotice(this.file, root, this.count++));
    else if (this.count === 0 && !(root && typeof root === 'object' && ('releases' in root || 'records' in root)))
      throw new NoticeFormatError(
        this.file,
        null,
        '(top level)',
        'neither an OCDS release (with "ocid") nor a release or record package (with "releases" or "records")',
      );
    return this.take();
  }

  private take(): ParsedNotice[] {
    const out = this.out;
    this.out = [];
    return out;
  }
}

// stream-chain's function stages return one value, a `many(...)` wrapper, or `none`.
function flatten(result: unknown): Token[] {
  if (result === null || result === undefined) return [];
  if (Array.isArray(result)) return result as Token[];
  if (typeof result === 'object' && Symbol.for('object-stream.many') in (result as object)) return (result as { values: Token[] }).values;
  if (typeof result === 'object' && result && 'name' in (result as object)) return [result as Token];
  return [];
}
