import { getDomain, parse } from 'tldts';
import { publicSectorDomains, sharedHostingDomains, tourismPortalDomains, untrustedHostPatterns, webmailDomains } from './profile.untrusted-domains.js';

const untrusted = new Set<string>([...webmailDomains, ...sharedHostingDomains, ...publicSectorDomains, ...tourismPortalDomains]);

/** Lower-case host without a trailing dot or a leading `www.`; null when it is not a host name. */
export function normaliseHost(host: string | null | undefined): string | null {
  if (!host) return null;
  const clean = host
    .trim()
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^www\./, '');
  if (!clean || /[\s/@:]/.test(clean) || !clean.includes('.')) return null;
  return clean;
}

/** The registrable domain of a host (public-suffix aware: bakeri.oslo.no, shop.co.uk), lower-case, no www. */
export function registrableDomain(host: string | null | undefined): string | null {
  const clean = normaliseHost(host);
  return clean ? (getDomain(clean, { allowPrivateDomains: true }) ?? null) : null;
}

/** The host of a firm's website minus a leading `www.` (https://www.bakeri.no/om → bakeri.no). */
export function websiteHost(website: string | null | undefined): string | null {
  if (!website) return null;
  try {
    const url = new URL(/^https?:\/\//i.test(website.trim()) ? website.trim() : `https://${website.trim()}`);
    return normaliseHost(url.hostname);
  } catch {
    return null;
  }
}

/** Shown to the claimant as the domain an address must be at. */
export const websiteDomain = websiteHost;

/** The domain of an e-mail address, exactly as written after the `@` (lower-case). */
export function emailDomain(email: string | null | undefined): string | null {
  const at = email?.lastIndexOf('@') ?? -1;
  return at > 0 ? normaliseHost(email!.slice(at + 1)) : null;
}

/**
 * True where anyone can get an address or a page (webmail, site builders, social networks),
 * or where the host belongs to a public body or a tourism portal that hosts many firms' pages.
 * Also true for any host under a PRIVATE suffix of the Public Suffix List (shared hosting).
 */
export function isUntrustedDomain(host: string): boolean {
  const parts = host.split('.');
  for (let i = 0; i < parts.length - 1; i++) if (untrusted.has(parts.slice(i).join('.'))) return true;
  if (untrustedHostPatterns.some((p) => p.test(host))) return true;
  return parse(host, { allowPrivateDomains: true }).isPrivate === true;
}

/**
 * A person's e-mail address proves a tie to a firm only when its domain IS the host of the
 * firm's website (minus `www.`): anna@bakeri.no ↔ https://www.bakeri.no. A sibling host of the
 * same registrable domain (a tourism or municipal site hosting the firm's page) is not enough,
 * and untrusted domains never match. The caller must also require the address to be verified.
 */
export function isEmailAtFirmDomain(email: string, website: string | null | undefined): boolean {
  const a = emailDomain(email);
  const b = websiteHost(website);
  return a !== null && a === b && !isUntrustedDomain(a);
}
