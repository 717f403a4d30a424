import { isNetworkAdmin, isStaffAnywhere, managesFirm } from '../../shared/access/access.js';
import type { FirmRecordSection } from '../../shared/views/firm-record.js';
import { msg } from './academy.messages.js';
import { completedCoursesOfFirm } from './academy.service.js';
import { text } from './academy.views.js';

/**
 * Courses a firm completed (first completion of each), on the firm's record: for the public page
 * (a completed course is something a firm may show — only the course and date, never who took it)
 * and for staff.
 */
export const academyFirmRecordSections: FirmRecordSection[] = [
  {
    key: 'academy.completed-courses',
    audience: 'public',
    title: msg.completedCourses,
    order: 60,
    async load(db, _user, firmId, locale) {
      return (await completedCoursesOfFirm(db, firmId)).map((c) => ({
        label: text(c.course.title, locale),
        href: `/academy/courses/${c.course.id}`,
        at: c.completedAt,
        detail: `${msg.madeBy[locale]}: ${c.course.author.name}`,
      }));
    },
  },
  {
    key: 'academy.completed-courses-staff',
    audience: 'staff',
    title: msg.completedCourses,
    order: 60,
    async load(db, user, firmId, locale) {
      if (!user || !(isNetworkAdmin(user) || isStaffAnywhere(user) || managesFirm(user, firmId))) return null;
      return (await completedCoursesOfFirm(db, firmId)).map((c) => ({
        label: text(c.course.title, locale),
        href: `/academy/courses/${c.course.id}`,
        at: c.completedAt,
        detail: `${msg.madeBy[locale]}: ${c.course.author.name}`,
      }));
    },
  },
];
