import { getDomain } from 'tldts';

/*
 * Domains where anyone can get an address or a page: a match there proves nothing about
 * who runs the firm (a firm "website" on facebook.com, an owner's gmail.com address).
 */
const sharedDomains = new Set([
  'gmail.com', 'googlemail.com', 'google.com', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'yahoo.com', 'icloud.com', 'me.com',
  'proton.me', 'protonmail.com', 'facebook.com', 'instagram.com', 'linkedin.com', 'wix.com', 'wixsite.com', 'squarespace.com',
  'online.no', 'live.no', 'hotmail.no', 'yahoo.no', 'telia.com', 'telia.no', 'frisurf.no', 'start.no', 'finn.no', 'gule.sider.no',
  'hotmail.se', 'live.se', 'yahoo.se', 'bredband.net', 'spray.se', 'hitta.se', 'luukku.com', 'suomi24.fi', 'hotmail.fi', 'live.fi',
]);

/** The registrable domain of a host (public-suffix aware: bakeri.oslo.no, shop.co.uk), lower-case, no www. */
export function registrableDomain(host: string | null | undefined): string | null {
  if (!host) return null;
  const clean = host.trim().toLowerCase().replace(/\.$/, '').replace(/^www\./, '');
  if (!clean || /[\s/@]/.test(clean)) return null;
  return getDomain(clean, { allowPrivateDomains: true }) ?? null;
}

export function websiteDomain(website: string | null | undefined): string | null {
  if (!website) return null;
  try {
    const url = new URL(/^https?:\/\//i.test(website.trim()) ? website.trim() : `https://${website.trim()}`);
    return registrableDomain(url.hostname);
  } catch {
    return null;
  }
}

export function emailDomain(email: string | null | undefined): string | null {
  const at = email?.lastIndexOf('@') ?? -1;
  return at > 0 ? registrableDomain(email!.slice(at + 1)) : null;
}

/**
 * A person's e-mail address proves a tie to a firm when it is at the firm's own registrable
 * domain (anna@mail.bakeri.no ↔ https://www.bakeri.no) and that domain is not a shared
 * provider. The caller must also require the address to be verified.
 */
export function isEmailAtFirmDomain(email: string, website: string | null | undefined): boolean {
  const a = emailDomain(email);
  const b = websiteDomain(website);
  return a !== null && a === b && !sharedDomains.has(a);
}
