import { Clock } from '../common/clock/clock';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { assertOwnsAgencyRecord, assertOwnsRecord } from '../common/auth/ownership';
import type { SignedInUser } from '../common/auth/signed-in-user';
import type { PageRequest } from '../common/http/pagination';
import { FormInvalidError } from '../common/forms/form-invalid.error';
import { NotificationsService } from '../notifications/notifications.service';
import { UserRepository } from '../users/user.repository';
import { AppConfig } from '../config/app-config';
import { londonDate } from '../common/calendar/working-days';
import { callOffDateProblems, callOffDetailsReleased, caseDetailsReleased, checkCallOff, contractDateProblems, OutcomeTool } from './award-rules';
import { Contract } from './contract.entity';
import { ContractTransition } from './contract-transition';
import { ContractRepository } from './contract.repository';
import { AwardRepository } from './award.repository';

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
    private readonly contractTransition: ContractTransition,
    private readonly contracts: ContractRepository,
    private readonly awards: AwardRepository,
    private readonly userRecords: UserRepository,
  ) {}

  /** The agency's or the provider's contracts, newest first, a page at a time, with each block's balance. */
  async list(user: SignedInUser, page: PageRequest) {
    const owner = user.providerId ? { providerId: user.providerId } : { agencyId: user.agencyId };
    const [rows, total] = await Promise.all([this.contracts.listFor(owner, page), this.contracts.countFor(owner)]);
    return { rows, total };
  }

  /**
   * One contract for its agency's commissioners or its provider. The child's
   * identifying details go to the provider only while a spot contract runs,
   * and for the configured days after it ends (DESIGN.md §6).
   */
  async detail(user: SignedInUser, id: string) {
    const contract = assertOwnsRecord(user, await this.contracts.findWithParties(id));
    const [callOffs, callOffDetails, caseDetails, practitioners] = await Promise.all([
      this.contracts.findCallOffs(id),
      this.contracts.findCallOffChildren(id),
      this.contracts.findCaseDetails(contract.requirementId),
      this.contracts.practitionerNames(contract.practitionerIds),
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
      practitioners,
    };
  }

  private async lock(user: SignedInUser, id: string, manager: EntityManager): Promise<Contract> {
    return assertOwnsAgencyRecord(user, await this.contracts.findForUpdate(id, manager));
  }

  /** BR-17: a contract becomes active only with at least one outcome tool chosen. */
  async activate(
    user: SignedInUser,
    id: string,
    form: { outcomeTools: OutcomeTool[]; startsOn: string; endsOn: string; reportIntervalWeeks: number; midpointFeedback: boolean },
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const contract = await this.lock(user, id, manager);
      const award = await this.awards.findByIdOrFail(contract.awardId, manager);
      const problems = contractDateProblems({ startsOn: form.startsOn, endsOn: form.endsOn, awardedOn: londonDate(award.decidedAt) });
      if (problems.length) throw new FormInvalidError(problems.map(({ field, text }) => ({ field, text, href: `#${field}-day` })));
      await this.contractTransition.transitionContract(manager, contract, 'active', { ...form, activatedAt: this.clock.now() });
      await this.audit.record(manager, {
        action: 'contract.activated',
        entityType: 'contract',
        entityId: id,
        before: { status: 'pending' },
        after: { status: 'active', ...form },
      });
      const recipients = await this.contracts.activeProviderUsersAndCommissioners(contract, manager);
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
      const used = await this.contracts.unitsCalledOff(id, manager);
      const check = checkCallOff(contract.blockVolume!, used, form.units, contract.blockUnit ?? 'sessions');
      if (!check.allowed) throw FormInvalidError.forField('units', check.message!);
      const saved = await this.contracts.insertCallOff(
        manager,
        { contractId: id, childReference: form.childReference, units: form.units, startsOn: form.startsOn, endsOn: form.endsOn, createdByUserId: user.id },
        { childName: form.childName, dateOfBirth: form.dateOfBirth },
      );
      // The child's details stay out of the audit log (DESIGN.md §6); the call-off's dates are not identifying.
      await this.audit.record(manager, {
        action: 'contract.called_off',
        entityType: 'contract',
        entityId: id,
        after: { callOffId: saved.id, units: form.units, startsOn: form.startsOn, endsOn: form.endsOn, remaining: check.remainingAfter },
      });
      if (check.remainingAfter === 0) {
        await this.contractTransition.transitionContract(manager, contract, 'exhausted');
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
          recipients: await this.userRecords.listAgencyCommissioners(manager, contract.agencyId),
          data: () => ({ contractId: id, message: check.message }),
          // One warning per block, not one per call-off.
          eventKey: `block-balance-low:${id}`,
        });
      }
      return { remaining: check.remainingAfter, lowBalance: check.lowBalance };
    });
  }
}
