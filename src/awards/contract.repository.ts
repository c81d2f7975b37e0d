import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { findOneJoined } from '../common/database/find-one-joined';
import { RequirementCaseDetails } from '../competitions/requirement.entity';
import { User } from '../users/user.entity';
import type { ContractStatus } from './award-rules';
import { CallOff, CallOffCaseDetails, Contract } from './contract.entity';

/** A contract as a confirmed award creates it: pending (the column's default) until the commissioner activates it. */
export type NewPendingContract = Pick<
  Contract,
  | 'awardId'
  | 'requirementId'
  | 'agencyId'
  | 'providerId'
  | 'kind'
  | 'valuePence'
  | 'vatTreatment'
  | 'valueIncludingVatPence'
  | 'lightTouch'
  | 'aboveThreshold'
  | 'sessionCount'
  | 'blockVolume'
  | 'blockUnit'
  | 'blockPeriodMonths'
  | 'practitionerIds'
>;

/** One contract in a list, with its block's balance used. */
export interface ContractListRow {
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
}

/** Whose contracts a list shows: a provider's, or an agency's. */
export type ContractOwner = { providerId: string } | { agencyId: string | null };

/** A call-off's child, for the people allowed to see it. */
export type CallOffChildRow = Omit<CallOffCaseDetails, 'callOff'>;

/** A call-off as the commissioner records it. */
export type NewCallOff = Pick<CallOff, 'contractId' | 'childReference' | 'units' | 'startsOn' | 'endsOn' | 'createdByUserId'>;

/** The contracts table and its call-offs. A contract's status is written only through `ContractTransition` (contract-transition.ts). */
@Injectable()
export class ContractRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Called by ContractTransition only, after the lifecycle allowed the move. */
  async writeContractStatus(
    manager: EntityManager,
    id: string,
    status: ContractStatus,
    values: QueryDeepPartialEntity<Omit<Contract, 'status'>>,
  ): Promise<void> {
    await manager.update(Contract, id, { ...values, status } as QueryDeepPartialEntity<Contract>);
  }

  insertPending(manager: EntityManager, values: NewPendingContract): Promise<NewPendingContract & Contract> {
    return manager.save(Contract, values);
  }

  /** Records a call-off and its child's details (kept apart, DESIGN.md §6). */
  async insertCallOff(manager: EntityManager, values: NewCallOff, child: Pick<CallOffCaseDetails, 'childName' | 'dateOfBirth'>): Promise<CallOff> {
    const saved = await manager.save(CallOff, values);
    await manager.insert(CallOffCaseDetails, { callOffId: saved.id, ...child });
    return saved;
  }

  /** The contract, locked for a change. */
  findForUpdate(id: string, manager: EntityManager): Promise<Contract | null> {
    return manager.findOne(Contract, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The contract with its provider and lot, its own row locked for a change, for a feedback request. */
  findForFeedbackRequest(id: string, manager: EntityManager): Promise<Contract | null> {
    return findOneJoined(manager, Contract, {
      where: { id },
      relations: { provider: true, requirement: { therapyType: true } },
      lock: { mode: 'pessimistic_write', tables: ['contracts'] },
    });
  }

  /** The contract with its requirement (framework, lot), provider, agency and award. */
  findWithParties(id: string, manager: EntityManager = this.dataSource.manager): Promise<Contract | null> {
    return findOneJoined(manager, Contract, {
      where: { id },
      relations: { requirement: { framework: true, therapyType: true }, provider: true, agency: true, award: true },
    });
  }

  /** The contract with its requirement's lot, provider and agency, for the delivery record. */
  findForDelivery(id: string, manager: EntityManager = this.dataSource.manager): Promise<Contract | null> {
    return findOneJoined(manager, Contract, { where: { id }, relations: { requirement: { therapyType: true }, provider: true, agency: true } });
  }

  /** The provider's (or the agency's) contracts, newest first, a page at a time. */
  listFor(owner: ContractOwner, page: { pageSize: number; offset: number }, manager: EntityManager = this.dataSource.manager): Promise<ContractListRow[]> {
    const [mine, id] = 'providerId' in owner ? ['c.provider_id = $1', owner.providerId] : ['c.agency_id = $1', owner.agencyId];
    return manager.query(
      `SELECT c.id, c.kind, c.status, c.value_pence, c.block_volume, c.block_unit, r.title, p.name AS provider, ag.name AS agency,
              coalesce((SELECT sum(units) FROM call_offs o WHERE o.contract_id = c.id), 0)::int AS used
         FROM contracts c JOIN requirements r ON r.id = c.requirement_id JOIN provider_organisations p ON p.id = c.provider_id JOIN agencies ag ON ag.id = c.agency_id
        WHERE ${mine} ORDER BY c.created_at DESC, c.id LIMIT $2 OFFSET $3`,
      [id, page.pageSize, page.offset],
    );
  }

  async countFor(owner: ContractOwner, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const [mine, id] = 'providerId' in owner ? ['c.provider_id = $1', owner.providerId] : ['c.agency_id = $1', owner.agencyId];
    const [{ total }] = (await manager.query(`SELECT count(*)::int AS total FROM contracts c WHERE ${mine}`, [id])) as Array<{ total: number }>;
    return total;
  }

  /** The contract's call-offs, oldest first. */
  findCallOffs(contractId: string, manager: EntityManager = this.dataSource.manager): Promise<CallOff[]> {
    return manager.find(CallOff, { where: { contractId }, order: { createdAt: 'ASC' } });
  }

  findCallOffChildren(contractId: string, manager: EntityManager = this.dataSource.manager): Promise<CallOffChildRow[]> {
    return manager.query(
      `SELECT d.call_off_id AS "callOffId", d.child_name AS "childName", d.date_of_birth::text AS "dateOfBirth" FROM call_off_case_details d JOIN call_offs c ON c.id = d.call_off_id WHERE c.contract_id = $1`,
      [contractId],
    );
  }

  /** Units called off the block so far. */
  async unitsCalledOff(contractId: string, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const [{ used }] = (await manager.query(`SELECT coalesce(sum(units), 0)::int AS used FROM call_offs WHERE contract_id = $1`, [contractId])) as Array<{
      used: number;
    }>;
    return used;
  }

  /** The requirement's child, shared with the provider of a spot contract while it runs. */
  findCaseDetails(requirementId: string, manager: EntityManager = this.dataSource.manager): Promise<RequirementCaseDetails | null> {
    return manager.findOneBy(RequirementCaseDetails, { requirementId });
  }

  /** The names of the contract's practitioners, alphabetically. */
  async practitionerNames(practitionerIds: string[], manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows = (await manager.query(`SELECT full_name FROM practitioners WHERE id = ANY($1) ORDER BY full_name`, [practitionerIds])) as Array<{
      full_name: string;
    }>;
    return rows.map((row) => row.full_name);
  }

  /** The provider's active users and the agency's active commissioners. */
  activeProviderUsersAndCommissioners(contract: Pick<Contract, 'providerId' | 'agencyId'>, manager: EntityManager = this.dataSource.manager): Promise<User[]> {
    return manager
      .createQueryBuilder(User, 'user')
      .where(`user.status = 'active' AND (user.providerId = :providerId OR (user.agencyId = :agencyId AND 'commissioner' = ANY(user.roles)))`, {
        providerId: contract.providerId,
        agencyId: contract.agencyId,
      })
      .getMany();
  }

  /** The contract with its requirement. */
  findWithRequirement(id: string, manager: EntityManager = this.dataSource.manager): Promise<Contract | null> {
    return manager.findOne(Contract, { where: { id }, relations: { requirement: true } });
  }

  /** The block's latest call-off for a case reference. */
  findLatestCallOffFor(contractId: string, childReference: string, manager: EntityManager = this.dataSource.manager): Promise<CallOff | null> {
    return manager.findOne(CallOff, { where: { contractId, childReference }, order: { createdAt: 'DESC' } });
  }

  /** The call-off's child's date of birth, unless their details have been erased. */
  async callOffDateOfBirth(callOffId: string, manager: EntityManager = this.dataSource.manager): Promise<string | null> {
    const [row] = (await manager.query(`SELECT date_of_birth::text AS "dateOfBirth" FROM call_off_case_details WHERE call_off_id = $1`, [callOffId])) as Array<{
      dateOfBirth: string;
    }>;
    return row?.dateOfBirth ?? null;
  }

  /** The requirement's child's date of birth, unless their details have been erased. */
  async requirementDateOfBirth(requirementId: string, manager: EntityManager = this.dataSource.manager): Promise<string | null> {
    const [row] = (await manager.query(`SELECT date_of_birth::text AS "dateOfBirth" FROM requirement_case_details WHERE requirement_id = $1`, [
      requirementId,
    ])) as Array<{ dateOfBirth: string }>;
    return row?.dateOfBirth ?? null;
  }

  /** The lot of the requirement a contract was awarded on: its name and ASGSF facts. */
  async lotOfRequirement(
    requirementId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ name: string; asgsfEligible: boolean; fundingKind: 'therapy' | 'assessment' }> {
    const [row] = (await manager.query(
      `SELECT t.name, t.asgsf_eligible AS "asgsfEligible", t.funding_kind AS "fundingKind" FROM requirements r JOIN therapy_types t ON t.id = r.therapy_type_id WHERE r.id = $1`,
      [requirementId],
    )) as Array<{ name: string; asgsfEligible: boolean; fundingKind: 'therapy' | 'assessment' }>;
    return row;
  }

  /** When the child's needs were assessed, on the requirement the contract was awarded on. */
  async needsAssessedOn(contractId: string, manager: EntityManager = this.dataSource.manager): Promise<string | null> {
    const [{ needs_assessed_on: needsAssessedOn }] = (await manager.query(
      `SELECT r.needs_assessed_on::text FROM contracts c JOIN requirements r ON r.id = c.requirement_id WHERE c.id = $1`,
      [contractId],
    )) as Array<{ needs_assessed_on: string | null }>;
    return needsAssessedOn;
  }
}
