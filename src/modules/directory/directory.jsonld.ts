import type { Locale } from '../../shared/i18n/i18n.js';
import { pickDescription } from './directory.format.js';
import type { FirmDetail } from './directory.schemas.js';

const schemaDays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** schema.org LocalBusiness for a firm page (what search engines read). */
export function toLocalBusiness(f: FirmDetail, locale: Locale, pageUrl: string): Record<string, unknown> {
  const description = pickDescription(f.description, locale, f.country);
  const ld: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'LocalBusiness',
    '@id': pageUrl,
    url: f.website ?? pageUrl,
    name: f.name,
    identifier: { '@type': 'PropertyValue', propertyID: { NO: 'orgnr', SE: 'organisationsnummer', FI: 'Y-tunnus' }[f.country], value: f.orgnr },
    address: {
      '@type': 'PostalAddress',
      streetAddress: f.address ?? undefined,
      postalCode: f.postcode ?? undefined,
      addressLocality: f.city ?? f.municipality?.name,
      addressRegion: f.county?.name,
      addressCountry: f.country,
    },
  };
  if (description) {
    ld.description = description.text;
    ld.inLanguage = description.lang;
  }
  if (f.position) ld.geo = { '@type': 'GeoCoordinates', latitude: f.position.lat, longitude: f.position.lon };
  if (f.phone) ld.telephone = f.phone;
  if (f.email) ld.email = f.email;
  if (f.employees !== null) ld.numberOfEmployees = { '@type': 'QuantitativeValue', value: f.employees };
  if (f.registered_on) ld.foundingDate = f.registered_on;
  if (f.sector) ld.knowsAbout = f.sector.name;
  if (f.parent) ld.parentOrganization = { '@type': 'Organization', name: f.parent.name ?? undefined, identifier: f.parent.orgnr };
  if (f.opening_hours?.weekly.length) {
    ld.openingHoursSpecification = f.opening_hours.weekly.map((w) => ({
      '@type': 'OpeningHoursSpecification',
      dayOfWeek: `https://schema.org/${schemaDays[w.day - 1]}`,
      opens: w.opens,
      closes: w.closes,
    }));
  }
  const exceptions = f.opening_hours?.exceptions ?? [];
  if (exceptions.length) {
    ld.specialOpeningHoursSpecification = exceptions.map((e) => ({
      '@type': 'OpeningHoursSpecification',
      validFrom: e.date,
      validThrough: e.date,
      // schema.org's way to say "closed all day"
      opens: e.closed || !e.opens ? '00:00' : e.opens,
      closes: e.closed || !e.closes ? '00:00' : e.closes,
    }));
  }
  if (f.products.length) {
    ld.makesOffer = f.products.map((p) => ({
      '@type': 'Offer',
      itemOffered: { '@type': p.kind === 'service' ? 'Service' : 'Product', name: p.name, description: p.description ?? undefined },
      ...(p.price_minor !== null && p.currency ? { price: (p.price_minor / 100).toFixed(2), priceCurrency: p.currency } : {}),
    }));
  }
  return ld;
}

/**
 * JSON for a <script type="application/ld+json"> element. "<", ">" and "&" become \u escapes
 * (still the same JSON), so no text in it can close the element or open a comment; U+2028/9 too.
 */
export function jsonLdScriptText(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
