import type { ColumnType, Generated } from 'kysely';

export interface MailTables {
  mail_outbox: {
    id: Generated<number>;
    to_address: string;
    subject: string;
    text_body: string;
    created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  };
}
