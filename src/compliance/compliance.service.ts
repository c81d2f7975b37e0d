import { Clock } from '../common/clock/clock';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { formatDate } from '../common/views/format';
import { ComplianceDocument, INSURANCE_TYPES } from '../documents/compliance-document.entity';
import { DOCUMENT_TYPE_LABELS } from '../documents/document-rules';
import { Membership } from '../frameworks/membership.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { Practitioner } from '../providers/practitioner.entity';
import { User } from '../users/user.entity';
import { complianceProblems, dbsRenewalDate, reminderStage } from './compliance-rules';
import { MembershipsService } from './memberships.service';

export interface ComplianceRunResult {
  reminders: number;
  suspended: number;
  reinstated: number;
}

/** Locks are keyed by a fixed number, so only one instance runs the check at a time. */
const COMPLIANCE_LOCK = 726_001;

/**
 * The daily compliance check: reminders 30, 14 and 0 days before insurance,
 * registration or DBS expiry; suspension of the memberships an expiry
 * affects (BR-13, BR-18); and automatic reinstatement once it is put right.
 */
@Injectable()
export class ComplianceService {
  constructor(
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly memberships: MembershipsService,
  ) {}

  /** Returns null when another instance is already running the check. */
  async run(today = this.clock.today()): Promise<ComplianceRunResult | null> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [COMPLIANCE_LOCK]);
      if (!locked) return null;
      const reminders = await this.sendReminders(manager, today);
      const { suspended, reinstated } = await this.enforce(manager, today);
      return { reminders, suspended, reinstated };
    });
  }

  private async newestInsurance(manager: EntityManager): Promise<ComplianceDocument[]> {
    return manager
      .createQueryBuilder(ComplianceDocument, 'document')
      .distinctOn(['document.providerId', 'document.type'])
      .where('document.type IN (:...types)', { types: INSURANCE_TYPES })
      .orderBy('document.providerId')
      .addOrderBy('document.type')
      .addOrderBy('document.uploadedAt', 'DESC')
      .getMany();
  }

  private async sendReminders(manager: EntityManager, today: string): Promise<number> {
    const items: Array<{ providerId: string; key: string; what: string; expiresOn: string; isDocument: boolean }> = [];
    for (const document of await this.newestInsurance(manager)) {
      if (document.expiresOn)
        items.push({
          providerId: document.providerId,
          key: `document:${document.id}`,
          what: `Your ${DOCUMENT_TYPE_LABELS[document.type].toLowerCase()}`,
          expiresOn: document.expiresOn,
          isDocument: true,
        });
    }
    for (const practitioner of await manager.find(Practitioner)) {
      items.push({
        providerId: practitioner.providerId,
        key: `registration:${practitioner.id}:${practitioner.registrationExpiresOn}`,
        what: `${practitioner.fullName}’s ${practitioner.registrationBody === 'other' ? '' : `${practitioner.registrationBody} `}registration`,
        expiresOn: practitioner.registrationExpiresOn,
        isDocument: false,
      });
      items.push({
        providerId: practitioner.providerId,
        key: `dbs:${practitioner.id}:${practitioner.dbsIssuedOn}`,
        what: `${practitioner.fullName}’s enhanced DBS check`,
        expiresOn: dbsRenewalDate(practitioner.dbsIssuedOn),
        isDocument: false,
      });
    }
    const due = items.map((item) => ({ ...item, stage: reminderStage(item.expiresOn, today) })).filter((item) => item.stage !== null);
    if (!due.length) return 0;
    const recipients = await manager.find(User, { where: { providerId: In([...new Set(due.map((item) => item.providerId))]), status: 'active' } });
    let queued = 0;
    for (const item of due) {
      queued += await this.notifications.fanOut(manager, {
        template: 'compliance-reminder',
        recipients: recipients.filter((user) => user.providerId === item.providerId),
        data: () => ({ what: item.what, expiresText: formatDate(`${item.expiresOn}T12:00:00Z`), today: item.stage === 0, isDocument: item.isDocument }),
        // One reminder per item, stage and person, however often the job runs.
        eventKey: `reminder:${item.key}:${item.stage}`,
      });
    }
    return queued;
  }

  private async enforce(manager: EntityManager, today: string): Promise<{ suspended: number; reinstated: number }> {
    const memberships = await manager.find(Membership, { where: { status: In(['active', 'suspended']) }, lock: { mode: 'pessimistic_write' } });
    if (!memberships.length) return { suspended: 0, reinstated: 0 };
    const providerIds = [...new Set(memberships.map((membership) => membership.providerId))];
    const insurance = (await this.newestInsurance(manager)).filter((document) => providerIds.includes(document.providerId));
    const practitioners = await manager.find(Practitioner, { where: { providerId: In(providerIds) } });
    let suspended = 0;
    let reinstated = 0;
    for (const providerId of providerIds) {
      const own = memberships.filter((membership) => membership.providerId === providerId);
      const problems = complianceProblems(
        {
          currentInsurance: Object.fromEntries(
            insurance.filter((document) => document.providerId === providerId).map((document) => [document.type, document.expiresOn]),
          ),
          practitioners: practitioners.filter((practitioner) => practitioner.providerId === providerId),
        },
        [...new Set(own.map((membership) => membership.therapyTypeId))],
        today,
      );
      for (const membership of own) {
        const reasons = [...problems.allLots, ...(problems.byLot[membership.therapyTypeId] ? [problems.byLot[membership.therapyTypeId]] : [])];
        if (membership.status === 'active' && reasons.length) {
          await this.memberships.move(manager, membership, 'suspended', reasons.join('; '), { forCompliance: true });
          suspended++;
        } else if (membership.status === 'suspended' && membership.suspendedForCompliance && !reasons.length) {
          await this.memberships.move(manager, membership, 'active', 'The expired item has been renewed', { forCompliance: true });
          reinstated++;
        }
      }
    }
    return { suspended, reinstated };
  }
}
