import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { pickName, type Locale } from '../../shared/i18n/i18n.js';
import type { EventDto } from './events.schemas.js';

/**
 * iCalendar through ical-generator. Times are written in UTC (…Z): unambiguous in every client
 * and valid without VTIMEZONE blocks; the event's zone travels as X-LOKALKRAFT-TZ for readers
 * who want the wall time (docs/adr/0014-event-sign-up.md). UIDs are stable per event, so a
 * re-sent or re-fetched entry updates the one in the person's calendar instead of adding another.
 */
export function eventsToIcs(events: EventDto[], options: { baseUrl: string; locale: Locale; name: string; method?: 'REQUEST' | 'PUBLISH' }): string {
  const calendar = ical({
    name: options.name,
    prodId: { company: 'Lokalkraft', product: 'events', language: options.locale.toUpperCase() },
    method: options.method === 'REQUEST' ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.PUBLISH,
  });
  const host = new URL(options.baseUrl).host;
  for (const e of events) {
    const where = [e.address, e.municipalityName].filter(Boolean).join(', ') || e.onlineUrl || '';
    calendar.createEvent({
      id: `event-${e.id}@${host}`,
      start: new Date(e.startsAt),
      end: new Date(e.endsAt),
      summary: `${pickName(e.title, options.locale)}${e.isDemo ? ' (demo)' : ''}`,
      description: pickName(e.description, options.locale) || null,
      location: where ? (e.latitude !== null && e.longitude !== null ? { title: where, geo: { lat: e.latitude, lon: e.longitude } } : where) : null,
      url: `${options.baseUrl}/events/${e.id}`,
      status: e.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      categories: e.tags.map((name) => ({ name })),
      x: { 'X-LOKALKRAFT-TZ': e.timeZone },
    });
  }
  return calendar.toString();
}
