import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string, string>;

export type CourseTopic = 'instagram' | 'facebook' | 'visual_merchandising' | 'ecommerce' | 'other';
export type CourseLevel = 'beginner' | 'intermediate' | 'advanced';
/** Text per language, e.g. { sv: 'Instagram för butiken', en: 'Instagram for the shop' }. */
export type LocalisedText = Partial<Record<string, string>>;

export interface QuizOption {
  id: string;
  text: string;
  correct: boolean;
}
export interface QuizQuestion {
  id: string;
  kind: 'single' | 'multiple';
  prompt: string;
  options: QuizOption[];
  /** Shown after an answer (why the right answer is right). */
  feedback: string;
}

/** A lesson as a published version freezes it (same id as the draft lesson). */
export interface LessonSnapshot {
  id: number;
  position: number;
  title: LocalisedText;
  body: string;
  videoFileId: string | null;
  videoUrl: string | null;
  durationSeconds: number;
  captions: Record<string, string>;
  quiz: QuizQuestion[];
}

export interface AcademyCourseTable {
  id: Generated<number>;
  author_organisation_id: number;
  topic: CourseTopic;
  level: CourseLevel;
  languages: Json<string[]>;
  title: Json<LocalisedText>;
  summary: Json<LocalisedText>;
  watch_share_percent: ColumnType<number, number | undefined, number>;
  published_version: number | null;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AcademyLessonTable {
  id: Generated<number>;
  course_id: number;
  position: number;
  title: Json<LocalisedText>;
  body: string;
  video_file_id: string | null;
  video_url: string | null;
  duration_seconds: number;
  captions: Json<Record<string, string>>;
  quiz: Json<QuizQuestion[]>;
  removed_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AcademyCourseVersionTable {
  course_id: number;
  version: number;
  title: Json<LocalisedText>;
  summary: Json<LocalisedText>;
  watch_share_percent: number;
  lessons: Json<LessonSnapshot[]>;
  published_by: number | null;
  published_at: Timestamp;
}

export interface AcademyOfferingTable {
  organisation_id: number;
  course_id: number;
  added_by: number | null;
  added_at: Timestamp;
}

export interface AcademyEnrolmentTable {
  id: Generated<number>;
  course_id: number;
  user_id: number;
  firm_id: number | null;
  organisation_id: number | null;
  enrolled_at: Timestamp;
  completed_at: NullableTimestamp;
  completed_version: number | null;
  certificate_code: string | null;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface AcademyLessonProgressTable {
  enrolment_id: number;
  lesson_id: number;
  watched: Json<[number, number][]>;
  watched_seconds: ColumnType<number, number | undefined, number>;
  position_seconds: ColumnType<number, number | undefined, number>;
  quiz_passed_at: NullableTimestamp;
  completed_at: NullableTimestamp;
  updated_at: Timestamp;
}

export interface AcademyTables {
  academy_courses: AcademyCourseTable;
  academy_lessons: AcademyLessonTable;
  academy_course_versions: AcademyCourseVersionTable;
  academy_offerings: AcademyOfferingTable;
  academy_enrolments: AcademyEnrolmentTable;
  academy_lesson_progress: AcademyLessonProgressTable;
}
