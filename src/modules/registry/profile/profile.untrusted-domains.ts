/**
 * Domains where an e-mail address or a web page proves nothing about who runs a firm, so a
 * claim never gets management automatically there (it goes to review instead).
 *
 * Sources (checked 2026-12): the webmail providers most used in Norway, Sweden and Finland
 * (operators' own sign-up pages); shared hosting and site builders from the PRIVATE section of
 * the Public Suffix List (publicsuffix.org, shipped in `tldts` and also checked by code, so new
 * entries there are covered without editing this file) plus builders that host firms under a
 * path rather than a subdomain; the public sector from the countries' own registries of
 * government domains (Norid's kommune.no / fylkeskommune.no / dep.no / stat.no categories,
 * the Swedish and Finnish state agencies' portals); tourism portals of the Nordic destination
 * companies (Visit Norway, Visit Sweden, Visit Finland and the regional "visit…" sites).
 *
 * An entry matches the domain itself and every subdomain of it.
 */
export const webmailDomains = [
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'yahoo.com', 'icloud.com', 'me.com', 'mac.com',
  'aol.com', 'gmx.com', 'gmx.net', 'mail.com', 'proton.me', 'protonmail.com', 'pm.me', 'tutanota.com', 'zoho.com', 'yandex.com',
  'online.no', 'live.no', 'hotmail.no', 'yahoo.no', 'frisurf.no', 'start.no', 'epost.no', 'broadpark.no', 'getmail.no', 'altibox.no', 'lyse.net', 'c2i.net',
  'hotmail.se', 'live.se', 'yahoo.se', 'outlook.se', 'bredband.net', 'spray.se', 'telia.com', 'telia.no', 'comhem.se', 'bahnhof.se', 'tele2.se',
  'luukku.com', 'suomi24.fi', 'hotmail.fi', 'live.fi', 'outlook.fi', 'elisanet.fi', 'kolumbus.fi', 'saunalahti.fi', 'netti.fi', 'dnainternet.net',
] as const;

export const sharedHostingDomains = [
  'wixsite.com', 'wix.com', 'editorx.io', 'squarespace.com', 'square.site', 'github.io', 'gitlab.io', 'blogspot.com', 'blogger.com', 'wordpress.com',
  'weebly.com', 'webnode.com', 'webnode.no', 'webnode.se', 'webnode.fi', 'jimdo.com', 'jimdofree.com', 'jimdosite.com', 'site123.me', 'strikingly.com',
  'netlify.app', 'vercel.app', 'pages.dev', 'herokuapp.com', 'firebaseapp.com', 'web.app', 'godaddysites.com', 'business.site', 'sites.google.com',
  'google.com', 'carrd.co', 'webflow.io', 'shopify.com', 'myshopify.com', 'one.com', 'onepage.me', 'hjemmeside.no', 'hemsida24.se', 'yolasite.com',
  'facebook.com', 'fb.com', 'instagram.com', 'linkedin.com', 'tiktok.com', 'x.com', 'twitter.com', 'linktr.ee',
  'finn.no', 'gulesider.no', '1881.no', 'proff.no', 'hitta.se', 'eniro.se', 'allabolag.se', 'fonecta.fi', 'finder.fi',
] as const;

export const publicSectorDomains = [
  // Norway: every municipality and county has <name>.kommune.no / <name>.fylkeskommune.no; ministries are *.dep.no.
  'kommune.no', 'fylkeskommune.no', 'dep.no', 'stat.no', 'regjeringen.no', 'statsforvalteren.no', 'fylkesmannen.no', 'nav.no', 'brreg.no',
  'altinn.no', 'skatteetaten.no', 'innovasjonnorge.no', 'ks.no', 'norge.no', 'helsenorge.no',
  // Sweden: state agencies and the municipal/regional umbrella bodies (municipalities use <name>.se, matched by pattern below).
  'regeringen.se', 'regeringskansliet.se', 'lansstyrelsen.se', 'skatteverket.se', 'bolagsverket.se', 'verksamt.se', 'tillvaxtverket.se',
  'almi.se', 'skr.se', 'arbetsformedlingen.se', 'forsakringskassan.se', '1177.se', 'riksdagen.se', 'kommunal.se',
  // Finland: state portals and agencies (municipalities use <name>.fi, matched by pattern below).
  'suomi.fi', 'valtioneuvosto.fi', 'ely-keskus.fi', 'keha-keskus.fi', 'te-palvelut.fi', 'tyomarkkinatori.fi', 'vero.fi', 'prh.fi', 'ytj.fi',
  'businessfinland.fi', 'kela.fi', 'kuntaliitto.fi', 'avi.fi', 'eduskunta.fi', 'gov.fi', 'hel.fi',
] as const;

export const tourismPortalDomains = [
  'visitnorway.com', 'visitnorway.no', 'visitsweden.com', 'visitsweden.se', 'visitfinland.com', 'visitfinland.fi', 'visitnordic.com',
  'fjordnorway.com', 'nordnorge.com', 'trondelag.com', 'destinasjonroros.no', 'roros.no', 'lapland.fi', 'swedishlapland.com',
] as const;

/**
 * Host patterns for whole families: any government second level (`*.gov.*`, `*.gov`); Norwegian
 * municipalities and counties that use "<name>kommune.no" / "<name>fylke.no" instead of Norid's
 * kommune.no category; Swedish "<name>kommun.se" and Finnish "<name>.kunta.fi"/"kaupunki.fi";
 * the regional tourism companies' "visit<place>" domains.
 */
export const untrustedHostPatterns: readonly RegExp[] = [
  /(^|\.)gov(\.[a-z]{2,3})?$/,
  /(^|\.)[a-z0-9-]*kommun\.se$/,
  /(^|\.)(kunta|kaupunki)\.fi$/,
  /(^|\.)[a-z0-9-]*(kommune|fylke|fylkeskommune)\.no$/,
  /(^|\.)visit[a-z0-9-]+\.[a-z]{2,3}$/,
];
