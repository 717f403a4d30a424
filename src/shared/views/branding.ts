/**
 * The operator's branding (site name, logo, brand colour), set once at start-up from the
 * configuration by the directory module (SITE_NAME, SITE_LOGO_URL, SITE_BRAND_COLOUR) and read by
 * the page layout. Without it the layout shows the product's own name.
 */
export interface Branding {
  siteName?: string;
  logoUrl?: string;
  /** A brand colour is configured: the layout links /brand.css, which applies it. */
  brandColour?: string;
  /** The public origin (PUBLIC_BASE_URL): canonical and alternate-language links are absolute. */
  baseUrl?: string;
}

let current: Branding = {};

export function setBranding(b: Branding): void {
  current = { ...b };
}

export function branding(): Branding {
  return current;
}
