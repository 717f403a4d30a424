/**
 * Everyday categories: what a resident calls a place (bakery, hairdresser, plumber…), mapped from
 * industry codes. Reviewed data (see README "Everyday categories"): each category lists code
 * prefixes in digits only, so one table serves NACE Rev. 2 classes ("10.71" → "1071") and the
 * national 5-digit codes (Norway's SN2007 "96.021", Sweden's SNI 2007 "96021", Finland's TOL 2008
 * "96021"), which share NACE's first four digits. The longest matching prefix wins; a code that
 * matches none has no category (wholesale, most manufacturing: NACE stays for professionals).
 * A firm (or one of its establishments) may choose its own category in the profile editor.
 *
 * Changing this file changes listings at the next sync of each firm (`lokalkraft directory rebuild`
 * re-derives them all at once). Keys are stable: they are in URLs (?category=bakery) and the API.
 */
export interface EverydayCategory {
  key: string;
  names: { nb: string; sv: string; fi: string; en: string };
  /** Code prefixes, digits only. */
  codes: string[];
}

export const everydayCategories: readonly EverydayCategory[] = [
  { key: 'bakery', names: { nb: 'Bakeri og konditori', sv: 'Bageri och konditori', fi: 'Leipomo ja konditoria', en: 'Bakery and patisserie' }, codes: ['1071', '4724'] },
  { key: 'cafe', names: { nb: 'Kafé og bar', sv: 'Kafé och bar', fi: 'Kahvila ja baari', en: 'Café and bar' }, codes: ['5630'] },
  { key: 'restaurant', names: { nb: 'Restaurant', sv: 'Restaurang', fi: 'Ravintola', en: 'Restaurant' }, codes: ['5610', '5621', '5629'] },
  { key: 'grocery', names: { nb: 'Dagligvarer', sv: 'Livsmedel', fi: 'Päivittäistavarat', en: 'Grocery' }, codes: ['4711', '4721', '4722', '4723', '4725', '4729', '4781'] },
  { key: 'farm', names: { nb: 'Gård og gårdsbutikk', sv: 'Gård och gårdsbutik', fi: 'Maatila ja tilamyymälä', en: 'Farm and farm shop' }, codes: ['01'] },
  { key: 'food-producer', names: { nb: 'Lokal mat og drikke', sv: 'Lokal mat och dryck', fi: 'Paikallinen ruoka ja juoma', en: 'Local food and drink' }, codes: ['10', '11'] },
  { key: 'clothing', names: { nb: 'Klær og sko', sv: 'Kläder och skor', fi: 'Vaatteet ja kengät', en: 'Clothing and shoes' }, codes: ['4771', '4772', '1413', '1419'] },
  { key: 'hardware', names: { nb: 'Jernvare og byggevare', sv: 'Järnhandel och bygghandel', fi: 'Rautakauppa', en: 'Hardware store' }, codes: ['4752'] },
  { key: 'home', names: { nb: 'Interiør og møbler', sv: 'Inredning och möbler', fi: 'Sisustus ja huonekalut', en: 'Home and furniture' }, codes: ['4753', '4759', '3109'] },
  { key: 'electronics', names: { nb: 'Elektronikk og data', sv: 'Elektronik och data', fi: 'Elektroniikka', en: 'Electronics' }, codes: ['4741', '4742', '4743', '4754'] },
  { key: 'books-gifts', names: { nb: 'Bøker, gaver og hobby', sv: 'Böcker, presenter och hobby', fi: 'Kirjat, lahjat ja harrastukset', en: 'Books, gifts and hobbies' }, codes: ['4761', '4762', '4765', '4777', '4778', '4779'] },
  { key: 'sports-shop', names: { nb: 'Sport og fritid', sv: 'Sport och fritid', fi: 'Urheilu ja vapaa-aika', en: 'Sports and outdoor' }, codes: ['4764'] },
  { key: 'florist', names: { nb: 'Blomster og hage', sv: 'Blommor och trädgård', fi: 'Kukat ja puutarha', en: 'Flowers and garden' }, codes: ['4776'] },
  { key: 'pharmacy', names: { nb: 'Apotek', sv: 'Apotek', fi: 'Apteekki', en: 'Pharmacy' }, codes: ['4773'] },
  { key: 'shop', names: { nb: 'Annen butikk', sv: 'Annan butik', fi: 'Muu myymälä', en: 'Other shop' }, codes: ['47'] },
  { key: 'fuel', names: { nb: 'Bensinstasjon', sv: 'Bensinstation', fi: 'Huoltoasema', en: 'Petrol station' }, codes: ['4730'] },
  { key: 'car', names: { nb: 'Bilverksted og bilforhandler', sv: 'Bilverkstad och bilhandel', fi: 'Autokorjaamo ja autokauppa', en: 'Car repair and dealer' }, codes: ['451', '452', '453', '454'] },
  { key: 'accommodation', names: { nb: 'Overnatting', sv: 'Boende', fi: 'Majoitus', en: 'Accommodation' }, codes: ['55'] },
  { key: 'activities', names: { nb: 'Guide og aktiviteter', sv: 'Guide och aktiviteter', fi: 'Opastus ja elämykset', en: 'Guides and activities' }, codes: ['7911', '7912', '7990', '7721', '9319', '9321', '9329'] },
  { key: 'culture', names: { nb: 'Kultur og museum', sv: 'Kultur och museum', fi: 'Kulttuuri ja museot', en: 'Culture and museums' }, codes: ['90', '91'] },
  { key: 'fitness', names: { nb: 'Trening og idrett', sv: 'Träning och idrott', fi: 'Liikunta ja urheilu', en: 'Fitness and sport' }, codes: ['9311', '9312', '9313'] },
  { key: 'hairdresser', names: { nb: 'Frisør', sv: 'Frisör', fi: 'Kampaamo', en: 'Hairdresser' }, codes: ['96021', '9602'] },
  { key: 'beauty', names: { nb: 'Hudpleie og velvære', sv: 'Skönhetsvård och välbefinnande', fi: 'Kauneudenhoito ja hyvinvointi', en: 'Beauty and wellbeing' }, codes: ['96022', '9604'] },
  { key: 'health', names: { nb: 'Helse', sv: 'Hälsa', fi: 'Terveys', en: 'Health' }, codes: ['86'] },
  { key: 'dentist', names: { nb: 'Tannlege', sv: 'Tandläkare', fi: 'Hammaslääkäri', en: 'Dentist' }, codes: ['8623'] },
  { key: 'vet', names: { nb: 'Veterinær', sv: 'Veterinär', fi: 'Eläinlääkäri', en: 'Vet' }, codes: ['75'] },
  { key: 'builder', names: { nb: 'Byggmester og snekker', sv: 'Byggare och snickare', fi: 'Rakentaja ja puuseppä', en: 'Builder and carpenter' }, codes: ['41', '4332', '4339', '4391', '4399'] },
  { key: 'plumber', names: { nb: 'Rørlegger', sv: 'Rörmokare', fi: 'Putkiasentaja', en: 'Plumber' }, codes: ['4322'] },
  { key: 'electrician', names: { nb: 'Elektriker', sv: 'Elektriker', fi: 'Sähköasentaja', en: 'Electrician' }, codes: ['4321'] },
  { key: 'painter', names: { nb: 'Maler', sv: 'Målare', fi: 'Maalari', en: 'Painter and decorator' }, codes: ['4334'] },
  { key: 'cleaning-garden', names: { nb: 'Renhold og hagestell', sv: 'Städning och trädgårdsskötsel', fi: 'Siivous ja pihanhoito', en: 'Cleaning and gardening' }, codes: ['812', '813'] },
  { key: 'accountant', names: { nb: 'Regnskap og revisjon', sv: 'Redovisning och revision', fi: 'Tilitoimisto', en: 'Accountant' }, codes: ['6920'] },
  { key: 'lawyer', names: { nb: 'Advokat', sv: 'Advokat', fi: 'Asianajaja', en: 'Lawyer' }, codes: ['6910'] },
  { key: 'real-estate', names: { nb: 'Eiendomsmegler', sv: 'Fastighetsmäklare', fi: 'Kiinteistönvälittäjä', en: 'Estate agent' }, codes: ['6831'] },
  { key: 'taxi-transport', names: { nb: 'Taxi og transport', sv: 'Taxi och transport', fi: 'Taksi ja kuljetus', en: 'Taxi and transport' }, codes: ['4932', '4939', '4941'] },
  { key: 'craft', names: { nb: 'Håndverk og reparasjon', sv: 'Hantverk och reparation', fi: 'Käsityö ja korjaus', en: 'Crafts and repairs' }, codes: ['95', '3212', '1623', '3240'] },
];

export type CategoryKey = string;
const byKey = new Map(everydayCategories.map((c) => [c.key, c]));
export const isCategoryKey = (key: string): boolean => byKey.has(key);
export const categoryByKey = (key: string | null | undefined): EverydayCategory | undefined => (key ? byKey.get(key) : undefined);

/** The category of an industry code (any punctuation): the longest matching prefix; null when none. */
export function categoryOfCode(code: string | null | undefined): string | null {
  if (!code) return null;
  const digits = code.replace(/\D/g, '');
  let best: { key: string; length: number } | null = null;
  for (const c of everydayCategories)
    for (const prefix of c.codes) if (digits.startsWith(prefix) && (!best || prefix.length > best.length)) best = { key: c.key, length: prefix.length };
  return best?.key ?? null;
}

/** (prefix, key) pairs, longest prefix first: the order the sync's SQL CASE tests them in. */
export function categoryPrefixes(): { prefix: string; key: string }[] {
  return everydayCategories
    .flatMap((c) => c.codes.map((prefix) => ({ prefix, key: c.key })))
    .sort((a, b) => b.prefix.length - a.prefix.length || a.prefix.localeCompare(b.prefix));
}
