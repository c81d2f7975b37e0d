import { Clock } from '../common/clock/clock';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { FormInvalidError } from '../common/forms/form-invalid.error';
import type { ThresholdKind, ThresholdRegime } from './data/procurement-thresholds';
import { ThresholdRepository } from './threshold.repository';

export const THRESHOLD_REGIME_NAMES: Record<ThresholdRegime, string> = {
  pa2023: 'Procurement Act 2023',
  pcr2015: 'Public Contracts Regulations 2015 (legacy DPS)',
};

export const THRESHOLD_KIND_NAMES: Record<ThresholdKind, string> = {
  light_touch: 'Light touch contracts',
  sub_central_services: 'Goods and services, sub-central authorities',
  notifiable_below_threshold: 'Notifiable below-threshold contracts',
};

/** The dated thresholds, and the system admin's additions as the law revises them. */
@Injectable()
export class ThresholdsService {
  constructor(
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly thresholds: ThresholdRepository,
  ) {}

  async list() {
    const table = await this.thresholds.loadThresholdTable();
    const entries = [...table.entries].sort(
      (a, b) => a.regime.localeCompare(b.regime) || a.kind.localeCompare(b.kind) || b.inForceFrom.localeCompare(a.inForceFrom),
    );
    return { entries, knownThrough: table.knownThrough };
  }

  /**
   * Adds a revised figure from a date after today: the legal facts already
   * worked out for contracts stand, and procurements from that date use it.
   */
  async add(values: { regime: ThresholdRegime; kind: ThresholdKind; pence: number; inForceFrom: string; source: string }): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (values.inForceFrom <= this.clock.today()) {
        throw FormInvalidError.forField(
          'inForceFrom',
          'The date must be after today: procurements already begun keep the thresholds in force when they began',
          { href: '#inForceFrom-day' },
        );
      }
      if (!(await this.thresholds.addUnlessDated(manager, values)))
        throw FormInvalidError.forField('inForceFrom', 'There is already a threshold of this kind from that date', { href: '#inForceFrom-day' });
      await this.audit.record(manager, { action: 'threshold.added', entityType: 'procurement_threshold', after: values });
    });
  }
}
