import { Clock } from '../common/clock/clock';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { assertOwnsAgencyRecord, assertOwnsRecord } from '../common/auth/ownership';
import type { SignedInUser } from '../common/auth/signed-in-user';
import type { PageRequest } from '../common/http/pagination';
import { FormInvalidError } from '../common/forms/form-invalid.error';
import { RequirementCaseDetails } from '../competitions/requirement.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { agencyCommissioners } from '../users/recipients';
import { User } from '../users/user.entity';
import { AppConfig } from '../config/app-config';
import { londonDate } from '../common/calendar/working-days';
import {
  callOffDateProblems,
  callOffDetailsReleased,
  caseDetailsReleased,
  checkCallOff,
  contractDateProblems,
  contractLifecycle,
  OutcomeTool,
} from './award-rules';
import { Award } from './award.entity';
import { CallOff, CallOffCaseDetails, Contract } from './contract.entity';
import { findOneJoined } from '../common/database/find-one-joined';

/** Contracts from awards: the commissioner activates them and calls off against blocks; the provider sees its own. */
/** A call-off as the commissioner enters it. */
export interface CallOffInput {
  childReference: string;
  childName: string;
  dateOfBirth: string;
  startsOn: string;
  endsOn: string;
  units: number;
}

@Injectable()
export class ContractsService {
  constructor(
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  /** The agency's or the provider's contracts, newest first, a page at a time, with each block's balance. */
  async list(user: SignedInUser, page: PageRequest) {
    const mine = user.providerId ? 'c.provider_id = $1' : 'c.agency_id = $1';
    const owner = user.providerId ?? user.agencyId;
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT c.id, c.kind, c.status, c.value_pence, c.block_volume, c.block_unit, r.title, p.name AS provider, ag.name AS agency,
                coalesce((SELECT sum(units) FROM call_offs o WHERE o.contract_id = c.id), 0)::int AS used
           FROM contracts c JOIN requirements r ON r.id = c.requirement_id JOIN provider_organisations p ON p.id = c.provider_id JOIN agencies ag ON ag.id = c.agency_id
          WHERE ${mine} ORDER BY c.created_at DESC, c.id LIMIT $2 OFFSET $3`,
        [owner, page.pageSize, page.offset],
      ) as Promise<
        Array<{
          id: string;
          kind: string;
          status: string;
          value_pence: number;
          block_volume: number | null;
          block_unit: string | null;
          title: string;
          provider: string;
          agency: string;
          used: number;
        }>
      >,
      this.dataSource.query(`SELECT count(*)::int AS total FROM contracts c WHERE ${mine}`, [owner]),
    ]);
    return { rows, total: total as number };
  }

  /**
   * One contract for its agency's commissioners or its provider. The child's
   * identifying details go to the provider only while a spot contract runs,
   * and for the configured days after it ends (DESIGN.md §6).
   */
  async detail(user: SignedInUser, id: string) {
    const manager = this.dataSource.manager;
    const found = await findOneJoined(manager, Contract, {
      where: { id },
      relations: { requirement: { framework: true, therapyType: true }, provider: true, agency: true, award: true },
    });
    const contract = assertOwnsRecord(user, found);
    const [callOffs, callOffDetails, caseDetails, practitioners] = await Promise.all([
      manager.find(CallOff, { where: { contractId: id }, order: { createdAt: 'ASC' } }),
      manager.query(
        `SELECT d.call_off_id AS "callOffId", d.child_name AS "childName", d.date_of_birth::text AS "dateOfBirth" FROM call_off_case_details d JOIN call_offs c ON c.id = d.call_off_id WHERE c.contract_id = $1`,
        [id],
      ) as Promise<Array<Omit<CallOffCaseDetails, 'callOff'>>>,
      manager.findOneBy(RequirementCaseDetails, { requirementId: contract.requirementId }),
      manager.query(`SELECT full_name FROM practitioners WHERE id = ANY($1) ORDER BY full_name`, [contract.practitionerIds]) as Promise<
        Array<{ full_name: string }>
      >,
    ]);
    const today = this.clock.today();
    const released = !user.providerId || caseDetailsReleased(contract, today, this.config.caseDetailsDaysAfterEnd);
    const used = callOffs.reduce((sum, callOff) => sum + callOff.units, 0);
    return {
      contract,
      // Each call-off's child goes to the provider for that call-off alone, while it runs.
      callOffs: callOffs.map((callOff) => {
        const shared = !user.providerId || callOffDetailsReleased(contract, callOff, today, this.config.caseDetailsDaysAfterEnd);
        const ended = callOff.endsOn !== null && callOff.endsOn < today;
        return {
          ...callOff,
          caseDetails: shared ? (callOffDetails.find((details) => details.callOffId === callOff.id) ?? null) : null,
          detailsWithdrawn: !shared && ended,
        };
      }),
      used,
      remaining: contract.blockVolume === null ? null : contract.blockVolume - used,
      caseDetails: released ? caseDetails : null,
      // Told to a provider whose contract has ended, so it knows the details were withdrawn on purpose.
      caseDetailsWithdrawn: !released && (contract.status === 'completed' || contract.status === 'ended_early'),
      practitioners: practitioners.map((row) => row.full_name),
    };
  }

  private async lock(user: SignedInUser, id: string, manager: EntityManager): Promise<Contract> {
    return assertOwnsAgencyRecord(user, await manager.findOne(Contract, { where: { id }, lock: { mode: 'pessimistic_write' } }));
  }

  /** BR-17: a contract becomes active only with at least one outcome tool chosen. */
  async activate(
    user: SignedInUser,
    id: string,
    form: { outcomeTools: OutcomeTool[]; startsOn: string; endsOn: string; reportIntervalWeeks: number; midpointFeedback: boolean },
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const contract = await this.lock(user, id, manager);
      contractLifecycle.assertMove(contract.status, 'active');
      const award = await manager.findOneByOrFail(Award, { id: contract.awardId });
      const problems = contractDateProblems({ startsOn: form.startsOn, endsOn: form.endsOn, awardedOn: londonDate(award.decidedAt) });
      if (problems.length) throw new FormInvalidError(problems.map(({ field, text }) => ({ field, text, href: `#${field}-day` })));
      await manager.update(Contract, id, { status: 'active', ...form, activatedAt: this.clock.now() });
      await this.audit.record(manager, {
        action: 'contract.activated',
        entityType: 'contract',
        entityId: id,
        before: { status: 'pending' },
        after: { status: 'active', ...form },
      });
      const recipients = await manager
        .createQueryBuilder(User, 'user')
        .where(`user.status = 'active' AND (user.providerId = :providerId OR (user.agencyId = :agencyId AND 'commissioner' = ANY(user.roles)))`, {
          providerId: contract.providerId,
          agencyId: contract.agencyId,
        })
        .getMany();
      await this.notifications.fanOut(manager, {
        template: 'contract-started',
        recipients,
        data: (recipient) => ({ contractId: id, provider: !!recipient.providerId, startsOn: form.startsOn }),
        eventKey: `contract-started:${id}`,
      });
    });
  }

  /**
   * Calls off a referral against an active block: refused beyond the volume,
   * with the commissioners warned once 80% is used. The contract row is locked,
   * so two call-offs at once cannot both take the last of the volume.
   */
  async callOff(user: SignedInUser, id: string, form: CallOffInput): Promise<{ remaining: number; lowBalance: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      const contract = await this.lock(user, id, manager);
      if (contract.kind !== 'block') throw new NotFoundException();
      if (contract.status !== 'active')
        throw new ConflictException(
          contract.status === 'pending' ? 'Activate the contract before calling off against it' : 'This block has no volume left to call off',
        );
      const dateProblems = callOffDateProblems(contract, form);
      if (dateProblems.length)
        throw new FormInvalidError(dateProblems.map(({ field, text }) => ({ field, text, href: `#callOff${field[0].toUpperCase()}${field.slice(1)}-day` })));
      const [{ used }] = await manager.query(`SELECT coalesce(sum(units), 0)::int AS used FROM call_offs WHERE contract_id = $1`, [id]);
      const check = checkCallOff(contract.blockVolume!, used, form.units, contract.blockUnit ?? 'sessions');
      if (!check.allowed) throw FormInvalidError.forField('units', check.message!);
      const saved = await manager.save(CallOff, {
        contractId: id,
        childReference: form.childReference,
        units: form.units,
        startsOn: form.startsOn,
        endsOn: form.endsOn,
        createdByUserId: user.id,
      });
      await manager.insert(CallOffCaseDetails, { callOffId: saved.id, childName: form.childName, dateOfBirth: form.dateOfBirth });
      // The child's details stay out of the audit log (DESIGN.md §6); the call-off's dates are not identifying.
      await this.audit.record(manager, {
        action: 'contract.called_off',
        entityType: 'contract',
        entityId: id,
        after: { callOffId: saved.id, units: form.units, startsOn: form.startsOn, endsOn: form.endsOn, remaining: check.remainingAfter },
      });
      if (check.remainingAfter === 0) {
        contractLifecycle.assertMove(contract.status, 'exhausted');
        await manager.update(Contract, id, { status: 'exhausted' });
        await this.audit.record(manager, {
          action: 'contract.exhausted',
          entityType: 'contract',
          entityId: id,
          before: { status: 'active' },
          after: { status: 'exhausted' },
        });
      }
      if (check.lowBalance) {
        await this.notifications.fanOut(manager, {
          template: 'block-balance-low',
          recipients: await agencyCommissioners(manager, contract.agencyId),
          data: () => ({ contractId: id, message: check.message }),
          // One warning per block, not one per call-off.
          eventKey: `block-balance-low:${id}`,
        });
      }
      return { remaining: check.remainingAfter, lowBalance: check.lowBalance };
    });
  }
}
