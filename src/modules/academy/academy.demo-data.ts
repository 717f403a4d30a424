import type { CourseLevel, CourseTopic } from './academy.tables.js';

/**
 * The CityKompetens demo courses: four topics, lesson texts written for this demo in Swedish
 * (with English titles). Each lesson's film is the committed placeholder (data/placeholder.webm),
 * and the pages say so.
 */
export interface DemoLesson {
  sv: string;
  en: string;
  text: string;
  /** Quiz in the editors' line format (academy.quiz.ts), optional. */
  quiz?: string;
}
export interface DemoCourse {
  topic: CourseTopic;
  level: CourseLevel;
  title: { sv: string; en: string };
  summary: { sv: string; en: string };
  lessons: DemoLesson[];
}

export const demoCourses: DemoCourse[] = [
  {
    topic: 'instagram',
    level: 'beginner',
    title: { sv: 'Instagram för butiken', en: 'Instagram for the shop' },
    summary: {
      sv: 'Nio korta filmer om hur en butik i stadskärnan syns på Instagram: profil, bilder, berättelser och kunder som kommer tillbaka.',
      en: 'Nine short films on how a city-centre shop shows itself on Instagram: profile, pictures, stories and customers who come back.',
    },
    lessons: [
      {
        sv: 'Varför Instagram?',
        en: 'Why Instagram?',
        text: 'Många av dina kunder bestämmer sig för ett besök innan de går hemifrån. De scrollar, ser en bild från din butik och tänker: dit ska jag i helgen.\n\nInstagram är ett skyltfönster som syns även när butiken är stängd. Du behöver inte vara proffs – du behöver vara regelbunden och personlig.',
        quiz: '? Vad är Instagram för en butik i stadskärnan?\n+ Ett skyltfönster som syns även när butiken är stängd\n- En ersättning för butiken\n- Ett ställe för bara annonser\n> Instagram lockar folk till butiken – det ersätter den inte.',
      },
      {
        sv: 'En profil som säger vem du är',
        en: 'A profile that says who you are',
        text: 'Profilbilden ska gå att känna igen i liten storlek: logga eller fasad. Skriv i beskrivningen vad du säljer, var du finns och när du har öppet.\n\nLägg länken till din webbplats eller till din sida i Lokalkraft. Byt till ett företagskonto, så ser du statistik över vem som tittar.',
      },
      {
        sv: 'Bilder som säljer',
        en: 'Pictures that sell',
        text: 'Fotografera i dagsljus, nära fönstret. Visa varan i användning: en kopp kaffe i en hand, en tröja på en människa, en bukett på ett bord.\n\nMänniskor vill se människor. En bild på dig eller personalen får ofta fler gillamarkeringar än en bild på en hylla.',
        quiz: '? Vilken bild får oftast mest respons?\n+ En människa som använder varan\n- En tom butik efter stängning\n- En skärmbild av prislistan\n> Människor vill se människor – och varor i användning.',
      },
      {
        sv: 'Stories: vardagen i butiken',
        en: 'Stories: everyday life in the shop',
        text: 'Stories försvinner efter ett dygn och får därför vara enkla. Visa när nya varor packas upp, vad ni skrattade åt i dag eller vilken kaka som just kom ur ugnen.\n\nAnvänd omröstningar och frågor. Att fråga "vilken färg ska vi ta in?" gör kunderna delaktiga.',
      },
      {
        sv: 'Hashtaggar och plats',
        en: 'Hashtags and location',
        text: 'Märk varje inlägg med plats, till exempel din gata eller stadskärnan. Folk som letar efter något att göra i staden söker på platser.\n\nVälj några hashtaggar som beskriver staden och det du säljer. Fem träffsäkra är bättre än trettio slumpvisa.',
      },
      {
        sv: 'Planera en vecka i taget',
        en: 'Plan one week at a time',
        text: 'Bestäm en dag i veckan då du tar bilder till de kommande dagarna. Skriv texterna i lugn och ro och schemalägg inläggen.\n\nTre inlägg i veckan som kommer regelbundet slår tio inlägg en vecka och inget på en månad.',
        quiz: '? Vad är bäst för att synas?\n+ Några inlägg varje vecka, regelbundet\n- Många inlägg en vecka, sedan uppehåll\n> Regelbundenhet bygger publik.',
      },
      {
        sv: 'Svara och bygg relationer',
        en: 'Answer and build relationships',
        text: 'Svara på kommentarer och meddelanden samma dag. En kund som får svar känner sig sedd och kommer gärna tillbaka.\n\nGilla och kommentera andra butiker i stadskärnan. Ni konkurrerar inte – ni gör staden levande tillsammans.',
      },
      {
        sv: 'Samarbeten i stadskärnan',
        en: 'Working together in the city centre',
        text: 'Gör gemensamma inlägg med grannbutiken: en fika-runda, en stadsvandring eller en tävling där priset kommer från flera butiker.\n\nCitysamverkan kan dela era inlägg och samla dem under en gemensam hashtag för staden.',
      },
      {
        sv: 'Följ upp: vad fungerar?',
        en: 'Follow up: what works?',
        text: 'Titta i statistiken en gång i månaden. Vilka inlägg fick flest sparningar och delningar? Vilka tider är dina följare aktiva?\n\nGör mer av det som fungerar och våga sluta med det som inte gör det. Fråga gärna kunderna i kassan om de hittade dig på Instagram.',
        quiz: '? Vilka två siffror säger mest om ett inlägg?\n+ Sparningar\n+ Delningar\n- Antal hashtaggar\n> Sparningar och delningar visar att inlägget betydde något.',
      },
    ],
  },
  {
    topic: 'facebook',
    level: 'beginner',
    title: { sv: 'Facebook för lokala företag', en: 'Facebook for local firms' },
    summary: {
      sv: 'Åtta filmer om företagssidan, evenemang, grupper och annonser med liten budget.',
      en: 'Eight films on the business page, events, groups and small-budget ads.',
    },
    lessons: [
      {
        sv: 'Företagssidan',
        en: 'The business page',
        text: 'En företagssida på Facebook är ofta det första som syns när någon söker på ditt namn. Fyll i öppettider, adress, telefon och en kort beskrivning.\n\nHåll uppgifterna aktuella – fel öppettider kostar förtroende.',
      },
      {
        sv: 'Vad ska jag skriva?',
        en: 'What should I write?',
        text: 'Skriv som du pratar med en kund i butiken. Berätta om nyheter, erbjudanden och om människorna bakom.\n\nEn bra tumregel: hälften nytta, en fjärdedel berättelse, en fjärdedel erbjudande.',
        quiz: '? Hur ska inlägg låta?\n+ Som när du pratar med en kund\n- Som en myndighetstext\n- Som en annons varje gång\n> Personlig ton skapar kontakt.',
      },
      {
        sv: 'Evenemang som lockar',
        en: 'Events that draw people',
        text: 'Lägg in dina evenemang: kvällsöppet, provsmakning, författarbesök. Folk som anmäler intresse får påminnelser.\n\nBjud in grannbutikerna som medarrangörer så når ni fler tillsammans.',
      },
      {
        sv: 'Lokala grupper',
        en: 'Local groups',
        text: 'Många orter har grupper där invånarna tipsar varandra. Läs gruppens regler innan du skriver.\n\nBidra med nytta, inte bara reklam: tipsa om stadens evenemang eller svara på frågor.',
      },
      {
        sv: 'Bilder och film på Facebook',
        en: 'Pictures and film on Facebook',
        text: 'Korta filmer på under en minut visas ofta för fler. Filma med mobilen på höjden och texta, eftersom många tittar utan ljud.\n\nVisa processen: hur en blomsterbukett blir till eller hur en vara packas.',
      },
      {
        sv: 'Annonsera med liten budget',
        en: 'Advertising on a small budget',
        text: 'Du kan nå människor i din stad för några hundralappar. Välj ett tydligt mål, till exempel besök i butiken under en helg.\n\nAvgränsa geografiskt och testa två olika bilder. Låt annonsen gå i en vecka innan du bedömer den.',
        quiz: '? Vad är klokt i en första annons?\n+ Ett tydligt mål och ett litet område\n- Hela landet och många mål\n> Smal målgrupp, tydligt mål.',
      },
      {
        sv: 'Recensioner och svar',
        en: 'Reviews and answers',
        text: 'Tacka för goda omdömen. Svara lugnt och sakligt på kritik och erbjud att lösa saken.\n\nDen som läser ser hur du hanterar problem – ett bra svar kan väga tyngre än själva klagomålet.',
      },
      {
        sv: 'Mät och lär',
        en: 'Measure and learn',
        text: 'Sidans statistik visar räckvidd och engagemang. Jämför månader, inte dagar.\n\nSkriv ner vad du testade och vad som hände. Om ett halvår har du en egen handbok för ditt företag.',
      },
    ],
  },
  {
    topic: 'visual_merchandising',
    level: 'intermediate',
    title: { sv: 'Visual merchandising i butiken', en: 'Visual merchandising in the shop' },
    summary: {
      sv: 'Nio filmer om skyltfönstret, kundens väg genom butiken, ljus, färg och kassan.',
      en: "Nine films on the shop window, the customer's path through the shop, light, colour and the till.",
    },
    lessons: [
      {
        sv: 'Skyltfönstret – tre sekunder',
        en: 'The shop window – three seconds',
        text: 'En förbipasserande ger ditt fönster ungefär tre sekunder. Välj ett budskap och en blickpunkt.\n\nByt fönster ofta, gärna varannan vecka. Ett fönster som aldrig ändras slutar synas.',
        quiz: '? Hur länge tittar en förbipasserande på ett fönster?\n+ Några sekunder\n- Flera minuter\n> Ett budskap, en blickpunkt.',
      },
      {
        sv: 'Kundens väg genom butiken',
        en: "The customer's path through the shop",
        text: 'De flesta kunder går in och vänder åt höger. Placera nyheter och säsongsvaror där.\n\nLämna en lugn zon precis innanför dörren, så att kunden hinner landa innan hen möter varorna.',
      },
      {
        sv: 'Blickfång och grupper',
        en: 'Focal points and groups',
        text: 'Ställ varor i grupper om tre, med olika höjd. Ögat vandrar mellan dem och stannar.\n\nSkapa ett blickfång på bortre väggen, så att kunden dras längre in i butiken.',
      },
      {
        sv: 'Ljus som säljer',
        en: 'Light that sells',
        text: 'Allmänbelysning räcker inte. Rikta spotlights mot de varor du vill lyfta fram.\n\nVarmt ljus passar mat och inredning, kallare ljus passar teknik. Byt trasiga lampor direkt.',
      },
      {
        sv: 'Färg och tema',
        en: 'Colour and theme',
        text: 'Välj en färgskala per säsong och håll fast vid den i fönster, skyltar och påsar.\n\nFärg på väggen bakom varorna kan göra mer än en ny hylla.',
        quiz: '? Vad ger ett lugnt helhetsintryck?\n+ En färgskala per säsong\n- Alla färger samtidigt\n> Ett tema som går igen överallt.',
      },
      {
        sv: 'Skyltar och priser',
        en: 'Signs and prices',
        text: 'Kunder vill inte behöva fråga om priset. Skriv tydligt, stort och lika överallt.\n\nEn kort rad om varan – var den är gjord, vem som tipsar om den – säljer mer än ett pris ensamt.',
      },
      {
        sv: 'Kassan och sista intrycket',
        en: 'The till and the last impression',
        text: 'Vid kassan väntar kunden en stund. Ha små, genomtänkta varor där: presentkort, något lokalt, något säsongsbetonat.\n\nHåll disken fri från papper och sladdar. Det sista intrycket följer med hem.',
      },
      {
        sv: 'Säsonger och högtider',
        en: 'Seasons and holidays',
        text: 'Gör en kalender för året: skolstart, höstlov, advent, alla hjärtans dag. Börja planera fönstret sex veckor innan.\n\nSamordna med stadskärnans andra butiker, så blir hela gatan ett skyltfönster.',
      },
      {
        sv: 'Fota butiken för nätet',
        en: 'Photographing the shop for the web',
        text: 'Det du bygger i butiken kan också säljas på nätet. Fotografera fönstret och hörnen när de är nya.\n\nBilderna gör nytta på Instagram, på Facebook och på din sida i Lokalkraft.',
        quiz: '? Var gör bilderna av butiken nytta?\n+ På Instagram\n+ På företagets sida på nätet\n- Ingenstans, de är bara för arkivet\n> Bygg en gång, visa många gånger.',
      },
    ],
  },
  {
    topic: 'ecommerce',
    level: 'beginner',
    title: { sv: 'Kom igång med e-handel', en: 'Getting started with e-commerce' },
    summary: {
      sv: 'Tio filmer om att sälja på nätet som liten butik: plattform, bilder, frakt, betalning och hämtning i butik.',
      en: 'Ten films on selling online as a small shop: platform, pictures, shipping, payment and click and collect.',
    },
    lessons: [
      {
        sv: 'Behöver min butik e-handel?',
        en: 'Does my shop need e-commerce?',
        text: 'Fråga dig vem som skulle köpa på nätet: stamkunder som flyttat, turister som vill handla igen, de som inte hinner före stängning.\n\nE-handel kan vara liten: tio varor och hämtning i butik är en bra början.',
        quiz: '? Vad är en rimlig början?\n+ Några varor och hämtning i butik\n- Hela sortimentet och frakt till hela världen\n> Börja litet och lär.',
      },
      {
        sv: 'Välj plattform',
        en: 'Choosing a platform',
        text: 'Det finns färdiga tjänster där du betalar per månad. Jämför avgifter, betalsätt och hur lätt det är att lägga in varor.\n\nVälj något du själv kan sköta – en butik som ingen uppdaterar säljer inte.',
      },
      {
        sv: 'Produktbilder',
        en: 'Product pictures',
        text: 'Fotografera mot en ljus, lugn bakgrund. Ta flera bilder: helhet, detalj och varan i användning.\n\nSamma ljus och vinkel på alla bilder ger en butik som känns ordnad.',
      },
      {
        sv: 'Produkttexter',
        en: 'Product texts',
        text: 'Skriv vad varan är, vad den är bra till och vad den är gjord av. Svara på frågorna kunderna brukar ställa i butiken.\n\nMått, material och skötselråd minskar returerna.',
      },
      {
        sv: 'Betalning',
        en: 'Payment',
        text: 'Kunder förväntar sig kort och mobilbetalning. Välj en betaltjänst som plattformen stöder.\n\nTitta på avgiften per köp – den påverkar vilka varor som lönar sig att sälja på nätet.',
      },
      {
        sv: 'Frakt och hämtning i butik',
        en: 'Shipping and click and collect',
        text: 'Hämtning i butik är billigt och för kunden till dig – där kan hen köpa något mer.\n\nOm du skickar: räkna på förpackning, porto och tid. Skriv tydligt när paketet kommer.',
        quiz: '? Vilken fördel har hämtning i butik?\n+ Kunden kommer till butiken och kan köpa mer\n- Den är alltid dyrare\n> Nätet och butiken hjälper varandra.',
      },
      {
        sv: 'Lager i butik och på nätet',
        en: 'Stock in the shop and online',
        text: 'Det värsta är att sälja något som redan är slut. Håll ett lager för nätet eller uppdatera saldot varje dag.\n\nMånga kassasystem kan kopplas till e-handeln.',
      },
      {
        sv: 'Regler: ångerrätt och villkor',
        en: 'Rules: right of withdrawal and terms',
        text: 'Konsumenter har ångerrätt vid köp på distans. Skriv tydliga köpvillkor om retur, reklamation och leveranstid.\n\nKonsumentverket har mallar och vägledning för små företag.',
      },
      {
        sv: 'Få besökare till nätbutiken',
        en: 'Getting visitors to the online shop',
        text: 'Länka till nätbutiken från Instagram, Facebook och din sida i Lokalkraft. Berätta i butiken att varorna finns på nätet.\n\nEtt nyhetsbrev till stamkunderna ger ofta mer än annonser.',
      },
      {
        sv: 'Följ upp försäljningen',
        en: 'Following up sales',
        text: 'Titta varje månad på vad som säljer, varifrån besökarna kommer och hur många som lämnar kassan utan att köpa.\n\nGör en sak bättre i taget – bättre bilder, enklare frakt eller tydligare texter.',
        quiz: '? Hur förbättrar man nätbutiken klokast?\n+ En sak i taget, och följ upp\n- Allt på en gång\n> Små steg går att mäta.',
      },
    ],
  },
];
