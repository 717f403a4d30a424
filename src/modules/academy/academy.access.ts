import { definePolicies, hasRoleIn, isNetworkAdmin, isStaffAnywhere } from '../../shared/access/access.js';
import type { SessionUser, StaffRole } from '../../shared/http/auth.js';

/**
 * The academy's policy table. Courses belong to their authoring organisation (its admins and
 * editors write them); any organisation's admin picks shared courses to offer; reports are for an
 * organisation's admins, coaches and analysts; learners act on their own enrolments.
 */
const authors: readonly StaffRole[] = ['org_admin', 'editor'];
const reportReaders: readonly StaffRole[] = ['org_admin', 'coach', 'analyst'];

/** What decides about a course's content: its authoring organisation. */
export interface CourseScope {
  authorOrganisationId: number;
}
/** What decides about a learner's own records. */
export interface EnrolmentScope {
  userId: number;
}
/** Reading a lesson's video, captions and text: its learners and its authors. */
export interface LessonScope extends CourseScope {
  /** The person enrolled in the lesson's course, when the reader is (the service looks up the reader's own enrolment). */
  enrolledUserId: number | undefined;
}

export const academyAccess = definePolicies({
  // Write courses: create (scope: the organisation that will author it), edit lessons, upload, publish.
  'academy.course.author': (u: SessionUser, s: CourseScope) => isNetworkAdmin(u) || hasRoleIn(u, s.authorOrganisationId, authors),
  // The authoring desk: people who can author for some organisation.
  'academy.authoring.list': (u: SessionUser, _: undefined) => isNetworkAdmin(u) || isStaffAnywhere(u, authors),
  // Offer a shared course to one's firms (scope: the offering organisation).
  'academy.offering.manage': (u: SessionUser, organisationId: number) => isNetworkAdmin(u) || hasRoleIn(u, organisationId, ['org_admin']),
  // Enrolments and completions of an organisation's firms (scope: the organisation).
  'academy.report.read': (u: SessionUser, organisationId: number) => isNetworkAdmin(u) || hasRoleIn(u, organisationId, reportReaders),
  // Enrol: any signed-in person (a firm's person or a guest with an account).
  'academy.course.enrol': (_u: SessionUser, _: undefined) => true,
  // Watch, answer quizzes, record progress, see one's certificate: the learner only.
  'academy.progress.record': (u: SessionUser, s: EnrolmentScope) => u.id === s.userId,
  // A lesson's video, captions and text: its enrolled learners, the authors and the network admin.
  'academy.lesson.watch': (u: SessionUser, s: LessonScope) => s.enrolledUserId === u.id || isNetworkAdmin(u) || hasRoleIn(u, s.authorOrganisationId, authors),
});

export type AcademyAction = (typeof academyAccess.actions)[number];
