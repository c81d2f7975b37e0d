import { Clock } from '../common/clock/clock';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/app-config';
import { RETENTION_KINDS, type RetentionKind } from './retention-rules';
import { RetentionRepository } from './retention.repository';

export interface RetentionKindSummary {
  kind: RetentionKind;
  months: number;
  /** Records past their date now: the next run erases them. */
  dueNow: number;
  /** Records whose period has started but not ended. */
  scheduled: number;
  /** When the earliest scheduled record falls due. */
  nextDueAt: Date | null;
}

export type RetentionRunResult = Record<RetentionKind, number>;

/**
 * The retention schedule (UK GDPR Art. 5(1)(e)): erases or anonymises each
 * kind of children's data once its configured period has passed, and records
 * in the audit log how many of each kind, never what they held.
 */
@Injectable()
export class RetentionService {
  constructor(
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly retention: RetentionRepository,
  ) {}

  /** Returns null when another instance is already running the job. */
  async run(now = this.clock.now()): Promise<RetentionRunResult | null> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.retention.tryLockForRun(manager))) return null;
      const result = {} as RetentionRunResult;
      for (const kind of RETENTION_KINDS) {
        const months = this.config.retention[kind];
        const erased = await this.retention.eraseDue(manager, kind, months, now);
        result[kind] = erased;
        if (erased > 0) {
          await this.audit.record(manager, {
            action: 'retention.erased',
            entityType: 'retention',
            after: { kind, count: erased, retentionMonths: months, asOf: now.toISOString() },
          });
        }
      }
      return result;
    });
  }

  /** Per kind: its period, what is due now and when the next falls due. */
  async schedule(now = this.clock.now()): Promise<RetentionKindSummary[]> {
    return Promise.all(
      RETENTION_KINDS.map(async (kind) => {
        const months = this.config.retention[kind];
        return { kind, months, ...(await this.retention.countHeld(kind, months, now)) };
      }),
    );
  }
}
