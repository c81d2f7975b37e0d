import { Clock } from '../common/clock/clock';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { partnershipIdOf } from '../common/auth/partnership.repository';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { isoDate } from '../common/forms/date-parts';
import { FormInvalidError } from '../common/forms/form-invalid.error';
import { PageRequest, toPage } from '../common/http/pagination';
import { DebarmentEntry } from './debarment-entry.entity';
import { DebarmentEntryRepository } from './debarment-entry.repository';
import { debarmentMatches, entryDateProblems, normaliseCompanyNumber, SupplierIdentity } from './debarment-rules';
import type { DebarmentEntryForm } from './dto/debarment-forms';

/**
 * The partnership's copy of the debarment list, kept by its framework
 * managers, and the check the application, invitation and award steps make
 * against it. The copy is per partnership: each partnership answers for its
 * own procurements, so one partnership's entry (or mistake) never changes
 * another's.
 */
@Injectable()
export class DebarmentService {
  constructor(
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly entries: DebarmentEntryRepository,
    private readonly audit: AuditService,
  ) {}

  async list(user: SignedInUser, pageRequest: PageRequest) {
    const partnershipId = await partnershipIdOf(this.dataSource.manager, user);
    const [rows, total] = await this.entries.listPageForPartnership(partnershipId, pageRequest);
    return toPage(rows, total, pageRequest, '/debarment');
  }

  async get(user: SignedInUser, id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<DebarmentEntry> {
    const entry = lock ? await this.entries.lockById(manager, id) : await this.entries.findById(id, manager);
    if (!entry || entry.partnershipId !== (await partnershipIdOf(manager, user))) throw new NotFoundException();
    return entry;
  }

  async add(user: SignedInUser, form: DebarmentEntryForm): Promise<DebarmentEntry> {
    const addedOn = isoDate(form.addedOn);
    const endsOn = isoDate(form.endsOn);
    const problems = entryDateProblems(addedOn, endsOn);
    if (problems.endsOn) throw FormInvalidError.forField('endsOn', problems.endsOn, { href: '#endsOn-day' });
    return this.dataSource.transaction(async (manager) => {
      const partnershipId = await partnershipIdOf(manager, user);
      const entry = await this.entries.createEntry(manager, {
        partnershipId,
        supplierName: form.supplierName,
        companiesHouseNumber: normaliseCompanyNumber(form.companiesHouseNumber),
        groundKind: form.groundKind,
        ground: form.ground,
        addedOn,
        endsOn,
        reference: form.reference,
        createdByUserId: user.id,
      });
      await this.audit.record(manager, {
        action: 'debarment.entry_added',
        entityType: 'debarment_entry',
        entityId: entry.id,
        after: {
          supplierName: entry.supplierName,
          companiesHouseNumber: entry.companiesHouseNumber,
          groundKind: entry.groundKind,
          ground: entry.ground,
          addedOn,
          endsOn,
          reference: entry.reference,
        },
      });
      return entry;
    });
  }

  /** Ends an entry from today (or never in force, if it was yet to start); the entry is kept. */
  async end(user: SignedInUser, id: string, reason: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const entry = await this.get(user, id, manager, true);
      const today = this.clock.today();
      if (entry.endedOn || entry.endsOn <= today) throw new ConflictException('This entry has already ended');
      const endedOn = entry.addedOn > today ? entry.addedOn : today;
      await this.entries.markEnded(manager, id, { endedOn, endedReason: reason, endedByUserId: user.id });
      await this.audit.record(manager, {
        action: 'debarment.entry_ended',
        entityType: 'debarment_entry',
        entityId: id,
        before: { endedOn: null },
        after: { endedOn, reason },
      });
    });
  }

  /**
   * The entries in force on `date` in the partnership's list that name each
   * supplier, by supplier id; suppliers with none are left out.
   */
  async matchesFor(
    manager: EntityManager,
    partnershipId: string,
    suppliers: ReadonlyArray<SupplierIdentity & { id: string }>,
    date = this.clock.today(),
  ): Promise<Map<string, DebarmentEntry[]>> {
    const matches = new Map<string, DebarmentEntry[]>();
    if (!suppliers.length) return matches;
    const entries = await this.entries.listInForce(partnershipId, date, manager);
    if (!entries.length) return matches;
    for (const supplier of suppliers) {
      const found = debarmentMatches(supplier, entries, date);
      if (found.length) matches.set(supplier.id, found);
    }
    return matches;
  }
}
