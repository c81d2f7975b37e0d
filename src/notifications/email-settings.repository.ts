import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { EmailSettings } from './email-settings.entity';

/** The admin's email sender and feedback address. */
export type EmailSettingsValues = Pick<EmailSettings, 'mailFrom' | 'feedbackEmail'>;

/** The email_settings table (one row, id 1): the only place with its SQL. */
@Injectable()
export class EmailSettingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The one row, or null when the admin has set nothing. */
  find(manager: EntityManager = this.dataSource.manager): Promise<EmailSettings | null> {
    return manager.findOneBy(EmailSettings, { id: 1 });
  }

  /** Writes the one row, adding it the first time. */
  async write(manager: EntityManager, values: EmailSettingsValues): Promise<void> {
    await manager.upsert(EmailSettings, { id: 1, mailFrom: values.mailFrom, feedbackEmail: values.feedbackEmail }, ['id']);
  }
}
