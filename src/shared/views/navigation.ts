import type { Message } from '../i18n/i18n.js';
import type { SessionUser } from '../http/session-user.js';

/**
 * The site's navigation, filled by the modules (src/modules/navigation.ts is the one place that
 * lists them) and drawn by the layout: `public` items in the main navigation for everyone (the
 * front page reaches every public capability), `work` items in the signed-in person's work menu
 * when `show(user)` says they may use them. A module adds its pages here, never in the layout.
 */
export interface NavItem {
  /** Path without `lang` (the layout adds it), e.g. '/events'. */
  href: string;
  label: Message;
  area: 'public' | 'work';
  /** For work items: whether this person sees the entry (mirror the module's policy; the route still checks). */
  show?: (user: SessionUser) => boolean;
  /** Lower first; ties keep registration order. */
  order?: number;
}

const items: NavItem[] = [];

/** Called once at start-up by src/modules/navigation.ts; calling it again replaces the list. */
export function setNavigation(all: NavItem[]): void {
  items.length = 0;
  items.push(...all.map((item, i) => ({ ...item, order: item.order ?? 100 + i })));
  items.sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
}

export function publicNavItems(): NavItem[] {
  return items.filter((i) => i.area === 'public');
}

export function workNavItems(user: SessionUser | undefined): NavItem[] {
  if (!user) return [];
  return items.filter((i) => i.area === 'work' && (i.show ? i.show(user) : true));
}
