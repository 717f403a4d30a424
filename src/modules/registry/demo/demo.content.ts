/**
 * Sector templates for the demo firms: name patterns, description sentences and
 * products/services in nb, sv and fi (and English descriptions), with a national NACE
 * code per country (NO SN2007 "10.710", SE SNI2007 "10710", FI TOL 2008 "10710").
 *
 * Demo DATA, not UI text (so not i18n messages). Placeholders: {prefix} (Fjell, Tall,
 * Tunturi…), {place}, {gen} (Finnish genitive of the place, the plain name elsewhere),
 * {owner}, {first}, {in} ("på Røros", "Kemijärvellä"), {inRegion}, {rooms}.
 * Names carry no legal-form suffix or demo marker: the generator adds both.
 */
import type { Country } from '../national-id.js';
import type { LocalLanguage } from './demo.places.js';

export type HoursKind = 'bakery' | 'cafe' | 'restaurant' | 'shop' | 'farmshop' | 'grocery' | 'workshop' | 'office' | 'salon' | 'hotel' | 'appointment' | 'taxi';

/** kind ('p' product, 's' service), nb, sv, fi name, indicative price in NOK (null: price on request). */
export type ProductTemplate = [kind: 'p' | 's', nb: string, sv: string, fi: string, nok: number | null];

export interface SectorTemplate {
  key: string;
  nace: Record<Country, string>;
  /** Relative frequency among the sectors allowed in a municipality. */
  weight: number;
  /** reindeer: only in reindeer-herding municipalities; sami: only where Sami duodji is local. */
  onlyIn?: 'reindeer' | 'sami';
  hours: HoursKind;
  employees: [number, number];
  /** Share of the firm's products that get a price. */
  pricedShare: number;
  /** Share of firms of this sector that also get an English description. */
  englishShare: number;
  /** Rural firms may lie anywhere within the municipality's radius; town firms near the centre. */
  isRural: boolean;
  names: Record<LocalLanguage, string[]>;
  leads: Record<LocalLanguage | 'en', string[]>;
  products: ProductTemplate[];
}

const n = (no: string, se: string, fi: string): Record<Country, string> => ({ NO: no, SE: se, FI: fi });

export const sectors: SectorTemplate[] = [
  {
    key: 'bakery',
    nace: n('10.710', '10710', '10710'),
    weight: 5,
    hours: 'bakery',
    employees: [1, 12],
    pricedShare: 0.8,
    englishShare: 0.4,
    isRural: false,
    names: {
      nb: ['{prefix}bakeriet', '{place} Bakeri', '{owner}s Bakeri'],
      sv: ['{prefix}bageriet', '{place} Bageri', '{owner}s Bageri', 'Bagarstugan {prefix}'],
      fi: ['{prefix}leipomo', '{gen} Leipomo', 'Leipomo {owner}'],
    },
    leads: {
      nb: [
        'Håndverksbakeri {in} som baker med lange hevetider og mel fra nordiske møller.',
        'Lite bakeri og konditori {in}, med ferske brød og bakst fra tidlig morgen.',
      ],
      sv: [
        'Hantverksbageri {in} som bakar med lång jästid och mjöl från nordiska kvarnar.',
        'Litet bageri och konditori {in} med nybakat bröd och fikabröd från tidig morgon.',
      ],
      fi: [
        'Käsityöleipomo {in}. Leivomme pitkällä kohotuksella ja pohjoismaisista jauhoista.',
        'Pieni leipomo ja konditoria {in}: tuoreet leivät ja leivonnaiset aamuvarhaisesta alkaen.',
      ],
      en: ['A craft bakery {in}, baking with long rises and flour from Nordic mills.', 'A small bakery {in} with fresh bread and pastries from early morning.'],
    },
    products: [
      ['p', 'Surdeigsbrød', 'Surdegsbröd', 'Hapanjuurileipä', 79],
      ['p', 'Kanelboller (6 stk)', 'Kanelbullar (6 st)', 'Korvapuustit (6 kpl)', 120],
      ['p', 'Grovbrød', 'Grovt bröd', 'Ruisleipä', 65],
      ['p', 'Lefser (4 stk)', 'Tunnbröd (4 st)', 'Rieska', 55],
      ['p', 'Skolebrød', 'Vaniljbullar (4 st)', 'Karjalanpiirakat (10 kpl)', 45],
      ['p', 'Knekkebrød', 'Knäckebröd', 'Näkkileipä', 69],
      ['p', 'Bløtkake på bestilling', 'Tårta på beställning', 'Täytekakku tilauksesta', 450],
    ],
  },
  {
    key: 'cafe',
    nace: n('56.101', '56100', '56102'),
    weight: 7,
    hours: 'cafe',
    employees: [1, 8],
    pricedShare: 0.7,
    englishShare: 0.6,
    isRural: false,
    names: {
      nb: ['Kafé {prefix}stua', '{place} Kaffebar', 'Kaffestua {prefix}', '{first}s Kafé'],
      sv: ['Café {prefix}stugan', '{place} Kaffebar', 'Fikastugan {prefix}', '{first}s Café'],
      fi: ['Kahvila {prefix}tupa', '{gen} Kahvila', 'Kahvila {prefix}kolo'],
    },
    leads: {
      nb: [
        'Koselig kafé {in} med hjemmebakst, varme lunsjretter og god kaffe.',
        'Kafé og møteplass {in}. Vi serverer lunsj, kaker og kaffe fra et lokalt brenneri.',
      ],
      sv: ['Mysigt café {in} med hembakat, lunch och gott kaffe.', 'Café och mötesplats {in}. Vi serverar lunch, fikabröd och kaffe från ett lokalt rosteri.'],
      fi: [
        'Kodikas kahvila {in}: kotileivonnaisia, lounasta ja hyvää kahvia.',
        'Kahvila ja kohtaamispaikka {in}. Tarjoamme lounasta, leivonnaisia ja paikallisen paahtimon kahvia.',
      ],
      en: [
        'A cosy café {in} with home baking, warm lunches and good coffee.',
        'A café and meeting place {in}, serving lunch, cakes and locally roasted coffee.',
      ],
    },
    products: [
      ['p', 'Dagens suppe', 'Dagens soppa', 'Päivän keitto', 145],
      ['p', 'Kaffe og kake', 'Kaffe och kaka', 'Kahvi ja pulla', 85],
      ['p', 'Rømmegrøt', 'Kolbulle med fläsk', 'Leipäjuusto lakkahillolla', 135],
      ['p', 'Smørbrød med reinskav', 'Smörgås med renskav', 'Poronkäristysvoileipä', 125],
      ['p', 'Cappuccino', 'Cappuccino', 'Cappuccino', 49],
      ['s', 'Catering til selskap', 'Catering till fest', 'Pitopalvelu juhliin', null],
    ],
  },
  {
    key: 'restaurant',
    nace: n('56.101', '56100', '56101'),
    weight: 5,
    hours: 'restaurant',
    employees: [2, 15],
    pricedShare: 0.8,
    englishShare: 0.7,
    isRural: false,
    names: {
      nb: ['Restaurant {prefix}stua', '{place} Spiseri', 'Vertshuset {prefix}', '{prefix}kroa'],
      sv: ['Restaurang {prefix}', '{place} Krog', 'Värdshuset {prefix}', '{prefix}krogen'],
      fi: ['Ravintola {prefix}', '{gen} Ravintola', 'Ravintola {prefix}tupa', 'Kievari {prefix}'],
    },
    leads: {
      nb: [
        'Restaurant {in} med meny basert på lokale råvarer: rein, fjellfisk og bær fra skogen.',
        'Uformell restaurant {in} med dagens rett, à la carte om kvelden og plass til selskaper.',
      ],
      sv: [
        'Restaurang {in} med en meny byggd på lokala råvaror: ren, fjällfisk och bär från skogen.',
        'Avslappnad restaurang {in} med dagens lunch, à la carte på kvällen och plats för sällskap.',
      ],
      fi: [
        'Ravintola {in}. Ruokalistamme perustuu paikallisiin raaka-aineisiin: poroon, järvikalaan ja metsän marjoihin.',
        'Rento ravintola {in}: päivän lounas, iltaisin à la carte ja tilaa myös juhlille.',
      ],
      en: [
        'A restaurant {in} with a menu built on local produce: reindeer, mountain fish and forest berries.',
        'A relaxed restaurant {in} with a dish of the day, à la carte in the evening and room for parties.',
      ],
    },
    products: [
      ['p', 'Dagens rett', 'Dagens lunch', 'Päivän lounas', 165],
      ['p', 'Reinsdyrfilet med tyttebær', 'Renfilé med lingon', 'Porofilee ja puolukka', 395],
      ['p', 'Røye fra fjellet', 'Fjällröding', 'Paistettu nieriä', 325],
      ['p', 'Multeparfait', 'Hjortronparfait', 'Lakkaparfait', 125],
      ['p', 'Barnemeny', 'Barnmeny', 'Lasten annos', 110],
      ['s', 'Selskapsmeny (per person)', 'Festmeny (per person)', 'Juhlamenu (per henkilö)', 550],
    ],
  },
  {
    key: 'reindeer',
    nace: n('10.130', '10130', '10130'),
    weight: 4,
    onlyIn: 'reindeer',
    hours: 'farmshop',
    employees: [1, 6],
    pricedShare: 0.9,
    englishShare: 0.5,
    isRural: true,
    names: {
      nb: ['{prefix} Reinkjøtt', '{place} Reinprodukter', 'Reinkjøkkenet {prefix}'],
      sv: ['{prefix} Renkött', '{place} Renprodukter', 'Renköket {prefix}'],
      fi: ['{prefix}poro', '{gen} Poroliha', 'Porotila {owner}'],
    },
    leads: {
      nb: [
        'Foredling av reinkjøtt {in}, fra rein som har beitet fritt på fjellet. Vi selger fra eget kjølerom og på markeder {inRegion}.',
        'Familiebedrift {in} som lager spekemat, kjøttprodukter og ferdigretter av rein.',
      ],
      sv: [
        'Förädling av renkött {in}, från renar som betat fritt på fjället. Vi säljer från egen gårdsbutik och på marknader {inRegion}.',
        'Familjeföretag {in} som gör torkat kött, chark och färdigrätter av ren.',
      ],
      fi: [
        'Poronlihan jatkojalostusta {in}. Porot laiduntavat vapaina metsissä ja tuntureilla; myymme omasta myymälästä ja markkinoilla.',
        'Perheyritys {in}: kuivalihaa, savulihaa ja valmisruokia porosta.',
      ],
      en: [
        'Reindeer meat processing {in}, from reindeer grazing freely in the mountains and forests, sold from our own farm shop.',
        'A family business {in} making dried meat, cold cuts and ready meals from reindeer.',
      ],
    },
    products: [
      ['p', 'Reinskav (500 g)', 'Renskav (500 g)', 'Poronkäristys (500 g)', 189],
      ['p', 'Tørket reinkjøtt', 'Torkat renkött', 'Poron kuivaliha', 129],
      ['p', 'Røkt reinstek', 'Rökt renstek', 'Savustettu poronpaisti', 245],
      ['p', 'Reinpølse', 'Renkorv', 'Poromakkara', 99],
      ['p', 'Reinsdyrfilet (per kg)', 'Renfilé (per kg)', 'Poron sisäfilee (kg)', 899],
      ['p', 'Kjøttkasse (5 kg)', 'Köttlåda (5 kg)', 'Poronlihapaketti (5 kg)', 1450],
    ],
  },
  {
    key: 'local-food',
    nace: n('10.390', '10390', '10390'),
    weight: 4,
    hours: 'farmshop',
    employees: [1, 4],
    pricedShare: 0.9,
    englishShare: 0.4,
    isRural: true,
    names: {
      nb: ['Gårdsbutikken {prefix}lia', '{owner} Gardsmat', '{place} Bær og Urter'],
      sv: ['Gårdsbutiken {prefix}', '{owner}s Gårdsmat', '{place} Bär och Örter'],
      fi: ['Tilapuoti {prefix}', '{gen} Marja ja Yrtti', 'Marjatila {owner}'],
    },
    leads: {
      nb: [
        'Gårdsbutikk {in} med syltetøy, saft og urter fra egen gård og fra skogen rundt.',
        'Liten matprodusent {in} som lager sylteprodukter av molter, tyttebær og blåbær.',
      ],
      sv: [
        'Gårdsbutik {in} med sylt, saft och örter från egen gård och från skogen omkring.',
        'Liten matproducent {in} som förädlar hjortron, lingon och blåbär.',
      ],
      fi: [
        'Tilapuoti {in}: hilloja, mehuja ja yrttejä omalta tilalta ja lähimetsistä.',
        'Pieni elintarvikeyritys {in}. Jalostamme lakkaa, puolukkaa ja mustikkaa.',
      ],
      en: [
        'A farm shop {in} with jams, cordials and herbs from the farm and the surrounding forest.',
        'A small food producer {in} making preserves from cloudberries, lingonberries and bilberries.',
      ],
    },
    products: [
      ['p', 'Multesyltetøy', 'Hjortronsylt', 'Lakkahillo', 149],
      ['p', 'Tyttebærsyltetøy', 'Lingonsylt', 'Puolukkahillo', 69],
      ['p', 'Blåbærsaft', 'Blåbärssaft', 'Mustikkamehu', 89],
      ['p', 'Urtete', 'Örtte', 'Yrttitee', 79],
      ['p', 'Rabarbrasaft', 'Rabarbersaft', 'Raparperimehu', 79],
      ['p', 'Gavekurv', 'Presentkorg', 'Lahjakori', 450],
    ],
  },
  {
    key: 'dairy',
    nace: n('10.510', '10510', '10510'),
    weight: 2,
    hours: 'farmshop',
    employees: [1, 5],
    pricedShare: 0.9,
    englishShare: 0.4,
    isRural: true,
    names: {
      nb: ['{prefix}seter Ysteri', '{place} Gardsysteri', '{owner} Ysteri'],
      sv: ['{prefix}gårdens Mejeri', '{place} Gårdsmejeri', '{owner}s Mejeri'],
      fi: ['{prefix}juustola', '{gen} Meijeri', 'Juustola {owner}'],
    },
    leads: {
      nb: [
        'Gardsysteri {in} som lager ost, smør og rømme av melk fra egne kyr.',
        'Lite ysteri {in} med hvitost, brunost og seterrømme laget etter gamle oppskrifter.',
      ],
      sv: [
        'Gårdsmejeri {in} som gör ost, smör och gräddfil av mjölk från egna kor.',
        'Litet mejeri {in} med hårdost, getost och messmör gjorda efter gamla recept.',
      ],
      fi: [
        'Tilajuustola {in}: juustoa, voita ja kermaa omien lehmien maidosta.',
        'Pieni juustola {in}. Valmistamme leipäjuustoa, kypsytettyjä juustoja ja voita vanhoilla resepteillä.',
      ],
      en: ['A farm dairy {in} making cheese, butter and cream from its own cows.', 'A small dairy {in} making cheeses and butter to old recipes.'],
    },
    products: [
      ['p', 'Hvitost (500 g)', 'Lagrad hårdost (500 g)', 'Kypsytetty juusto (500 g)', 159],
      ['p', 'Brunost (500 g)', 'Getost (500 g)', 'Leipäjuusto', 139],
      ['p', 'Seterrømme', 'Gräddfil', 'Kermaviili', 49],
      ['p', 'Gardssmør', 'Gårdssmör', 'Tilavoi', 89],
      ['s', 'Omvisning i ysteriet', 'Visning av mejeriet', 'Juustolakierros', 150],
    ],
  },
  {
    key: 'guide',
    nace: n('79.900', '79900', '79900'),
    weight: 7,
    hours: 'appointment',
    employees: [1, 6],
    pricedShare: 0.8,
    englishShare: 0.9,
    isRural: true,
    names: {
      nb: ['{prefix} Naturopplevelser', '{place} Fjellføring', '{owner} Guiding', 'Villmarksguiden {prefix}'],
      sv: ['{prefix} Naturupplevelser', '{place} Fjällguidning', '{owner}s Guidning', 'Vildmarksguiden {prefix}'],
      fi: ['{prefix} Safarit', '{gen} Erämatkat', 'Eräopas {owner}', 'Luontoelämykset {prefix}'],
    },
    leads: {
      nb: [
        'Guidede turer {in} hele året: fotturer og fiske om sommeren, skiturer og hundekjøring om vinteren.',
        'Lokal guide {in} med små grupper, gode historier og respekt for naturen og reindriften.',
      ],
      sv: [
        'Guidade turer {in} året runt: vandring och fiske på sommaren, skidturer och hundspann på vintern.',
        'Lokal guide {in} med små grupper, goda historier och respekt för naturen och renskötseln.',
      ],
      fi: [
        'Opastettuja retkiä {in} ympäri vuoden: kesällä vaellusta ja kalastusta, talvella hiihtoa ja koiravaljakkoajelua.',
        'Paikallinen opas {in}. Pienet ryhmät, hyvät tarinat ja kunnioitus luontoa ja poronhoitoa kohtaan.',
      ],
      en: [
        'Guided trips {in} all year: hiking and fishing in summer, ski tours and dog sledding in winter.',
        'A local guide {in}: small groups, good stories and respect for nature and reindeer herding.',
      ],
    },
    products: [
      ['s', 'Dagstur på fjellet (per person)', 'Dagstur på fjället (per person)', 'Päiväretki tunturiin (per henkilö)', 1200],
      ['s', 'Hundekjøring, halv dag', 'Hundspann, halvdag', 'Koiravaljakkoajelu, puoli päivää', 1850],
      ['s', 'Fisketur med guide', 'Fisketur med guide', 'Kalastusretki oppaan kanssa', 1500],
      ['s', 'Skitur med overnatting i lavvo', 'Skidtur med övernattning i kåta', 'Hiihtoretki ja yö kodassa', 3200],
      ['s', 'Trugetur i måneskinn', 'Snöskovandring i månsken', 'Lumikenkäretki kuutamossa', 750],
      ['s', 'Nordlystur', 'Norrskenstur', 'Revontuliretki', 950],
      ['s', 'Utleie av utstyr', 'Uthyrning av utrustning', 'Välinevuokraus', 300],
    ],
  },
  {
    key: 'cabins',
    nace: n('55.201', '55201', '55201'),
    weight: 6,
    hours: 'appointment',
    employees: [1, 4],
    pricedShare: 0.9,
    englishShare: 0.8,
    isRural: true,
    names: {
      nb: ['{prefix}lia Hytteutleie', '{place} Hyttegrend', '{prefix}tunet Hytter'],
      sv: ['{prefix} Stugby', '{place} Stugor', '{owner}s Stuguthyrning'],
      fi: ['{prefix}mökit', '{gen} Lomamökit', 'Lomakylä {prefix}'],
    },
    leads: {
      nb: [
        'Hytteutleie {in}: tømmerhytter med vedovn, badstue og kort vei til løypene.',
        'Små utleiehytter {in} ved vannet, med båt, fiskekort og stillhet inkludert.',
      ],
      sv: [
        'Stuguthyrning {in}: timmerstugor med vedspis, bastu och nära till skidspåren.',
        'Små stugor att hyra {in} vid sjön, med båt, fiskekort och tystnad på köpet.',
      ],
      fi: [
        'Mökkivuokrausta {in}: hirsimökit puulämmitteisellä saunalla, ladut lähellä.',
        'Pieniä vuokramökkejä {in} järven rannalla; vene, kalastuslupa ja hiljaisuus kuuluvat hintaan.',
      ],
      en: [
        'Cabin rental {in}: log cabins with a wood stove, a sauna and the ski tracks close by.',
        'Small cabins for rent {in} by the lake, with a boat, fishing permit and silence included.',
      ],
    },
    products: [
      ['s', 'Hytte for 4, per natt', 'Stuga för 4, per natt', 'Mökki neljälle, per yö', 1150],
      ['s', 'Ukesleie', 'Veckohyra', 'Viikkovuokra', 6500],
      ['s', 'Sengetøy og håndklær', 'Sänglinne och handdukar', 'Liinavaatteet ja pyyhkeet', 150],
      ['s', 'Vedfyrt badstue, 2 timer', 'Vedeldad bastu, 2 timmar', 'Puusauna, 2 tuntia', 350],
      ['s', 'Sluttvask', 'Slutstädning', 'Loppusiivous', 600],
      ['s', 'Båtleie', 'Båthyra', 'Veneen vuokraus', 300],
    ],
  },
  {
    key: 'hotel',
    nace: n('55.101', '55101', '55101'),
    weight: 3,
    hours: 'hotel',
    employees: [8, 45],
    pricedShare: 0.9,
    englishShare: 1,
    isRural: false,
    names: {
      nb: ['{place} Fjellhotell', 'Hotell {prefix}heim', '{prefix} Gjestgiveri'],
      sv: ['{place} Fjällhotell', 'Hotell {prefix}', '{prefix} Gästgiveri'],
      fi: ['Hotelli {prefix}', '{gen} Tunturihotelli', 'Majatalo {prefix}'],
    },
    leads: {
      nb: [
        'Familiedrevet hotell {in} med {rooms} rom, restaurant med lokal mat og badstue.',
        'Gjestgiveri {in} i en gammel tømmerbygning, med frokost av lokale råvarer.',
      ],
      sv: [
        'Familjedrivet hotell {in} med {rooms} rum, restaurang med lokal mat och bastu.',
        'Gästgiveri {in} i ett gammalt timmerhus, med frukost på lokala råvaror.',
      ],
      fi: [
        'Perheen pyörittämä hotelli {in}: {rooms} huonetta, lähiruokaa tarjoava ravintola ja sauna.',
        'Majatalo {in} vanhassa hirsitalossa; aamiainen valmistetaan lähiruoasta.',
      ],
      en: [
        'A family-run hotel {in} with {rooms} rooms, a restaurant serving local food and a sauna.',
        'An inn {in} in an old log house, with breakfast made from local produce.',
      ],
    },
    products: [
      ['s', 'Dobbeltrom med frokost', 'Dubbelrum med frukost', 'Kahden hengen huone ja aamiainen', 1690],
      ['s', 'Enkeltrom med frokost', 'Enkelrum med frukost', 'Yhden hengen huone ja aamiainen', 1190],
      ['p', 'Middag i restauranten', 'Middag i restaurangen', 'Illallinen ravintolassa', 495],
      ['s', 'Møterom, hel dag', 'Konferensrum, heldag', 'Kokoustila, koko päivä', 2500],
      ['s', 'Helgepakke for to', 'Helgpaket för två', 'Viikonloppupaketti kahdelle', 3900],
    ],
  },
  {
    key: 'craft-shop',
    nace: n('47.789', '47789', '47789'),
    weight: 4,
    hours: 'shop',
    employees: [1, 4],
    pricedShare: 0.9,
    englishShare: 0.6,
    isRural: false,
    names: {
      nb: ['Husflidsbutikken {prefix}', '{place} Husflid', '{prefix}stua Håndverk'],
      sv: ['Hemslöjden {prefix}', '{place} Hantverk', 'Hantverksboden {prefix}'],
      fi: ['Käsityöpuoti {prefix}', '{gen} Käsityö', 'Puoti {prefix}'],
    },
    leads: {
      nb: [
        'Butikk {in} med husflid og kunsthåndverk fra rundt tretti lokale produsenter: strikk, keramikk, tre og tinn.',
        'Liten håndverksbutikk {in} med vev, strikkeplagg og brukskunst laget {inRegion}.',
      ],
      sv: [
        'Butik {in} med slöjd och konsthantverk från ett trettiotal lokala hantverkare: stickat, keramik, trä och tenn.',
        'Liten hantverksbod {in} med vävt, stickat och brukskonst tillverkat {inRegion}.',
      ],
      fi: [
        'Myymälä {in}: käsitöitä ja taidekäsityötä noin kolmeltakymmeneltä paikalliselta tekijältä – neuleita, keramiikkaa, puuta ja tinaa.',
        'Pieni käsityöpuoti {in}: kudonnaisia, neuleita ja käyttöesineitä paikallisilta tekijöiltä.',
      ],
      en: [
        'A shop {in} with crafts from some thirty local makers: knitwear, ceramics, wood and pewter.',
        'A small craft shop {in} with weaving, knitwear and everyday objects made locally.',
      ],
    },
    products: [
      ['p', 'Strikkede votter', 'Stickade vantar', 'Neulelapaset', 450],
      ['p', 'Ullpledd', 'Ullpläd', 'Villahuopa', 1290],
      ['p', 'Keramikkopp', 'Keramikmugg', 'Keramiikkamuki', 290],
      ['p', 'Treskje', 'Träslev', 'Puulusikka', 190],
      ['p', 'Tinnsmykke', 'Tennsmycke', 'Tinakoru', 390],
      ['p', 'Vevd løper', 'Vävd löpare', 'Kudottu kaitaliina', 590],
    ],
  },
  {
    key: 'duodji',
    nace: n('32.990', '32990', '32990'),
    weight: 3,
    onlyIn: 'sami',
    hours: 'appointment',
    employees: [1, 3],
    pricedShare: 0.7,
    englishShare: 0.7,
    isRural: true,
    names: {
      nb: ['Duodjiverkstedet {prefix}', '{place} Duodji', 'Duodjibua {prefix}'],
      sv: ['Duodjiverkstaden {prefix}', '{place} Duodji', 'Duodjiboden {prefix}'],
      fi: ['Duodji-paja {prefix}', '{gen} Duodji', 'Duodji-puoti {prefix}'],
    },
    leads: {
      nb: [
        'Samisk håndverk (duodji) {in}: kniver, kopper og smykker i horn, tre og skinn, laget for hånd i sørsamisk tradisjon.',
        'Verksted {in} der duodji lages for hånd av tre, horn, skinn og tinntråd. Vi forteller gjerne om tradisjonene bak hvert stykke.',
      ],
      sv: [
        'Samisk slöjd (duodji) {in}: knivar, kåsor och smycken i horn, trä och skinn, gjorda för hand i samisk tradition.',
        'Verkstad {in} där duodji görs för hand av trä, horn, skinn och tenntråd. Vi berättar gärna om traditionerna bakom varje föremål.',
      ],
      fi: [
        'Saamelaista käsityötä (duodji) {in}: puukkoja, kuksia ja koruja sarvesta, puusta ja nahasta käsin tehtyinä.',
        'Paja {in}, jossa duodji tehdään käsin puusta, sarvesta, nahasta ja tinalangasta.',
      ],
      en: [
        'Sami handicraft (duodji) {in}: knives, cups and jewellery in antler, wood and leather, made by hand in the Sami tradition.',
        'A workshop {in} where duodji is made by hand from wood, antler, leather and pewter thread. Ask us about the traditions behind each piece.',
      ],
    },
    products: [
      ['p', 'Kniv med slire i reinhorn', 'Kniv med slida i renhorn', 'Puukko ja tuppi poronsarvesta', 3200],
      ['p', 'Guksi av bjørkerot', 'Kåsa av björkvril', 'Kuksa koivunpahkasta', 990],
      ['p', 'Armbånd i tinntråd', 'Armband i tenntråd', 'Tinalankaranneke', 650],
      ['p', 'Skinnveske', 'Skinnväska', 'Nahkalaukku', 1450],
      ['s', 'Kurs i duodji', 'Kurs i duodji', 'Duodji-kurssi', 1200],
    ],
  },
  {
    key: 'plumber',
    nace: n('43.220', '43221', '43220'),
    weight: 5,
    hours: 'workshop',
    employees: [1, 15],
    pricedShare: 0.4,
    englishShare: 0.1,
    isRural: false,
    names: {
      nb: ['{owner} Rør', '{place} Rørleggerservice', '{prefix} VVS'],
      sv: ['{owner}s Rör', '{place} VVS', '{prefix} Rörservice'],
      fi: ['LVI-{owner}', '{gen} LVI-palvelu', 'Putkiliike {prefix}'],
    },
    leads: {
      nb: [
        'Rørleggerbedrift {in} med service, rehabilitering av bad og montering av varmepumper.',
        'Lokal rørlegger {in} – vi tar små og store jobber i hus og hytter {inRegion}.',
      ],
      sv: [
        'VVS-firma {in} med service, badrumsrenovering och installation av värmepumpar.',
        'Lokal rörmokare {in} – vi tar små och stora jobb i hus och stugor {inRegion}.',
      ],
      fi: [
        'LVI-yritys {in}: huollot, kylpyhuoneremontit ja lämpöpumppujen asennukset.',
        'Paikallinen putkimies {in}. Teemme pieniä ja suuria töitä taloihin ja mökeille.',
      ],
      en: [
        'Plumbers {in}: servicing, bathroom renovation and heat pump installation.',
        'A local plumber {in} taking small and large jobs in houses and cabins.',
      ],
    },
    products: [
      ['s', 'Timepris rørlegger', 'Timpris rörmokare', 'Putkiasentajan tuntiveloitus', 950],
      ['s', 'Rehabilitering av bad', 'Badrumsrenovering', 'Kylpyhuoneremontti', null],
      ['s', 'Montering av varmepumpe', 'Installation av värmepump', 'Lämpöpumpun asennus', null],
      ['s', 'Frostsikring av hytte', 'Frostsäkring av stuga', 'Mökin jäätymissuojaus', 1800],
      ['s', 'Service på varmtvannsbereder', 'Service av varmvattenberedare', 'Lämminvesivaraajan huolto', 1200],
    ],
  },
  {
    key: 'electrician',
    nace: n('43.210', '43210', '43210'),
    weight: 5,
    hours: 'workshop',
    employees: [1, 20],
    pricedShare: 0.4,
    englishShare: 0.1,
    isRural: false,
    names: {
      nb: ['{owner} Elektro', '{place} Elektriske', '{prefix} Elektro'],
      sv: ['{owner}s El', '{place} Elservice', '{prefix} El'],
      fi: ['Sähkö-{owner}', '{gen} Sähköpalvelu', 'Sähkötyö {prefix}'],
    },
    leads: {
      nb: [
        'Elektrikerbedrift {in} med installasjon, service og elbilladere for hjem, hytte og næring.',
        'Elinstallatør {in}. Vi tar alt fra nye kurser til smarthus og solceller.',
      ],
      sv: [
        'Elfirma {in} med installation, service och laddboxar för hem, stuga och företag.',
        'Elföretag {in}. Vi tar allt från nya uttag till smarta hem och solceller.',
      ],
      fi: [
        'Sähköliike {in}: sähköasennukset, huollot ja sähköauton latauspisteet koteihin, mökeille ja yrityksille.',
        'Sähköurakointia {in}. Teemme kaiken uusista pistorasioista älykotiin ja aurinkopaneeleihin.',
      ],
      en: [
        'Electricians {in}: installation, servicing and EV chargers for homes, cabins and businesses.',
        'Electrical contractors {in}, from new sockets to smart homes and solar panels.',
      ],
    },
    products: [
      ['s', 'Timepris elektriker', 'Timpris elektriker', 'Sähköasentajan tuntiveloitus', 890],
      ['s', 'Montering av elbillader', 'Installation av laddbox', 'Latauspisteen asennus', 7900],
      ['s', 'Elkontroll av bolig', 'Elbesiktning av bostad', 'Sähkötarkastus', 2500],
      ['s', 'Solcelleanlegg', 'Solcellsanläggning', 'Aurinkosähköjärjestelmä', null],
      ['s', 'Feilsøking', 'Felsökning', 'Vianetsintä', null],
    ],
  },
  {
    key: 'builder',
    nace: n('41.200', '41200', '41200'),
    weight: 6,
    hours: 'workshop',
    employees: [1, 25],
    pricedShare: 0.3,
    englishShare: 0.1,
    isRural: false,
    names: {
      nb: ['{owner} Bygg', '{place} Tømrerservice', '{prefix} Bygg'],
      sv: ['{owner}s Bygg', '{place} Snickeri', '{prefix} Bygg'],
      fi: ['Rakennus {owner}', '{gen} Rakennuspalvelu', 'Hirsirakennus {prefix}'],
    },
    leads: {
      nb: [
        'Byggmester {in} som bygger hus og hytter og rehabiliterer eldre tømmerbygg.',
        'Tømrerbedrift {in} med tilbygg, påbygg og restaurering av laftede hus.',
      ],
      sv: [
        'Byggföretag {in} som bygger hus och fritidshus och renoverar äldre timmerhus.',
        'Snickerifirma {in} med tillbyggnader, renoveringar och restaurering av timrade hus.',
      ],
      fi: [
        'Rakennusliike {in}: rakennamme taloja ja mökkejä ja korjaamme vanhoja hirsitaloja.',
        'Kirvesmiespalveluja {in}: laajennukset, remontit ja hirsitalojen entisöinti.',
      ],
      en: [
        'Builders {in} putting up houses and cabins and restoring old log buildings.',
        'Carpenters {in}: extensions, renovations and restoration of log houses.',
      ],
    },
    products: [
      ['s', 'Nybygg av hytte', 'Nybyggnation av fritidshus', 'Uuden mökin rakentaminen', null],
      ['s', 'Tilbygg', 'Tillbyggnad', 'Laajennus', null],
      ['s', 'Restaurering av tømmerhus', 'Restaurering av timmerhus', 'Hirsitalon entisöinti', null],
      ['s', 'Timepris tømrer', 'Timpris snickare', 'Kirvesmiehen tuntiveloitus', 750],
      ['s', 'Terrasse', 'Altan', 'Terassi', null],
      ['s', 'Befaring og pristilbud', 'Besiktning och offert', 'Arviokäynti ja tarjous', null],
    ],
  },
  {
    key: 'accountant',
    nace: n('69.201', '69201', '69201'),
    weight: 4,
    hours: 'office',
    employees: [1, 8],
    pricedShare: 0.5,
    englishShare: 0.1,
    isRural: false,
    names: {
      nb: ['{place} Regnskap', '{owner} Regnskapskontor', '{prefix} Regnskap'],
      sv: ['{place} Redovisning', '{owner}s Redovisningsbyrå', '{prefix} Ekonomi'],
      fi: ['Tilitoimisto {owner}', '{gen} Tilipalvelu', 'Tilitoimisto {prefix}'],
    },
    leads: {
      nb: [
        'Regnskapskontor {in} for små bedrifter, gårdsbruk og foreninger: bokføring, lønn og årsoppgjør.',
        'Regnskapsfører {in} som kjenner næringslivet {inRegion}.',
      ],
      sv: [
        'Redovisningsbyrå {in} för småföretag, lantbruk och föreningar: bokföring, löner och bokslut.',
        'Redovisningskonsult {in} som känner näringslivet {inRegion}.',
      ],
      fi: [
        'Tilitoimisto {in} pienyrityksille, maatiloille ja yhdistyksille: kirjanpito, palkat ja tilinpäätökset.',
        'Paikallinen tilitoimisto {in}, joka tuntee alueen yrityselämän.',
      ],
      en: [
        'Accountants {in} for small firms, farms and associations: bookkeeping, payroll and annual accounts.',
        'A local accounting office {in} that knows the businesses of the region.',
      ],
    },
    products: [
      ['s', 'Løpende bokføring', 'Löpande bokföring', 'Juokseva kirjanpito', null],
      ['s', 'Lønnskjøring', 'Lönehantering', 'Palkanlaskenta', null],
      ['s', 'Årsoppgjør', 'Bokslut', 'Tilinpäätös', 9500],
      ['s', 'Skattemelding for enkeltpersonforetak', 'Deklaration för enskild firma', 'Toiminimen veroilmoitus', 3500],
      ['s', 'Rådgivning ved oppstart', 'Rådgivning vid start', 'Aloittavan yrittäjän neuvonta', 1200],
    ],
  },
  {
    key: 'sawmill',
    nace: n('16.100', '16101', '16100'),
    weight: 3,
    hours: 'workshop',
    employees: [3, 30],
    pricedShare: 0.6,
    englishShare: 0.1,
    isRural: true,
    names: {
      nb: ['{place} Sag', '{prefix} Sag og Høvleri', '{owner} Trelast'],
      sv: ['{place} Såg', '{prefix} Sågverk', '{owner}s Trä'],
      fi: ['{gen} Saha', 'Saha {owner}', '{prefix}saha'],
    },
    leads: {
      nb: ['Sagbruk {in} som skjærer og høvler lokalt tømmer av furu og gran.', 'Lite sag og høvleri {in} med kledning, panel og laftetømmer på bestilling.'],
      sv: [
        'Sågverk {in} som sågar och hyvlar lokalt timmer av tall och gran.',
        'Litet sågverk och hyvleri {in} med ytterpanel, innerpanel och timmer på beställning.',
      ],
      fi: ['Saha {in}: sahaamme ja höylämme lähimetsien mäntyä ja kuusta.', 'Pieni saha ja höylämö {in}: ulkoverhousta, paneelia ja hirttä tilauksesta.'],
      en: ['A sawmill {in} sawing and planing local pine and spruce.', 'A small sawmill {in} with cladding, panelling and log timber to order.'],
    },
    products: [
      ['p', 'Kledningsbord (per meter)', 'Ytterpanel (per meter)', 'Ulkovuorilauta (per metri)', 29],
      ['p', 'Innvendig panel (per m²)', 'Innerpanel (per m²)', 'Sisäpaneeli (m²)', 189],
      ['p', 'Laftetømmer på bestilling', 'Timmer på beställning', 'Hirsi tilauksesta', null],
      ['p', 'Ved (40 l sekk)', 'Ved (40 l säck)', 'Polttopuut (40 l säkki)', 85],
      ['s', 'Leiesaging', 'Legosågning', 'Rahtisahaus', null],
      ['p', 'Terrassebord (per meter)', 'Trall (per meter)', 'Terassilauta (per metri)', 35],
    ],
  },
  {
    key: 'design',
    nace: n('74.102', '74102', '74109'),
    weight: 3,
    hours: 'office',
    employees: [1, 4],
    pricedShare: 0.5,
    englishShare: 0.5,
    isRural: false,
    names: {
      nb: ['{prefix} Design', 'Studio {prefix}', '{first} {owner} Design'],
      sv: ['{prefix} Design', 'Studio {prefix}', '{first} {owner} Form'],
      fi: ['Muotoilu {prefix}', 'Studio {prefix}', 'Suunnittelutoimisto {owner}'],
    },
    leads: {
      nb: [
        'Designstudio {in} som lager logo, emballasje og nettsider for små bedrifter og matprodusenter.',
        'Produktdesign og grafisk design {in}, med røtter i lokale materialer og tradisjoner.',
      ],
      sv: [
        'Designstudio {in} som gör logotyper, förpackningar och webbplatser för småföretag och matproducenter.',
        'Produktdesign och grafisk form {in}, med rötterna i lokala material och traditioner.',
      ],
      fi: [
        'Muotoilustudio {in}: logot, pakkaukset ja verkkosivut pienyrityksille ja ruoantuottajille.',
        'Tuotemuotoilua ja graafista suunnittelua {in}, paikallisista materiaaleista ja perinteistä ammentaen.',
      ],
      en: [
        'A design studio {in} making logos, packaging and websites for small firms and food producers.',
        'Product and graphic design {in}, rooted in local materials and traditions.',
      ],
    },
    products: [
      ['s', 'Logo og visuell profil', 'Logotyp och grafisk profil', 'Logo ja tunnusilme', 12000],
      ['s', 'Emballasjedesign', 'Förpackningsdesign', 'Pakkaussuunnittelu', null],
      ['s', 'Nettside for småbedrift', 'Webbplats för småföretag', 'Pienyrityksen verkkosivut', 15000],
      ['s', 'Produktfotografering', 'Produktfotografering', 'Tuotekuvaus', 4500],
      ['s', 'Timepris', 'Timpris', 'Tuntiveloitus', 950],
    ],
  },
  {
    key: 'car-repair',
    nace: n('45.201', '45201', '45200'),
    weight: 5,
    hours: 'workshop',
    employees: [1, 10],
    pricedShare: 0.5,
    englishShare: 0.1,
    isRural: false,
    names: {
      nb: ['{place} Bilverksted', '{owner} Bil og Service', '{prefix} Motor'],
      sv: ['{place} Bilverkstad', '{owner}s Bil & Service', '{prefix} Motor'],
      fi: ['Autokorjaamo {owner}', '{gen} Autohuolto', '{prefix} Auto'],
    },
    leads: {
      nb: ['Bilverksted {in} med service, EU-kontroll, dekkskift og reparasjon av alle bilmerker.', 'Allsidig verksted {in} for bil, traktor og ATV.'],
      sv: ['Bilverkstad {in} med service, däckbyte och reparationer av alla bilmärken.', 'Allround-verkstad {in} för bil, traktor och snöskoter.'],
      fi: [
        'Autokorjaamo {in}: huollot, renkaanvaihdot ja kaikkien automerkkien korjaukset.',
        'Monipuolinen korjaamo {in} autoille, traktoreille ja moottorikelkoille.',
      ],
      en: ['A garage {in} with servicing, tyre changes and repairs of all makes.', 'An all-round workshop {in} for cars, tractors and snowmobiles.'],
    },
    products: [
      ['s', 'Service etter serviceprogram', 'Service enligt serviceprogram', 'Määräaikaishuolto', null],
      ['s', 'Dekkskift', 'Däckbyte', 'Renkaanvaihto', 595],
      ['s', 'EU-kontroll', 'Förbesiktning', 'Katsastuskunnostus', 590],
      ['s', 'Timepris verksted', 'Timpris verkstad', 'Korjaamon tuntiveloitus', 1090],
      ['s', 'Dekkhotell (sesong)', 'Däckhotell (säsong)', 'Rengashotelli (kausi)', 990],
      ['s', 'Lånebil', 'Lånebil', 'Sijaisauto', null],
    ],
  },
  {
    key: 'hairdresser',
    nace: n('96.020', '96021', '96021'),
    weight: 5,
    hours: 'salon',
    employees: [1, 4],
    pricedShare: 0.9,
    englishShare: 0.1,
    isRural: false,
    names: {
      nb: ['Frisør {first}', '{place} Frisørsalong', 'Salong {prefix}'],
      sv: ['Frisör {first}', '{place} Frisersalong', 'Salong {prefix}'],
      fi: ['Parturi-kampaamo {first}', '{gen} Kampaamo', 'Kampaamo {prefix}'],
    },
    leads: {
      nb: [
        'Frisørsalong {in} for dame, herre og barn. Timebestilling på telefon, eller drop-in når det er ledig.',
        'Liten salong {in} med klipp, farge og skjeggstell.',
      ],
      sv: [
        'Frisersalong {in} för dam, herr och barn. Boka tid på telefon eller kom in när det är ledigt.',
        'Liten salong {in} med klippning, färgning och skäggvård.',
      ],
      fi: [
        'Parturi-kampaamo {in} naisille, miehille ja lapsille. Ajanvaraus puhelimitse, vapaita aikoja myös ilman varausta.',
        'Pieni kampaamo {in}: hiustenleikkaukset, värjäykset ja parranhoito.',
      ],
      en: ['A hair salon {in} for women, men and children; book by phone or drop in.', 'A small salon {in} for haircuts, colouring and beard care.'],
    },
    products: [
      ['s', 'Herreklipp', 'Herrklippning', 'Miesten hiustenleikkaus', 450],
      ['s', 'Dameklipp', 'Damklippning', 'Naisten hiustenleikkaus', 650],
      ['s', 'Farge', 'Färgning', 'Hiusten värjäys', 1100],
      ['s', 'Barneklipp', 'Barnklippning', 'Lasten hiustenleikkaus', 300],
      ['s', 'Skjeggtrim', 'Skäggtrimning', 'Parran muotoilu', 250],
    ],
  },
  {
    key: 'grocery',
    nace: n('47.111', '47112', '47113'),
    weight: 4,
    hours: 'grocery',
    employees: [3, 20],
    pricedShare: 0.4,
    englishShare: 0.2,
    isRural: false,
    names: {
      nb: ['{place} Nærbutikk', '{prefix} Landhandel', '{owner} Handel'],
      sv: ['{place} Lanthandel', '{prefix} Livs', '{owner}s Handel'],
      fi: ['{gen} Kyläkauppa', 'Kyläkauppa {prefix}', 'Sekatavarakauppa {owner}'],
    },
    leads: {
      nb: ['Nærbutikk {in} med dagligvarer, lokal mat og utlevering av pakker.', 'Landhandel {in} som har alt fra melk og brød til fiskeutstyr og ved.'],
      sv: ['Lanthandel {in} med dagligvaror, lokal mat och paketutlämning.', 'Butik {in} med allt från mjölk och bröd till fiskedrag och ved.'],
      fi: [
        'Kyläkauppa {in}: päivittäistavarat, paikalliset tuotteet ja pakettipiste.',
        'Sekatavarakauppa {in}: maidon ja leivän lisäksi kalastusvälineitä ja polttopuita.',
      ],
      en: [
        'A village shop {in} with groceries, local food and parcel pick-up.',
        'A general store {in} with everything from milk and bread to fishing tackle and firewood.',
      ],
    },
    products: [
      ['p', 'Lokale matvarer', 'Lokala matvaror', 'Paikalliset elintarvikkeet', null],
      ['s', 'Hjemkjøring av varer', 'Hemleverans av varor', 'Kotiinkuljetus', 99],
      ['s', 'Utlevering av pakker', 'Paketutlämning', 'Pakettipiste', null],
      ['p', 'Fiskekort', 'Fiskekort', 'Kalastuslupa', 150],
      ['p', 'Ferske bakervarer', 'Färskt bröd', 'Tuoreet leivonnaiset', null],
      ['p', 'Ved (40 l sekk)', 'Ved (40 l säck)', 'Polttopuut (40 l säkki)', 95],
    ],
  },
  {
    key: 'sport-shop',
    nace: n('47.641', '47640', '47640'),
    weight: 3,
    hours: 'shop',
    employees: [1, 6],
    pricedShare: 0.8,
    englishShare: 0.4,
    isRural: false,
    names: {
      nb: ['{place} Sport', '{prefix} Sport og Fritid', 'Friluftsbua {prefix}'],
      sv: ['{place} Sport', '{prefix} Fritid', 'Friluftsboden {prefix}'],
      fi: ['{gen} Urheilu', 'Eräliike {prefix}', 'Retkipuoti {prefix}'],
    },
    leads: {
      nb: [
        'Sportsbutikk {in} med ski, fiskeutstyr og friluftsklær, og eget verksted for ski og sykkel.',
        'Friluftsbutikk {in} med utleie av utstyr og gode råd om turer {inRegion}.',
      ],
      sv: [
        'Sportbutik {in} med skidor, fiskeutrustning och friluftskläder, och egen verkstad för skidor och cyklar.',
        'Friluftsbutik {in} med uthyrning av utrustning och goda råd om turer {inRegion}.',
      ],
      fi: [
        'Urheiluliike {in}: suksia, kalastusvälineitä ja ulkoiluvaatteita sekä oma suksi- ja pyörähuolto.',
        'Retkeilyliike {in}: välinevuokrausta ja hyviä vinkkejä retkille.',
      ],
      en: [
        'A sports shop {in} with skis, fishing gear and outdoor clothing, and its own ski and bike workshop.',
        'An outdoor shop {in} with equipment rental and good advice on trips in the area.',
      ],
    },
    products: [
      ['s', 'Smøring av ski', 'Skidvallning', 'Suksien voitelu', 250],
      ['p', 'Fiskestang', 'Fiskespö', 'Kalastusvapa', 690],
      ['p', 'Ullundertøy', 'Underställ i ull', 'Villakerrasto', 899],
      ['s', 'Sykkelservice', 'Cykelservice', 'Pyörähuolto', 690],
      ['s', 'Utleie av langrennsski', 'Uthyrning av längdskidor', 'Murtomaasuksien vuokraus', 250],
      ['p', 'Truger', 'Snöskor', 'Lumikengät', 1490],
    ],
  },
  {
    key: 'it',
    nace: n('62.020', '62020', '62020'),
    weight: 3,
    hours: 'office',
    employees: [1, 6],
    pricedShare: 0.5,
    englishShare: 0.3,
    isRural: false,
    names: {
      nb: ['{prefix} IT', '{place} Data', '{owner} Datahjelp'],
      sv: ['{prefix} IT', '{place} Data', '{owner}s Datahjälp'],
      fi: ['{prefix} IT', '{gen} ATK-palvelu', 'IT-tuki {owner}'],
    },
    leads: {
      nb: [
        'IT-konsulent {in} som hjelper små bedrifter med nettverk, sikkerhetskopier og nettbutikk.',
        'Datahjelp {in} for bedrifter og privatpersoner – også fjernhjelp {inRegion}.',
      ],
      sv: [
        'IT-konsult {in} som hjälper småföretag med nätverk, säkerhetskopior och webbutik.',
        'Datahjälp {in} för företag och privatpersoner – även fjärrsupport {inRegion}.',
      ],
      fi: [
        'IT-konsultti {in}: autamme pienyrityksiä verkkojen, varmuuskopioiden ja verkkokaupan kanssa.',
        'Tietokoneapua {in} yrityksille ja kotitalouksille – myös etätukena.',
      ],
      en: [
        'An IT consultant {in} helping small firms with networks, backups and web shops.',
        'Computer help {in} for businesses and households, also remotely.',
      ],
    },
    products: [
      ['s', 'Oppsett av nettverk', 'Installation av nätverk', 'Verkon asennus', null],
      ['s', 'Fjernhjelp (per time)', 'Fjärrsupport (per timme)', 'Etätuki (per tunti)', 850],
      ['s', 'Sikkerhetskopi i skyen', 'Molnbackup', 'Pilvivarmuuskopio', null],
      ['s', 'Nettbutikk for småbedrift', 'Webbutik för småföretag', 'Verkkokauppa pienyritykselle', 9900],
      ['s', 'Datakurs for seniorer', 'Datakurs för seniorer', 'Tietokonekurssi senioreille', 300],
    ],
  },
  {
    key: 'taxi',
    nace: n('49.320', '49320', '49320'),
    weight: 3,
    hours: 'taxi',
    employees: [1, 8],
    pricedShare: 0.4,
    englishShare: 0.3,
    isRural: false,
    names: {
      nb: ['{place} Taxi', '{owner} Taxi', '{prefix} Drosje'],
      sv: ['{place} Taxi', '{owner}s Taxi', '{prefix} Taxi'],
      fi: ['{gen} Taksi', 'Taksi {owner}', '{prefix} Taksi'],
    },
    leads: {
      nb: ['Drosje {in} med plass til rullestol, skoleskyss og turer til tog og fly.', 'Taxi {in} – også bestilte turer inn i fjellet og til nabokommunene.'],
      sv: ['Taxi {in} med plats för rullstol, skolskjuts och resor till tåg och flyg.', 'Taxi {in} – även beställda resor till fjällen och grannkommunerna.'],
      fi: ['Taksi {in}: invapaikka, koulukuljetukset ja kyydit junalle ja lentokentälle.', 'Taksi {in} – myös tilauskyydit tuntureille ja naapurikuntiin.'],
      en: [
        'A taxi {in} with wheelchair space, school runs and trips to trains and flights.',
        'A taxi {in}, also booked trips into the mountains and to neighbouring towns.',
      ],
    },
    products: [
      ['s', 'Tur til flyplassen', 'Resa till flygplatsen', 'Lentokenttäkuljetus', null],
      ['s', 'Rullestoltransport', 'Rullstolstransport', 'Invataksi', null],
      ['s', 'Budkjøring', 'Budkörning', 'Kuriiripalvelu', null],
      ['s', 'Fastpris i sentrum', 'Fast pris inom tätorten', 'Kiinteä hinta taajamassa', 150],
    ],
  },
  {
    key: 'forestry',
    nace: n('02.400', '02400', '02400'),
    weight: 4,
    hours: 'workshop',
    employees: [1, 12],
    pricedShare: 0.2,
    englishShare: 0.1,
    isRural: true,
    names: {
      nb: ['{place} Skogsdrift', '{owner} Skog og Maskin', '{prefix} Skogservice'],
      sv: ['{place} Skogstjänst', '{owner}s Skog & Maskin', '{prefix} Skogsentreprenad'],
      fi: ['Metsäpalvelu {owner}', '{gen} Metsätyö', '{prefix} Metsäkone'],
    },
    leads: {
      nb: [
        'Skogsentreprenør {in} med hogst, tynning og planting for skogeiere {inRegion}.',
        'Skogsmaskiner og skogbruksplaner {in}, med vekt på skånsom drift.',
      ],
      sv: [
        'Skogsentreprenör {in} med avverkning, gallring och plantering åt skogsägare {inRegion}.',
        'Skogsmaskiner och skogsbruksplaner {in}, med fokus på skonsamt skogsbruk.',
      ],
      fi: [
        'Metsäurakointia {in}: hakkuut, harvennukset ja istutukset metsänomistajille.',
        'Metsäkoneyrittäjä {in}. Teemme myös metsäsuunnitelmia luontoa säästäen.',
      ],
      en: [
        'A forestry contractor {in}: felling, thinning and planting for forest owners.',
        'Forest machinery and forest management plans {in}, with a light touch.',
      ],
    },
    products: [
      ['s', 'Tynning', 'Gallring', 'Harvennus', null],
      ['s', 'Hogst', 'Avverkning', 'Hakkuu', null],
      ['s', 'Planting', 'Plantering', 'Taimien istutus', null],
      ['s', 'Skogbruksplan', 'Skogsbruksplan', 'Metsäsuunnitelma', null],
      ['s', 'Brøyting (per time)', 'Snöröjning (per timme)', 'Lumenauraus (per tunti)', 950],
    ],
  },
  {
    key: 'brewery',
    nace: n('11.050', '11050', '11050'),
    weight: 1,
    hours: 'farmshop',
    employees: [1, 6],
    pricedShare: 0.9,
    englishShare: 0.8,
    isRural: false,
    names: {
      nb: ['{prefix} Bryggeri', '{place} Mikrobryggeri', 'Bryggeriet {prefix}'],
      sv: ['{prefix} Bryggeri', '{place} Mikrobryggeri', 'Bryggeriet {prefix}'],
      fi: ['{prefix}panimo', '{gen} Pienpanimo', 'Panimo {prefix}'],
    },
    leads: {
      nb: ['Mikrobryggeri {in} med øl brygget på fjellvann, lokale urter og bær.', 'Lite bryggeri {in} med omvisning, smaking og salg av alkoholfri sider.'],
      sv: ['Mikrobryggeri {in} med öl bryggd på fjällvatten, lokala örter och bär.', 'Litet bryggeri {in} med visningar, provsmakning och alkoholfri cider.'],
      fi: [
        'Pienpanimo {in}. Oluidemme raaka-aineita ovat puhdas pohjavesi, paikalliset yrtit ja marjat.',
        'Pieni panimo {in}: panimokierroksia, maistelua ja alkoholitonta siideriä.',
      ],
      en: [
        'A microbrewery {in} with beer brewed from mountain water, local herbs and berries.',
        'A small brewery {in} with tours, tastings and alcohol-free cider.',
      ],
    },
    products: [
      ['p', 'Pale ale (0,5 l)', 'Pale ale (50 cl)', 'Pale ale (0,5 l)', 89],
      ['p', 'Einerøl', 'Enbärsöl', 'Katajaolut', 95],
      ['p', 'Alkoholfri eplesider', 'Alkoholfri äppelcider', 'Alkoholiton omenasiideri', 59],
      ['s', 'Omvisning med smaking', 'Visning med provsmakning', 'Panimokierros ja maistelu', 350],
      ['p', 'Gavepakke', 'Presentförpackning', 'Lahjapakkaus', 399],
    ],
  },
  {
    key: 'florist',
    nace: n('47.761', '47761', '47761'),
    weight: 2,
    hours: 'shop',
    employees: [1, 3],
    pricedShare: 0.8,
    englishShare: 0.1,
    isRural: false,
    names: {
      nb: ['{place} Blomster', 'Blomsterbua {prefix}', '{first}s Blomster'],
      sv: ['{place} Blommor', 'Blomsterboden {prefix}', '{first}s Blommor'],
      fi: ['{gen} Kukka', 'Kukkakauppa {prefix}', 'Kukka-{first}'],
    },
    leads: {
      nb: [
        'Blomsterbutikk {in} med snittblomster, planter og binderi til bryllup og begravelser.',
        'Blomster og interiør {in} – vi leverer buketter i hele kommunen.',
      ],
      sv: [
        'Blomsteraffär {in} med snittblommor, växter och binderi till bröllop och begravningar.',
        'Blommor och inredning {in} – vi levererar buketter i hela kommunen.',
      ],
      fi: [
        'Kukkakauppa {in}: leikkokukkia, ruukkukasveja ja sidontaa häihin ja hautajaisiin.',
        'Kukkia ja sisustustavaraa {in} – toimitamme kimppuja koko kunnan alueelle.',
      ],
      en: [
        'A florist {in} with cut flowers, plants and arrangements for weddings and funerals.',
        'Flowers and interiors {in}; we deliver bouquets across the municipality.',
      ],
    },
    products: [
      ['p', 'Bukett', 'Bukett', 'Kukkakimppu', 395],
      ['p', 'Brudebukett', 'Brudbukett', 'Morsiuskimppu', 1200],
      ['s', 'Begravelsesbinderi', 'Begravningsbinderi', 'Surusidonta', null],
      ['p', 'Potteplanter', 'Krukväxter', 'Ruukkukasvit', 199],
      ['s', 'Levering i kommunen', 'Leverans i kommunen', 'Kotiinkuljetus kunnan alueella', 100],
    ],
  },
];

/** Sectors whose firms may run shops in two places (the demo's establishments). */
export const multiShopSectors = new Set(['bakery', 'craft-shop', 'sport-shop', 'florist', 'cafe', 'grocery']);
