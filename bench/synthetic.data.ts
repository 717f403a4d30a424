/**
 * Word lists for the synthetic Nordic firms (benchmark and demo). Fictional firms, real-sounding
 * words: sector words per language so that names, products and descriptions stem and search like
 * real ones. Weights roughly follow the share of firms per sector in the Nordic registers.
 */
export type Lang = 'nb' | 'sv' | 'fi' | 'en';

export interface SectorWords {
  /** Words used in firm names ("Bakeri", "Leipomo") */
  name: string[];
  /** Noun phrase for descriptions ("et bakeri", "ett bageri", "leipomo", "a bakery") */
  noun: string;
  products: string[];
}

export interface SectorSpec {
  /** NACE Rev. 2 5-digit subclass (national variants share the first four digits) */
  code: string;
  weight: number;
  /** Customer-facing places get opening hours */
  hours?: 'shop' | 'cafe' | 'restaurant' | 'office' | 'daily';
  words: Record<Lang, SectorWords>;
  kind?: 'product' | 'service';
}

const s = (name: string[], noun: string, products: string[]): SectorWords => ({ name, noun, products });

export const sectors: SectorSpec[] = [
  { code: '01110', weight: 40, kind: 'product', words: {
    nb: s(['Gård', 'Gårdsbruk', 'Gardsmat'], 'en gård', ['poteter', 'egg', 'lammekjøtt', 'honning', 'grønnsaker', 'jordbær']),
    sv: s(['Gård', 'Lantbruk', 'Gårdsbutik'], 'en gård', ['potatis', 'ägg', 'lammkött', 'honung', 'grönsaker', 'jordgubbar']),
    fi: s(['Tila', 'Maatila', 'Luomutila'], 'maatila', ['perunat', 'kananmunat', 'lampaanliha', 'hunaja', 'vihannekset', 'mansikat']),
    en: s(['Farm', 'Farms'], 'a farm', ['potatoes', 'eggs', 'lamb', 'honey', 'vegetables', 'strawberries']) } },
  { code: '02200', weight: 12, words: {
    nb: s(['Skogdrift', 'Skog', 'Tømmer'], 'et skogsfirma', ['tømmer', 'ved', 'skogsdrift', 'flis']),
    sv: s(['Skogsentreprenad', 'Skog', 'Timmer'], 'ett skogsföretag', ['timmer', 'ved', 'skogsvård', 'flis']),
    fi: s(['Metsäpalvelu', 'Metsä', 'Puu'], 'metsäpalveluyritys', ['puutavara', 'polttopuut', 'metsänhoito', 'hake']),
    en: s(['Forestry', 'Timber'], 'a forestry firm', ['timber', 'firewood', 'forestry', 'wood chips']) } },
  { code: '03110', weight: 6, kind: 'product', words: {
    nb: s(['Fiske', 'Fisk', 'Sjømat'], 'et fiskebruk', ['laks', 'torsk', 'røkt laks', 'fiskekaker']),
    sv: s(['Fiske', 'Fisk', 'Rökeri'], 'ett fiskeföretag', ['lax', 'sik', 'röding', 'rökt fisk']),
    fi: s(['Kalastus', 'Kala', 'Kalatalo'], 'kalastusyritys', ['lohi', 'siika', 'muikku', 'savukala']),
    en: s(['Fisheries', 'Seafood'], 'a fishery', ['salmon', 'cod', 'smoked fish', 'fish cakes']) } },
  { code: '10710', weight: 10, hours: 'cafe', kind: 'product', words: {
    nb: s(['Bakeri', 'Bakeriet', 'Konditori', 'Brødbakeri'], 'et bakeri', ['brød', 'kanelboller', 'wienerbrød', 'lefse', 'kaker', 'rundstykker', 'surdeigsbrød']),
    sv: s(['Bageri', 'Bageriet', 'Konditori', 'Hembageri'], 'ett bageri', ['bröd', 'kanelbullar', 'tunnbröd', 'tårtor', 'kakor', 'surdegsbröd']),
    fi: s(['Leipomo', 'Kotileipomo', 'Konditoria'], 'leipomo', ['ruisleipä', 'pulla', 'karjalanpiirakat', 'kakut', 'leivonnaiset', 'hapanleipä']),
    en: s(['Bakery', 'Bakehouse'], 'a bakery', ['bread', 'cinnamon buns', 'cakes', 'pastries', 'sourdough bread']) } },
  { code: '10130', weight: 4, kind: 'product', words: {
    nb: s(['Slakteri', 'Kjøtt', 'Pølsemaker'], 'et slakteri', ['spekemat', 'pølser', 'reinkjøtt', 'elgkjøtt']),
    sv: s(['Charkuteri', 'Slakteri', 'Kött'], 'ett charkuteri', ['korv', 'renkött', 'älgkött', 'skinka']),
    fi: s(['Lihajaloste', 'Teurastamo', 'Liha'], 'lihajalostamo', ['makkarat', 'poronliha', 'hirvenliha', 'kinkku']),
    en: s(['Butchery', 'Meats'], 'a butchery', ['sausages', 'reindeer meat', 'elk meat', 'ham']) } },
  { code: '16230', weight: 8, words: {
    nb: s(['Snekkeri', 'Trevare', 'Snekker'], 'et snekkeri', ['kjøkkeninnredning', 'trapper', 'vinduer', 'møbler']),
    sv: s(['Snickeri', 'Träindustri', 'Snickare'], 'ett snickeri', ['köksinredning', 'trappor', 'fönster', 'möbler']),
    fi: s(['Puusepänliike', 'Puusepät', 'Puutyö'], 'puusepänliike', ['keittiökalusteet', 'portaat', 'ikkunat', 'huonekalut']),
    en: s(['Joinery', 'Woodworks'], 'a joinery', ['kitchens', 'stairs', 'windows', 'furniture']) } },
  { code: '25620', weight: 7, words: {
    nb: s(['Mekaniske', 'Mek', 'Sveis'], 'et mekanisk verksted', ['sveising', 'dreiing', 'stålkonstruksjoner']),
    sv: s(['Mekaniska', 'Verkstad', 'Svets'], 'en mekanisk verkstad', ['svetsning', 'svarvning', 'stålkonstruktioner']),
    fi: s(['Konepaja', 'Hitsaus', 'Metalli'], 'konepaja', ['hitsaus', 'sorvaus', 'teräsrakenteet']),
    en: s(['Engineering', 'Metalworks'], 'an engineering workshop', ['welding', 'turning', 'steel structures']) } },
  { code: '41200', weight: 60, words: {
    nb: s(['Bygg', 'Byggmester', 'Entreprenør', 'Tømrer', 'Hus'], 'et byggfirma', ['nybygg', 'tilbygg', 'rehabilitering', 'hytter', 'terrasser']),
    sv: s(['Bygg', 'Byggnads', 'Entreprenad', 'Hus'], 'ett byggföretag', ['nybyggnation', 'tillbyggnad', 'renovering', 'fritidshus', 'altaner']),
    fi: s(['Rakennus', 'Rakennuspalvelu', 'Talo'], 'rakennusyritys', ['uudisrakentaminen', 'laajennukset', 'remontit', 'mökit', 'terassit']),
    en: s(['Construction', 'Builders'], 'a builder', ['new builds', 'extensions', 'renovation', 'cabins', 'decks']) } },
  { code: '43220', weight: 22, hours: 'office', kind: 'service', words: {
    nb: s(['Rørlegger', 'Rør', 'VVS', 'Rørservice'], 'en rørlegger', ['baderom', 'varmepumpe', 'vannlekkasje', 'sluk', 'varmtvannsbereder']),
    sv: s(['Rör', 'VVS', 'Rörservice', 'Rörmokare'], 'en rörmokare', ['badrum', 'värmepump', 'vattenläcka', 'golvbrunn', 'varmvattenberedare']),
    fi: s(['LVI', 'Putkityö', 'Putkiliike'], 'LVI-yritys', ['kylpyhuoneet', 'lämpöpumput', 'vesivuodot', 'lattiakaivot']),
    en: s(['Plumbing', 'Plumbers'], 'a plumber', ['bathrooms', 'heat pumps', 'leak repair', 'water heaters']) } },
  { code: '43210', weight: 22, hours: 'office', kind: 'service', words: {
    nb: s(['Elektro', 'Elektriker', 'El', 'Elektroinstallasjon'], 'en elektriker', ['elkontroll', 'sikringsskap', 'ladestasjon', 'belysning']),
    sv: s(['Elektriska', 'Elektriker', 'El', 'Elinstallation'], 'en elektriker', ['elbesiktning', 'elcentral', 'laddbox', 'belysning']),
    fi: s(['Sähkö', 'Sähköasennus', 'Sähköpalvelu'], 'sähköliike', ['sähkötarkastus', 'sähkökeskus', 'latausasema', 'valaistus']),
    en: s(['Electrical', 'Electricians'], 'an electrician', ['inspections', 'fuse boards', 'EV chargers', 'lighting']) } },
  { code: '43341', weight: 12, kind: 'service', words: {
    nb: s(['Maler', 'Malerfirma', 'Malermester'], 'en maler', ['maling', 'tapetsering', 'fasademaling']),
    sv: s(['Måleri', 'Målare', 'Målerifirma'], 'en målare', ['målning', 'tapetsering', 'fasadmålning']),
    fi: s(['Maalaus', 'Maalausliike', 'Maalari'], 'maalausliike', ['maalaus', 'tapetointi', 'julkisivumaalaus']),
    en: s(['Painters', 'Decorators'], 'a painter', ['painting', 'wallpapering', 'facades']) } },
  { code: '45200', weight: 14, hours: 'office', kind: 'service', words: {
    nb: s(['Bilverksted', 'Bil', 'Bilservice', 'Dekk'], 'et bilverksted', ['EU-kontroll', 'service', 'dekkskift', 'bilvask']),
    sv: s(['Bilverkstad', 'Bil', 'Bilservice', 'Däck'], 'en bilverkstad', ['bilbesiktning', 'service', 'däckbyte', 'biltvätt']),
    fi: s(['Autokorjaamo', 'Auto', 'Autohuolto', 'Rengas'], 'autokorjaamo', ['katsastus', 'huolto', 'renkaanvaihto', 'autopesu']),
    en: s(['Motors', 'Garage', 'Tyres'], 'a garage', ['MOT', 'service', 'tyre change', 'car wash']) } },
  { code: '46900', weight: 20, words: {
    nb: s(['Engros', 'Handel', 'Import'], 'en grossist', ['engrossalg', 'import', 'distribusjon']),
    sv: s(['Grossist', 'Handel', 'Import'], 'en grossist', ['partihandel', 'import', 'distribution']),
    fi: s(['Tukku', 'Kauppa', 'Tuonti'], 'tukkuliike', ['tukkumyynti', 'maahantuonti', 'jakelu']),
    en: s(['Trading', 'Wholesale'], 'a wholesaler', ['wholesale', 'import', 'distribution']) } },
  { code: '47761', weight: 6, hours: 'shop', kind: 'product', words: {
    nb: s(['Blomster', 'Blomsterbutikk', 'Hagesenter'], 'en blomsterbutikk', ['roser', 'buketter', 'potteplanter', 'kranser']),
    sv: s(['Blommor', 'Blomsterhandel', 'Trädgård'], 'en blomsterhandel', ['rosor', 'buketter', 'krukväxter', 'kransar']),
    fi: s(['Kukka', 'Kukkakauppa', 'Puutarha'], 'kukkakauppa', ['ruusut', 'kimput', 'huonekasvit', 'seppeleet']),
    en: s(['Flowers', 'Florist'], 'a florist', ['roses', 'bouquets', 'house plants', 'wreaths']) } },
  { code: '47641', weight: 6, hours: 'shop', kind: 'product', words: {
    nb: s(['Sport', 'Sykkel', 'Fritid'], 'en sportsbutikk', ['ski', 'sykler', 'turutstyr', 'fiskeutstyr']),
    sv: s(['Sport', 'Cykel', 'Fritid'], 'en sportbutik', ['skidor', 'cyklar', 'friluftsutrustning', 'fiskeutrustning']),
    fi: s(['Urheilu', 'Pyörä', 'Retkeily'], 'urheiluliike', ['sukset', 'polkupyörät', 'retkeilyvarusteet', 'kalastusvälineet']),
    en: s(['Sports', 'Outdoor', 'Cycles'], 'a sports shop', ['skis', 'bikes', 'outdoor gear', 'fishing gear']) } },
  { code: '47711', weight: 10, hours: 'shop', kind: 'product', words: {
    nb: s(['Klær', 'Mote', 'Sko', 'Butikk'], 'en klesbutikk', ['klær', 'sko', 'strikkeplagg', 'jakker', 'vesker']),
    sv: s(['Kläder', 'Mode', 'Skor', 'Butik'], 'en klädbutik', ['kläder', 'skor', 'stickat', 'jackor', 'väskor']),
    fi: s(['Vaate', 'Muoti', 'Kenkä', 'Putiikki'], 'vaatekauppa', ['vaatteet', 'kengät', 'neuleet', 'takit', 'laukut']),
    en: s(['Fashion', 'Clothing', 'Boutique'], 'a clothes shop', ['clothes', 'shoes', 'knitwear', 'jackets', 'bags']) } },
  { code: '47111', weight: 8, hours: 'daily', kind: 'product', words: {
    nb: s(['Dagligvare', 'Landhandel', 'Nærbutikk', 'Mat'], 'en dagligvarebutikk', ['dagligvarer', 'lokalmat', 'kaffe', 'frukt']),
    sv: s(['Livs', 'Lanthandel', 'Närbutik', 'Handelsbod'], 'en livsmedelsbutik', ['livsmedel', 'närproducerat', 'kaffe', 'frukt']),
    fi: s(['Kauppa', 'Kyläkauppa', 'Lähikauppa', 'Market'], 'lähikauppa', ['päivittäistavarat', 'lähiruoka', 'kahvi', 'hedelmät']),
    en: s(['Grocery', 'Store'], 'a grocery', ['groceries', 'local food', 'coffee', 'fruit']) } },
  { code: '47521', weight: 6, hours: 'shop', kind: 'product', words: {
    nb: s(['Jernvare', 'Byggevare', 'Farge'], 'en jernvarehandel', ['verktøy', 'maling', 'trelast', 'skruer']),
    sv: s(['Järnhandel', 'Bygghandel', 'Färg'], 'en järnhandel', ['verktyg', 'färg', 'virke', 'skruv']),
    fi: s(['Rautakauppa', 'Rauta', 'Väri'], 'rautakauppa', ['työkalut', 'maalit', 'puutavara', 'ruuvit']),
    en: s(['Hardware', 'Supplies'], 'a hardware store', ['tools', 'paint', 'lumber', 'screws']) } },
  { code: '47610', weight: 3, hours: 'shop', kind: 'product', words: {
    nb: s(['Bokhandel', 'Bok', 'Papir'], 'en bokhandel', ['bøker', 'kart', 'kontorrekvisita', 'gaver']),
    sv: s(['Bokhandel', 'Bok', 'Papper'], 'en bokhandel', ['böcker', 'kartor', 'kontorsmaterial', 'presenter']),
    fi: s(['Kirjakauppa', 'Kirja', 'Paperi'], 'kirjakauppa', ['kirjat', 'kartat', 'toimistotarvikkeet', 'lahjat']),
    en: s(['Books', 'Bookshop'], 'a bookshop', ['books', 'maps', 'stationery', 'gifts']) } },
  { code: '49320', weight: 18, kind: 'service', words: {
    nb: s(['Transport', 'Taxi', 'Frakt', 'Maskin'], 'et transportfirma', ['godstransport', 'taxi', 'flytting', 'gravearbeid']),
    sv: s(['Åkeri', 'Taxi', 'Transport', 'Maskin'], 'ett åkeri', ['godstransport', 'taxi', 'flytt', 'grävarbeten']),
    fi: s(['Kuljetus', 'Taksi', 'Rahti', 'Maansiirto'], 'kuljetusliike', ['tavarakuljetus', 'taksi', 'muutot', 'maansiirto']),
    en: s(['Transport', 'Taxi', 'Haulage'], 'a transport firm', ['freight', 'taxi', 'removals', 'excavation']) } },
  { code: '55101', weight: 7, hours: 'daily', kind: 'service', words: {
    nb: s(['Hotell', 'Camping', 'Pensjonat', 'Gjestegård', 'Hytteutleie'], 'et overnattingssted', ['overnatting', 'frokost', 'hytter', 'konferanse']),
    sv: s(['Hotell', 'Camping', 'Vandrarhem', 'Pensionat', 'Stugby'], 'ett boende', ['logi', 'frukost', 'stugor', 'konferens']),
    fi: s(['Hotelli', 'Leirintä', 'Majatalo', 'Lomakylä', 'Mökkivuokraus'], 'majoitusyritys', ['majoitus', 'aamiainen', 'mökit', 'kokoustilat']),
    en: s(['Hotel', 'Lodge', 'Cabins', 'Camping'], 'a place to stay', ['rooms', 'breakfast', 'cabins', 'conferences']) } },
  { code: '56101', weight: 14, hours: 'restaurant', kind: 'product', words: {
    nb: s(['Restaurant', 'Pizzeria', 'Kro', 'Spiseri', 'Grill'], 'en restaurant', ['pizza', 'lunsj', 'middag', 'catering', 'burger']),
    sv: s(['Restaurang', 'Pizzeria', 'Krog', 'Grill', 'Kök'], 'en restaurang', ['pizza', 'lunch', 'middag', 'catering', 'hamburgare']),
    fi: s(['Ravintola', 'Pizzeria', 'Grilli', 'Keittiö', 'Bistro'], 'ravintola', ['pizza', 'lounas', 'illallinen', 'pitopalvelu', 'hampurilaiset']),
    en: s(['Restaurant', 'Pizzeria', 'Grill', 'Kitchen'], 'a restaurant', ['pizza', 'lunch', 'dinner', 'catering', 'burgers']) } },
  { code: '56301', weight: 8, hours: 'cafe', kind: 'product', words: {
    nb: s(['Kafé', 'Kaffebar', 'Kafe', 'Bakst'], 'en kafé', ['kaffe', 'vafler', 'smørbrød', 'suppe', 'kaker']),
    sv: s(['Café', 'Kafé', 'Kaffebar', 'Fik'], 'ett kafé', ['kaffe', 'våfflor', 'smörgåsar', 'soppa', 'kakor']),
    fi: s(['Kahvila', 'Kahvio', 'Kahvibaari'], 'kahvila', ['kahvi', 'vohvelit', 'voileivät', 'keitto', 'kakut']),
    en: s(['Café', 'Coffee', 'Espresso'], 'a café', ['coffee', 'waffles', 'sandwiches', 'soup', 'cakes']) } },
  { code: '62010', weight: 30, hours: 'office', kind: 'service', words: {
    nb: s(['Data', 'IT', 'Digital', 'Software', 'Systemer'], 'et IT-selskap', ['programvare', 'nettsider', 'IT-drift', 'apper']),
    sv: s(['Data', 'IT', 'Digital', 'System', 'Webb'], 'ett IT-företag', ['mjukvara', 'webbplatser', 'IT-drift', 'appar']),
    fi: s(['Data', 'IT', 'Digital', 'Ohjelmisto', 'Softa'], 'IT-yritys', ['ohjelmistot', 'verkkosivut', 'IT-tuki', 'sovellukset']),
    en: s(['Software', 'Digital', 'Tech', 'Systems'], 'a software firm', ['software', 'websites', 'IT support', 'apps']) } },
  { code: '68209', weight: 70, words: {
    nb: s(['Eiendom', 'Eiendommer', 'Utleie', 'Invest', 'Holding'], 'et eiendomsselskap', ['utleie', 'næringslokaler', 'leiligheter']),
    sv: s(['Fastigheter', 'Fastighets', 'Förvaltning', 'Invest', 'Holding'], 'ett fastighetsbolag', ['uthyrning', 'lokaler', 'lägenheter']),
    fi: s(['Kiinteistö', 'Kiinteistöt', 'Vuokraus', 'Invest', 'Holding'], 'kiinteistöyhtiö', ['vuokraus', 'liiketilat', 'asunnot']),
    en: s(['Properties', 'Estates', 'Holdings', 'Invest'], 'a property company', ['letting', 'commercial premises', 'flats']) } },
  { code: '69201', weight: 16, hours: 'office', kind: 'service', words: {
    nb: s(['Regnskap', 'Revisjon', 'Økonomi', 'Advokat', 'Advokatfirma'], 'et regnskapskontor', ['regnskap', 'lønn', 'årsoppgjør', 'skatt', 'rådgivning']),
    sv: s(['Redovisning', 'Revision', 'Ekonomi', 'Advokat', 'Advokatbyrå'], 'en redovisningsbyrå', ['bokföring', 'lön', 'bokslut', 'deklaration', 'rådgivning']),
    fi: s(['Tilitoimisto', 'Tilintarkastus', 'Talous', 'Asianajo', 'Lakiasiaintoimisto'], 'tilitoimisto', ['kirjanpito', 'palkanlaskenta', 'tilinpäätös', 'verotus', 'neuvonta']),
    en: s(['Accounting', 'Accountants', 'Law', 'Legal'], 'an accountancy', ['bookkeeping', 'payroll', 'annual accounts', 'tax', 'advice']) } },
  { code: '70220', weight: 35, kind: 'service', words: {
    nb: s(['Rådgivning', 'Consulting', 'Konsult', 'Partner', 'Utvikling'], 'et rådgivningsfirma', ['rådgivning', 'prosjektledelse', 'strategi', 'kurs']),
    sv: s(['Konsult', 'Consulting', 'Rådgivning', 'Partner', 'Utveckling'], 'en konsultbyrå', ['rådgivning', 'projektledning', 'strategi', 'utbildning']),
    fi: s(['Konsultointi', 'Consulting', 'Neuvonta', 'Kehitys', 'Partners'], 'konsulttiyritys', ['neuvonta', 'projektinhallinta', 'strategia', 'koulutus']),
    en: s(['Consulting', 'Advisory', 'Partners', 'Solutions'], 'a consultancy', ['advice', 'project management', 'strategy', 'training']) } },
  { code: '71112', weight: 10, kind: 'service', words: {
    nb: s(['Arkitekt', 'Arkitekter', 'Ingeniør', 'Prosjekt'], 'et arkitektkontor', ['tegninger', 'byggesøknad', 'prosjektering']),
    sv: s(['Arkitekt', 'Arkitekter', 'Ingenjör', 'Projekt'], 'ett arkitektkontor', ['ritningar', 'bygglov', 'projektering']),
    fi: s(['Arkkitehti', 'Arkkitehdit', 'Insinööri', 'Suunnittelu'], 'arkkitehtitoimisto', ['piirustukset', 'rakennuslupa', 'suunnittelu']),
    en: s(['Architects', 'Engineering', 'Design'], 'an architect', ['drawings', 'planning permission', 'design']) } },
  { code: '74201', weight: 5, kind: 'service', words: {
    nb: s(['Foto', 'Fotograf', 'Film', 'Design'], 'en fotograf', ['portretter', 'bryllup', 'produktfoto', 'film']),
    sv: s(['Foto', 'Fotograf', 'Film', 'Design'], 'en fotograf', ['porträtt', 'bröllop', 'produktfoto', 'film']),
    fi: s(['Valokuvaus', 'Kuvaamo', 'Filmi', 'Design'], 'valokuvaamo', ['muotokuvat', 'häät', 'tuotekuvat', 'video']),
    en: s(['Photography', 'Studio', 'Films', 'Design'], 'a photographer', ['portraits', 'weddings', 'product photos', 'film']) } },
  { code: '79900', weight: 5, hours: 'office', kind: 'service', words: {
    nb: s(['Opplevelser', 'Reiser', 'Guide', 'Villmark', 'Eventyr'], 'et opplevelsesselskap', ['hundekjøring', 'fjellturer', 'fisketurer', 'nordlys']),
    sv: s(['Upplevelser', 'Resor', 'Guide', 'Vildmark', 'Äventyr'], 'ett upplevelseföretag', ['hundspann', 'fjällturer', 'fisketurer', 'norrsken']),
    fi: s(['Elämykset', 'Matkat', 'Safarit', 'Erä', 'Seikkailu'], 'ohjelmapalveluyritys', ['koiravaljakko', 'tunturivaellukset', 'kalastusretket', 'revontulet']),
    en: s(['Adventures', 'Tours', 'Safaris', 'Wilderness'], 'a tour operator', ['dog sledding', 'mountain hikes', 'fishing trips', 'northern lights']) } },
  { code: '81210', weight: 10, kind: 'service', words: {
    nb: s(['Renhold', 'Vask', 'Rengjøring'], 'et renholdsbyrå', ['renhold', 'vinduspuss', 'flyttevask']),
    sv: s(['Städ', 'Städservice', 'Lokalvård'], 'en städfirma', ['städning', 'fönsterputs', 'flyttstäd']),
    fi: s(['Siivous', 'Siivouspalvelu', 'Puhdistus'], 'siivousyritys', ['siivous', 'ikkunanpesu', 'muuttosiivous']),
    en: s(['Cleaning', 'Cleaners'], 'a cleaning firm', ['cleaning', 'window cleaning', 'end of tenancy cleaning']) } },
  { code: '85530', weight: 5, hours: 'office', kind: 'service', words: {
    nb: s(['Trafikkskole', 'Kurs', 'Opplæring', 'Skole'], 'en trafikkskole', ['førerkort', 'kjøretimer', 'kurs']),
    sv: s(['Trafikskola', 'Kurs', 'Utbildning', 'Skola'], 'en trafikskola', ['körkort', 'körlektioner', 'kurser']),
    fi: s(['Autokoulu', 'Koulutus', 'Kurssit', 'Opisto'], 'autokoulu', ['ajokortti', 'ajotunnit', 'kurssit']),
    en: s(['Driving School', 'Academy', 'Training'], 'a driving school', ['driving licence', 'driving lessons', 'courses']) } },
  { code: '86230', weight: 12, hours: 'office', kind: 'service', words: {
    nb: s(['Tannlege', 'Tannklinikk', 'Fysioterapi', 'Legesenter', 'Klinikk'], 'en klinikk', ['tannbehandling', 'fysioterapi', 'massasje', 'helsesjekk']),
    sv: s(['Tandläkare', 'Tandvård', 'Fysioterapi', 'Vårdcentral', 'Klinik'], 'en klinik', ['tandvård', 'sjukgymnastik', 'massage', 'hälsokontroll']),
    fi: s(['Hammaslääkäri', 'Hammasklinikka', 'Fysioterapia', 'Lääkäriasema', 'Klinikka'], 'klinikka', ['hammashoito', 'fysioterapia', 'hieronta', 'terveystarkastus']),
    en: s(['Dental', 'Clinic', 'Physiotherapy', 'Health'], 'a clinic', ['dentistry', 'physiotherapy', 'massage', 'health checks']) } },
  { code: '93130', weight: 6, hours: 'daily', kind: 'service', words: {
    nb: s(['Treningssenter', 'Trening', 'Yoga', 'Kultur'], 'et treningssenter', ['styrketrening', 'yoga', 'gruppetimer', 'konserter']),
    sv: s(['Gym', 'Träning', 'Yoga', 'Kultur'], 'ett gym', ['styrketräning', 'yoga', 'gruppträning', 'konserter']),
    fi: s(['Kuntosali', 'Liikunta', 'Jooga', 'Kulttuuri'], 'kuntosali', ['kuntosaliharjoittelu', 'jooga', 'ryhmäliikunta', 'konsertit']),
    en: s(['Fitness', 'Gym', 'Yoga', 'Arts'], 'a gym', ['strength training', 'yoga', 'group classes', 'concerts']) } },
  { code: '95230', weight: 4, hours: 'shop', kind: 'service', words: {
    nb: s(['Skomaker', 'Reparasjon', 'Service', 'Søm'], 'et reparasjonsverksted', ['skoreparasjon', 'nøkkelkopiering', 'omsøm']),
    sv: s(['Skomakare', 'Reparation', 'Service', 'Sömnad'], 'en reparationsverkstad', ['skoreparation', 'nyckelkopiering', 'ändringssömnad']),
    fi: s(['Suutari', 'Korjaamo', 'Huolto', 'Ompelimo'], 'korjaamo', ['kenkien korjaus', 'avainten teko', 'vaatteiden korjaus']),
    en: s(['Repairs', 'Cobbler', 'Tailor'], 'a repair shop', ['shoe repair', 'key cutting', 'alterations']) } },
  { code: '96021', weight: 16, hours: 'shop', kind: 'service', words: {
    nb: s(['Frisør', 'Frisørsalong', 'Hårstudio', 'Hudpleie', 'Salong'], 'en frisør', ['hårklipp', 'farging', 'barbering', 'hudpleie', 'negler']),
    sv: s(['Frisör', 'Frisersalong', 'Hårstudio', 'Hudvård', 'Salong'], 'en frisör', ['klippning', 'färgning', 'rakning', 'hudvård', 'naglar']),
    fi: s(['Parturi', 'Kampaamo', 'Parturi-Kampaamo', 'Kauneushoitola', 'Hiusstudio'], 'kampaamo', ['hiustenleikkuu', 'värjäys', 'parranajo', 'kasvohoidot', 'kynnet']),
    en: s(['Hair', 'Barber', 'Salon', 'Beauty'], 'a hair salon', ['haircuts', 'colouring', 'shaves', 'skin care', 'nails']) } },
];

export const surnames: Record<Lang, string[]> = {
  nb: ['Hansen', 'Johansen', 'Olsen', 'Larsen', 'Andersen', 'Pedersen', 'Nilsen', 'Kristiansen', 'Jensen', 'Karlsen', 'Johnsen', 'Pettersen', 'Eriksen', 'Berg', 'Haugen', 'Hagen', 'Johannessen', 'Andreassen', 'Jacobsen', 'Dahl', 'Jørgensen', 'Halvorsen', 'Henriksen', 'Lund', 'Sørensen', 'Moen', 'Gundersen', 'Iversen', 'Strand', 'Solberg', 'Svendsen', 'Eide', 'Knutsen', 'Martinsen', 'Bakken', 'Mathisen', 'Lie', 'Amundsen', 'Nguyen', 'Rasmussen', 'Lunde', 'Solheim', 'Nygård', 'Bakke', 'Moe', 'Haugland', 'Nordby', 'Aas', 'Sæther', 'Brekke', 'Røed', 'Holm', 'Vik', 'Aune', 'Hauge', 'Fjeld', 'Tangen', 'Myhre', 'Ødegård', 'Sletten', 'Løken', 'Gjelsvik', 'Ås', 'Kvam', 'Skjærvø', 'Grønli'],
  sv: ['Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson', 'Gustafsson', 'Pettersson', 'Jonsson', 'Jansson', 'Hansson', 'Bengtsson', 'Jönsson', 'Lindberg', 'Jakobsson', 'Magnusson', 'Olofsson', 'Lindström', 'Lindqvist', 'Lindgren', 'Berg', 'Axelsson', 'Bergström', 'Lundberg', 'Lind', 'Lundgren', 'Lundqvist', 'Mattsson', 'Berglund', 'Fredriksson', 'Sandberg', 'Henriksson', 'Forsberg', 'Sjöberg', 'Wallin', 'Engström', 'Eklund', 'Danielsson', 'Håkansson', 'Lundin', 'Björk', 'Bergman', 'Gunnarsson', 'Holm', 'Wikström', 'Samuelsson', 'Isaksson', 'Fransson', 'Bergqvist', 'Nyström', 'Holmberg', 'Arvidsson', 'Löfgren', 'Söderberg', 'Nyberg', 'Blomqvist', 'Nordström', 'Åberg', 'Öberg', 'Strömberg', 'Marklund', 'Burman'],
  fi: ['Korhonen', 'Virtanen', 'Mäkinen', 'Nieminen', 'Mäkelä', 'Hämäläinen', 'Laine', 'Heikkinen', 'Koskinen', 'Järvinen', 'Lehtonen', 'Lehtinen', 'Saarinen', 'Salminen', 'Heinonen', 'Niemi', 'Heikkilä', 'Kinnunen', 'Salonen', 'Turunen', 'Salo', 'Laitinen', 'Tuominen', 'Rantanen', 'Karjalainen', 'Jokinen', 'Mattila', 'Savolainen', 'Lahtinen', 'Ahonen', 'Hiltunen', 'Väisänen', 'Kemppainen', 'Hirvonen', 'Leinonen', 'Peltonen', 'Lindholm', 'Pöyhönen', 'Räsänen', 'Kärkkäinen', 'Ylitalo', 'Härkönen', 'Lappalainen', 'Aaltonen', 'Kallio', 'Huttunen', 'Manninen', 'Koivisto', 'Ojala', 'Ketola', 'Kivelä', 'Rautio', 'Palosaari'],
  en: ['Smith', 'Brown', 'Taylor', 'Wilson', 'Walker', 'Wright', 'Hughes', 'Evans'],
};

export const givenNames: Record<Lang, string[]> = {
  nb: ['Ola', 'Kari', 'Per', 'Anne', 'Lars', 'Ingrid', 'Knut', 'Marit', 'Jon', 'Sigrid', 'Erik', 'Hilde', 'Bjørn', 'Tone', 'Arne', 'Solveig', 'Tor', 'Åse', 'Øystein', 'Ragnhild'],
  sv: ['Anna', 'Lars', 'Eva', 'Karl', 'Maria', 'Erik', 'Karin', 'Anders', 'Kerstin', 'Johan', 'Lena', 'Per', 'Ingrid', 'Nils', 'Sara', 'Mikael', 'Åsa', 'Göran', 'Birgitta', 'Jonas'],
  fi: ['Matti', 'Juha', 'Timo', 'Anne', 'Tuula', 'Päivi', 'Jari', 'Mikko', 'Sari', 'Kari', 'Minna', 'Pekka', 'Riitta', 'Antti', 'Leena', 'Jukka', 'Hannele', 'Seppo', 'Eeva', 'Heikki'],
  en: ['James', 'Emma', 'Oliver', 'Sophie', 'Jack', 'Grace'],
};

/** Invented brand words ("Nordlys Bakeri", "Revontuli Kahvila") */
export const brandWords: Record<Lang, string[]> = {
  nb: ['Nordlys', 'Fjellro', 'Vidde', 'Elvestad', 'Midnattsol', 'Furu', 'Bjørk', 'Lyng', 'Multe', 'Rein', 'Fjord', 'Polar', 'Nord', 'Øst', 'Vest', 'Sør', 'Fjellheim', 'Solstad', 'Granly', 'Tindra', 'Kobber', 'Bergstaden', 'Glåmdal', 'Fjellbygda', 'Nyhavn'],
  sv: ['Norrsken', 'Fjäll', 'Älv', 'Tall', 'Björk', 'Ljung', 'Hjortron', 'Ren', 'Midnattssol', 'Norrland', 'Polar', 'Nord', 'Väst', 'Öst', 'Syd', 'Lappland', 'Skog', 'Granlund', 'Solvik', 'Inland', 'Älvdal', 'Myrberg', 'Storsjö'],
  fi: ['Revontuli', 'Tunturi', 'Joki', 'Mänty', 'Koivu', 'Kanerva', 'Lakka', 'Poro', 'Kaamos', 'Lappi', 'Pohjola', 'Itä', 'Länsi', 'Etelä', 'Kuusi', 'Aurinko', 'Tähti', 'Kuu', 'Järvi', 'Saimaa', 'Kide', 'Helmi', 'Vaara'],
  en: ['Nordic', 'Arctic', 'Northern', 'Aurora', 'Boreal', 'Polaris', 'Fjord', 'Tundra'],
};

export const streets: Record<Lang, string[]> = {
  nb: ['Storgata', 'Kirkegata', 'Industriveien', 'Jernbanegata', 'Fjellveien', 'Sentrumsveien', 'Elvegata', 'Skolegata', 'Torget', 'Nedre gate', 'Bakkegata', 'Sjøgata'],
  sv: ['Storgatan', 'Kyrkogatan', 'Industrivägen', 'Järnvägsgatan', 'Skolgatan', 'Torget', 'Strandvägen', 'Köpmangatan', 'Nygatan', 'Bergsgatan', 'Älvgatan'],
  fi: ['Kauppakatu', 'Kirkkokatu', 'Teollisuustie', 'Asemakatu', 'Koulukatu', 'Tori', 'Rantatie', 'Puistokatu', 'Pohjoisväylä', 'Keskuskatu', 'Myllytie'],
  en: ['Main Street', 'High Street', 'Harbour Road'],
};

interface DescriptionTemplate { (name: string, noun: string, place: string, products: string[]): string }
const list = (items: string[], and: string) => (items.length > 1 ? `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}` : (items[0] ?? ''));

export const descriptionTemplates: Record<Lang, DescriptionTemplate[]> = {
  nb: [
    (n, noun, p, pr) => `${n} er ${noun} i ${p}. Vi tilbyr ${list(pr, 'og')}.`,
    (n, noun, p, pr) => `Lokalt eid ${noun.replace(/^(en|et) /, '')} midt i ${p}. Hos oss finner du ${list(pr, 'og')}. Velkommen innom!`,
    (_n, noun, p, pr) => `Vi er ${noun} med lang erfaring og mange fornøyde kunder i ${p} og omegn. Spør oss om ${list(pr, 'eller')}.`,
  ],
  sv: [
    (n, noun, p, pr) => `${n} är ${noun} i ${p}. Vi erbjuder ${list(pr, 'och')}.`,
    (_n, noun, p, pr) => `Lokalägt ${noun.replace(/^(en|ett) /, '')} mitt i ${p}. Hos oss hittar du ${list(pr, 'och')}. Välkommen in!`,
    (_n, noun, p, pr) => `Vi är ${noun} med lång erfarenhet och många nöjda kunder i ${p} med omnejd. Fråga oss om ${list(pr, 'eller')}.`,
  ],
  fi: [
    (n, noun, p, pr) => `${n} on paikallinen ${noun}, kotipaikka ${p}. Tarjoamme: ${list(pr, 'ja')}.`,
    (_n, noun, p, pr) => `Perheyrityksenä toimiva ${noun} paikkakunnalla ${p}. Valikoimaamme kuuluvat ${list(pr, 'ja')}. Tervetuloa!`,
    (_n, noun, p, pr) => `Pitkän kokemuksen ${noun} – palvelemme asiakkaita alueella ${p}. Kysy meiltä: ${list(pr, 'tai')}.`,
  ],
  en: [
    (n, noun, p, pr) => `${n} is ${noun} in ${p}. We offer ${list(pr, 'and')}.`,
    (_n, noun, p, pr) => `Locally owned ${noun.replace(/^(a|an) /, '')} in ${p}, offering ${list(pr, 'and')}.`,
  ],
};

/** Extra words that appear in descriptions of some firms (organic, local, …) */
export const qualityWords: Record<Lang, string[]> = {
  nb: ['økologisk', 'lokal', 'håndlaget', 'familiebedrift', 'bærekraftig', 'tradisjonell', 'kortreist'],
  sv: ['ekologisk', 'lokal', 'handgjord', 'familjeföretag', 'hållbar', 'traditionell', 'närproducerad'],
  fi: ['luomu', 'paikallinen', 'käsintehty', 'perheyritys', 'kestävä', 'perinteinen', 'lähiruoka'],
  en: ['organic', 'local', 'handmade', 'family-run', 'sustainable', 'traditional'],
};

/**
 * Approximate population (thousands) of the larger municipalities, to weight where synthetic
 * firms are placed; the others get a small pseudo-random weight. Keys: "country:name".
 */
export const largeMunicipalities: Record<string, number> = {
  'NO:Oslo': 709, 'NO:Bergen': 291, 'NO:Trondheim': 212, 'NO:Stavanger': 149, 'NO:Bærum': 130, 'NO:Kristiansand': 116,
  'NO:Drammen': 104, 'NO:Asker': 96, 'NO:Lillestrøm': 90, 'NO:Fredrikstad': 84, 'NO:Sandnes': 83, 'NO:Tromsø': 78,
  'NO:Ålesund': 67, 'NO:Sandefjord': 65, 'NO:Nordre Follo': 62, 'NO:Sarpsborg': 59, 'NO:Tønsberg': 58, 'NO:Skien': 55,
  'NO:Bodø': 53, 'NO:Larvik': 48, 'NO:Arendal': 46, 'NO:Ullensaker': 42, 'NO:Haugesund': 38, 'NO:Porsgrunn': 37,
  'NO:Hamar': 32, 'NO:Molde': 32, 'NO:Gjøvik': 31, 'NO:Lillehammer': 29, 'NO:Harstad': 25,
  'SE:Stockholm': 984, 'SE:Göteborg': 600, 'SE:Malmö': 360, 'SE:Uppsala': 240, 'SE:Linköping': 165, 'SE:Örebro': 157,
  'SE:Västerås': 157, 'SE:Helsingborg': 150, 'SE:Norrköping': 145, 'SE:Jönköping': 144, 'SE:Umeå': 131, 'SE:Lund': 128,
  'SE:Borås': 114, 'SE:Huddinge': 114, 'SE:Nacka': 108, 'SE:Eskilstuna': 107, 'SE:Halmstad': 104, 'SE:Gävle': 103,
  'SE:Södertälje': 101, 'SE:Sundsvall': 99, 'SE:Växjö': 97, 'SE:Botkyrka': 97, 'SE:Karlstad': 95, 'SE:Luleå': 79,
  'SE:Skellefteå': 76, 'SE:Östersund': 64, 'SE:Kristianstad': 86, 'SE:Falun': 60, 'SE:Kalmar': 71,
  'FI:Helsinki': 670, 'FI:Espoo': 310, 'FI:Tampere': 250, 'FI:Vantaa': 245, 'FI:Oulu': 215, 'FI:Turku': 200,
  'FI:Jyväskylä': 147, 'FI:Kuopio': 124, 'FI:Lahti': 121, 'FI:Pori': 83, 'FI:Kouvola': 80, 'FI:Joensuu': 78,
  'FI:Lappeenranta': 73, 'FI:Hämeenlinna': 68, 'FI:Vaasa': 68, 'FI:Seinäjoki': 65, 'FI:Rovaniemi': 65, 'FI:Mikkeli': 52,
  'FI:Kotka': 51, 'FI:Salo': 51, 'FI:Porvoo': 51, 'FI:Kokkola': 48, 'FI:Hyvinkää': 47, 'FI:Lohja': 46, 'FI:Järvenpää': 46,
  'FI:Rauma': 38, 'FI:Kajaani': 36,
};
