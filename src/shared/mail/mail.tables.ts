import type { ColumnType, Generated } from 'kysely';

export interface MailTables {
  mail_outbox: {
    id: Generated<number>;
    to_address: string;
    subject: string;
    text_body: string;
    /** JSON array of MailAttachment (filename, contentType, content as text), or null. */
    attachments: ColumnType<unknown, string | null | undefined, string | null>;
    created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  };
}
