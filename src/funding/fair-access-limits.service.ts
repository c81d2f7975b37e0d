import { Clock } from '../common/clock/clock';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { FormInvalidError } from '../common/forms/form-invalid.error';
import { FairAccessLimit } from './fair-access-limit.entity';
import { FairAccessLimitRepository } from './fair-access-limit.repository';
import { limitInForceOn } from './funding-rules';

export interface NewFairAccessLimit {
  appliesFrom: string;
  combinedLimitPence: number | null;
  therapyLimitPence: number | null;
  assessmentLimitPence: number | null;
  completeWithinYear: boolean;
  description: string;
}

/** The dated ASGSF fair access limits (BR-15), and the system admin's additions when the Department changes them. */
@Injectable()
export class FairAccessLimitsService {
  constructor(
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly limits: FairAccessLimitRepository,
  ) {}

  /** Newest first, with the one in force today marked. */
  async list(today = this.clock.today()): Promise<{ limits: FairAccessLimit[]; inForce: FairAccessLimit | null }> {
    const limits = await this.limits.listNewestFirst();
    return { limits, inForce: limitInForceOn(limits, today) };
  }

  /** Only from a date after today: funding already worked out under the limit in force stands. */
  async add(values: NewFairAccessLimit): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (values.appliesFrom <= this.clock.today()) {
        throw FormInvalidError.forField('appliesFrom', 'The date must be after today: funding already recorded keeps the limit in force when it was recorded', {
          href: '#appliesFrom-day',
        });
      }
      for (const [field, amount] of [
        ['combinedLimit', values.combinedLimitPence],
        ['therapyLimit', values.therapyLimitPence],
        ['assessmentLimit', values.assessmentLimitPence],
      ] as const) {
        if (amount !== null && amount <= 0) throw FormInvalidError.forField(field, 'The limit must be more than £0');
      }
      const id = await this.limits.insertUnlessDateTaken(manager, values);
      if (id === null) throw FormInvalidError.forField('appliesFrom', 'There is already a limit from that date', { href: '#appliesFrom-day' });
      await this.audit.record(manager, {
        action: 'fair_access_limit.added',
        entityType: 'fair_access_limit',
        entityId: id,
        after: { ...values },
      });
    });
  }
}
