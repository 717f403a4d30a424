import type { LocalisedIssue } from '../../shared/errors.js';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { publicBaseUrl } from '../../config/env.js';
import { AppError, isAppError } from '../../shared/errors.js';
import type { AppDeps, AppEnv } from '../../shared/http/context.js';
import { parseOrThrow } from '../../shared/http/validate.js';
import { format } from '../../shared/i18n/i18n.js';
import { listCounties, listMunicipalities } from '../places/places.service.js';
import { placesQuerySchema } from '../places/places.schemas.js';
import { ApiDocsPage } from './directory.api-docs-view.js';
import { firmIdParamSchema } from './directory.api-schemas.js';
import { FirmPage } from './directory.firm-view.js';
import { msg } from './directory.messages.js';
import { buildOpenApiDocument } from './directory.openapi.js';
import { searchLabels, searchQuerySchema, type SearchResult } from './directory.schemas.js';
import {
  findListingIdForFirm,
  listCategoryCounts,
  listCategoryOptions,
  getFirmPage,
  listFrontPageMunicipalities,
  getListing,
  listMunicipalityOptions,
  listSectorOptions,
  searchListings,
  sitemapListingIds,
  sitemapListingPages,
} from './directory.service.js';
import { SearchPage } from './directory.search-view.js';
import { FrontPage, parseArea } from './directory.views.js';
import { setBranding } from '../../shared/views/branding.js';
import { loadFirmRecord } from '../../shared/views/firm-record.js';
import { pickDescription } from './directory.format.js';
import { brandCss, faviconSvg, robotsTxt, ShareTags, siteNameFor, sitemapIndexXml, sitemapPageXml, sitemapTuning, webManifest } from './directory.share.js';

/** HTML forms send empty fields ("municipality="); an empty value means "not given". */
function givenOnly(query: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v.trim() !== ''));
}

const publicCache = (seconds: number) => `public, max-age=${seconds}`;

/**
 * The JSON text of a search result, made once per result object: results come from the search
 * cache and are shared read-only, so a repeated search (most API traffic) is not serialised again
 * (it was a quarter of a cached request's time). A new result (a refresh, a sync) is a new object.
 */
const jsonTexts = new WeakMap<object, string>();
const jsonOf = (value: object) => {
  let text = jsonTexts.get(value);
  if (text === undefined) jsonTexts.set(value, (text = JSON.stringify(value)));
  return text;
};

/** The public directory: front page, search, firm pages, and the versioned JSON API. */
export function directoryRoutes(deps: AppDeps) {
  const { db } = deps;
  const map = { tileUrl: deps.env.MAP_TILE_URL, attribution: deps.env.MAP_TILE_ATTRIBUTION };
  const app = new Hono<AppEnv>();
  const baseUrl = publicBaseUrl(deps.env);
  setBranding({ siteName: deps.env.SITE_NAME, logoUrl: deps.env.SITE_LOGO_URL, brandColour: deps.env.SITE_BRAND_COLOUR, baseUrl });
  const defaultArea = parseArea(deps.env.SITE_DEFAULT_AREA);

  app.get('/', async (c) => {
    const l = c.var.locale;
    const [municipalities, categories] = await Promise.all([listFrontPageMunicipalities(db, l), listCategoryCounts(db, l)]);
    const all = c.req.query('area') === 'all';
    const share = <ShareTags locale={l} title={siteNameFor(l)} description={msg.frontIntro[l]} url={`${baseUrl}/?lang=${l}`} />;
    return c.html(
      <FrontPage locale={l} currentUrl={c.req.url} municipalities={municipalities} area={all ? undefined : defaultArea} categories={categories} head={share} />,
    );
  });

  // Made to be found: sitemap index and pages, robots.txt, web app manifest, favicon, brand colours.
  app.get('/sitemap.xml', async (c) => {
    const pages = await sitemapListingPages(db, sitemapTuning.pageSize);
    c.header('Cache-Control', publicCache(3600));
    return c.body(sitemapIndexXml(baseUrl, pages), 200, { 'Content-Type': 'application/xml; charset=utf-8' });
  });
  app.get('/sitemaps/:file', async (c) => {
    const file = c.req.param('file');
    c.header('Cache-Control', publicCache(3600));
    const xml = { 'Content-Type': 'application/xml; charset=utf-8' };
    if (file === 'pages.xml') return c.body(sitemapPageXml([`${baseUrl}/`, `${baseUrl}/firms`, `${baseUrl}/api/docs`]), 200, xml);
    const m = /^firms-(\d{1,6})\.xml$/.exec(file);
    const page = m ? Number(m[1]) : 0;
    const pages = await sitemapListingPages(db, sitemapTuning.pageSize);
    if (page < 1 || page > pages) throw new AppError('not_found', msg.sitemapNotFound, [], { file });
    const ids = await sitemapListingIds(db, page, sitemapTuning.pageSize);
    return c.body(sitemapPageXml(ids.map((id) => `${baseUrl}/firms/${id}`)), 200, xml);
  });
  app.get('/robots.txt', (c) => {
    c.header('Cache-Control', publicCache(86400));
    return c.text(robotsTxt(baseUrl));
  });
  app.get('/manifest.webmanifest', (c) => {
    c.header('Cache-Control', publicCache(86400));
    return c.body(webManifest(c.var.locale), 200, { 'Content-Type': 'application/manifest+json; charset=utf-8' });
  });
  app.get('/favicon.svg', (c) => {
    c.header('Cache-Control', publicCache(86400));
    return c.body(faviconSvg(), 200, { 'Content-Type': 'image/svg+xml' });
  });
  app.get('/favicon.ico', (c) => c.redirect('/favicon.svg', 301));
  app.get('/brand.css', (c) => {
    c.header('Cache-Control', publicCache(3600));
    return c.body(brandCss(), 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });

  app.get('/firms', async (c) => {
    const l = c.var.locale;
    const raw = givenOnly(c.req.query());
    const params = new URLSearchParams(Object.entries(raw).filter(([k]) => k !== 'lang'));
    const [municipalities, sectors] = await Promise.all([listMunicipalityOptions(db, l), listSectorOptions(db, l)]);
    let result: SearchResult | null = null;
    let errors: LocalisedIssue[] = [];
    try {
      result = await searchListings(db, parseOrThrow(searchQuerySchema, raw, { labels: searchLabels }), l);
    } catch (err) {
      if (!isAppError(err) || err.code !== 'validation') throw err;
      errors = err.issuesIn(l);
    }
    const page = (
      <SearchPage
        locale={l}
        currentUrl={c.req.url}
        params={params}
        result={result}
        errors={errors}
        municipalities={municipalities}
        sectors={sectors}
        categories={listCategoryOptions(l)}
        map={map}
      />
    );
    return c.html(page, errors.length ? 400 : 200);
  });

  // Other modules know firms by their registry id; this resolves the public listing that stands for it.
  app.get('/firms/by-firm/:firmId', async (c) => {
    const l = c.var.locale;
    const idText = c.req.param('firmId');
    if (!/^\d{1,15}$/.test(idText)) throw new AppError('bad_request', msg.badFirmId, [{ field: 'firmId', label: msg.firmId, message: msg.badFirmId }]);
    const listingId = await findListingIdForFirm(db, Number(idText));
    if (listingId === null) throw new AppError('not_found', msg.firmNotFound, [], { id: idText });
    return c.redirect(`/firms/${listingId}`, 302);
  });

  app.get('/firms/:id', async (c) => {
    const l = c.var.locale;
    const idText = c.req.param('id');
    if (!/^\d{1,15}$/.test(idText)) throw new AppError('bad_request', msg.badFirmId, [{ field: 'id', label: msg.firmId, message: msg.badFirmId }]);
    const page = await getFirmPage(db, Number(idText), l);
    if (!page) throw new AppError('not_found', msg.firmNotFound, [], { id: idText });
    const { firm, images, links } = page;
    const pageUrl = `${baseUrl}/firms/${firm.id}`; // configuration, never the Host header (the page is cached)
    // Other modules' public sections of the firm's record (not cached: each module decides per request).
    const record =
      firm.firm_id === null
        ? []
        : (await loadFirmRecord(db, c.var.user, firm.firm_id, l, 'public')).map((r) => ({ key: r.section.key, title: r.section.title[l], entries: r.entries }));
    const description =
      pickDescription(firm.description, l, firm.country)?.text.slice(0, 200) ?? [firm.category?.name, firm.address].filter(Boolean).join(' · ');
    const shareHead = (
      <ShareTags locale={l} title={firm.name} description={description} url={`${pageUrl}?lang=${l}`} image={images[0]?.url} type="business.business" />
    );
    return c.html(
      <FirmPage
        locale={l}
        currentUrl={c.req.url}
        firm={firm}
        pageUrl={pageUrl}
        map={map}
        now={new Date()}
        images={images}
        links={links}
        record={record}
        shareHead={shareHead}
      />,
    );
  });

  app.get('/api/docs', async (c) => {
    const example = await searchListings(db, searchQuerySchema.parse({ per_page: '1' }), c.var.locale);
    return c.html(<ApiDocsPage locale={c.var.locale} currentUrl={c.req.url} exampleId={example.items[0]?.id ?? 1} />);
  });

  const openApi = JSON.stringify(buildOpenApiDocument(deps.env.PUBLIC_BASE_URL));
  app.get('/api/openapi.json', (c) => {
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cache-Control', publicCache(3600));
    return c.body(openApi, 200, { 'Content-Type': 'application/json; charset=utf-8' });
  });

  app.route('/api/v1', apiRoutes(deps));
  return app;
}

/** GET-only, open to every origin: the data is public. */
function apiRoutes(deps: AppDeps) {
  const { db } = deps;
  const api = new Hono<AppEnv>();
  api.use('*', cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'], maxAge: 86400 }));

  api.get('/firms', async (c) => {
    const query = parseOrThrow(searchQuerySchema, givenOnly(c.req.query()), { labels: searchLabels });
    const result = await searchListings(db, query, c.var.locale);
    c.header('Cache-Control', publicCache(60));
    return c.body(jsonOf(result), 200, { 'Content-Type': 'application/json' });
  });

  api.get('/firms/:id', async (c) => {
    const { id } = parseOrThrow(firmIdParamSchema, { id: c.req.param('id') }, { labels: searchLabels });
    const firm = await getListing(db, id, c.var.locale);
    if (!firm) throw new AppError('not_found', msg.firmNotFound, [], { id });
    c.header('Cache-Control', publicCache(300));
    return c.json(firm);
  });

  api.get('/places/municipalities', async (c) => {
    const filter = parseOrThrow(placesQuerySchema, givenOnly(c.req.query()), { labels: searchLabels });
    c.header('Cache-Control', publicCache(86400));
    return c.json(await listMunicipalities(db, c.var.locale, filter));
  });

  api.get('/places/counties', async (c) => {
    const { country } = parseOrThrow(placesQuerySchema.pick({ country: true }), givenOnly(c.req.query()), { labels: searchLabels });
    c.header('Cache-Control', publicCache(86400));
    return c.json(await listCounties(db, c.var.locale, country));
  });

  api.get('/categories', (c) => {
    c.header('Cache-Control', publicCache(86400));
    return c.json(listCategoryOptions(c.var.locale));
  });

  api.get('/sectors', async (c) => {
    c.header('Cache-Control', publicCache(86400));
    return c.json(await listSectorOptions(db, c.var.locale));
  });

  return api;
}
