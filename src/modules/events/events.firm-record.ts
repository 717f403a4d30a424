import { managesFirm } from '../../shared/access/access.js';
import type { FirmRecordSection } from '../../shared/views/firm-record.js';
import { formatDate, type TimeZone } from '../../shared/i18n/format.js';
import { pickName } from '../../shared/i18n/i18n.js';
import { msg } from './events.messages.js';
import { firmEventsPublic, firmEventsStaff } from './events.service.js';

const title = (t: Record<string, string>, isDemo: boolean, l: Parameters<typeof pickName>[1]) => `${pickName(t, l)}${isDemo ? ` ${msg.demo[l]}` : ''}`;

/**
 * What the events module knows about a firm: in public the events it attended (once per event)
 * and the published events its people are signed up for; for staff and the firm's own people,
 * every registration with its attendance (people's names only for the firm's own people).
 */
export const eventsFirmRecordSections: FirmRecordSection[] = [
  {
    key: 'events.public',
    audience: 'public',
    title: msg.events,
    order: 30,
    async load(db, _user, firmId, locale) {
      const { attended, coming } = await firmEventsPublic(db, firmId);
      return [
        ...coming.map((e) => ({
          label: title(e.title, e.is_demo, locale),
          href: `/events/${e.id}`,
          at: new Date(e.starts_at).toISOString(),
          detail: `${msg.upcoming[locale]} · ${formatDate(e.starts_at, locale, e.time_zone as TimeZone)}`,
        })),
        ...attended.map((e) => ({
          label: title(e.title, e.is_demo, locale),
          href: `/events/${e.id}`,
          at: new Date(e.starts_at).toISOString(),
          detail: `${msg.attended[locale]} · ${formatDate(e.starts_at, locale, e.time_zone as TimeZone)}`,
        })),
      ];
    },
  },
  {
    key: 'events.attendance',
    audience: 'staff',
    title: msg.events,
    order: 30,
    async load(db, user, firmId, locale) {
      const rows = await firmEventsStaff(db, user, firmId);
      if (rows === null) return null;
      return rows.map((r) => ({
        label: title(r.title, r.is_demo, locale),
        href: `/events/${r.id}`,
        at: new Date(r.starts_at).toISOString(),
        // The person's name only for the firm's own people; staff see what the firm did, not who.
        detail: `${user && managesFirm(user, firmId) ? `${r.name} · ` : ''}${r.checked_in_at ? msg.attended[locale] : r.no_show ? msg.noShow[locale] : msg[`reg_${r.status}`][locale]}`,
      }));
    },
  },
];
