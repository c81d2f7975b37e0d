import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { Area } from '../agencies/area.entity';
import type { ConditionValues } from './condition-rules';
import { FrameworkApplicationWindow } from './framework-application-window.entity';
import { FrameworkAgency, FrameworkArea } from './framework-coverage.entity';
import { FrameworkLot } from './framework-lot.entity';
import { Framework } from './framework.entity';
import { MembershipCondition } from './membership-condition.entity';
import { TherapyType } from './therapy-type.entity';

/** A framework's set-up as its form saves it. */
export type FrameworkSetUp = Pick<
  Framework,
  'name' | 'description' | 'route' | 'decisionClockDays' | 'decisionExtendedDays' | 'minimumBidPeriodDays' | 'standstillDays' | 'opensOn' | 'closesOn'
>;

/** An area a framework covers, with its agency's name. */
export type CoveredArea = Area & { agencyName: string };

/** How many lots, areas and conditions a framework has. */
export interface FrameworkContentCounts {
  lots: number;
  areas: number;
  conditions: number;
}

/**
 * The frameworks table and the tables that make up a framework: its lots,
 * coverage (agencies and areas), application windows and conditions of
 * membership. The only place with their SQL.
 */
@Injectable()
export class FrameworkRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A partnership's frameworks, the latest opening first. */
  listForPartnership(partnershipId: string, manager: EntityManager = this.dataSource.manager): Promise<Framework[]> {
    return manager.find(Framework, { where: { partnershipId }, order: { opensOn: 'DESC', version: 'DESC' } });
  }

  /** Every open framework, by name. */
  listOpen(manager: EntityManager = this.dataSource.manager): Promise<Framework[]> {
    return manager.find(Framework, { where: { status: 'open' }, order: { name: 'ASC' } });
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Framework | null> {
    return manager.findOne(Framework, { where: { id } });
  }

  findByIdOrFail(id: string, manager: EntityManager = this.dataSource.manager): Promise<Framework> {
    return manager.findOneByOrFail(Framework, { id });
  }

  findOpenById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Framework | null> {
    return manager.findOne(Framework, { where: { id, status: 'open' } });
  }

  /** Locks the framework's row until the transaction ends, then reads it afresh. */
  async lockById(manager: EntityManager, id: string): Promise<Framework> {
    await manager.query('SELECT id FROM frameworks WHERE id = $1 FOR UPDATE', [id]);
    return manager.findOneByOrFail(Framework, { id });
  }

  /** Locks the framework's row until the transaction ends, reading nothing. */
  async lockRow(manager: EntityManager, id: string): Promise<void> {
    await manager.query('SELECT id FROM frameworks WHERE id = $1 FOR UPDATE', [id]);
  }

  /** The framework, read with a row lock, or null. */
  findLocked(manager: EntityManager, id: string): Promise<Framework | null> {
    return manager.findOne(Framework, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The id of the framework's next version, if one was made. */
  async nextVersionIdOf(id: string, manager: EntityManager = this.dataSource.manager): Promise<string | null> {
    const next = await manager.findOne(Framework, { where: { previousVersionId: id }, select: { id: true } });
    return next?.id ?? null;
  }

  hasNextVersion(id: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    return manager.exists(Framework, { where: { previousVersionId: id } });
  }

  createDraft(manager: EntityManager, values: FrameworkSetUp & { partnershipId: string }): Promise<Framework> {
    return manager.save(Framework, { ...values, status: 'draft' as const, version: 1 });
  }

  async changeSetUp(manager: EntityManager, id: string, values: FrameworkSetUp): Promise<void> {
    await manager.update(Framework, id, values);
  }

  async markOpen(manager: EntityManager, id: string, openedAt: Date): Promise<void> {
    await manager.update(Framework, id, { status: 'open', openedAt });
  }

  async markClosed(manager: EntityManager, id: string): Promise<void> {
    await manager.update(Framework, id, { status: 'closed' });
  }

  /**
   * A new draft version of `source`, with its lots, coverage, conditions and
   * application windows copied in the database.
   */
  async createNextVersion(manager: EntityManager, source: Framework): Promise<Framework> {
    const { id, createdAt: _created, updatedAt: _updated, openedAt: _opened, ...copy } = source;
    const draft = await manager.save(Framework, { ...copy, status: 'draft' as const, version: source.version + 1, previousVersionId: id, openedAt: null });
    await manager.query(`INSERT INTO framework_lots (framework_id, therapy_type_id) SELECT $2, therapy_type_id FROM framework_lots WHERE framework_id = $1`, [
      id,
      draft.id,
    ]);
    await manager.query(`INSERT INTO framework_areas (framework_id, area_id) SELECT $2, area_id FROM framework_areas WHERE framework_id = $1`, [id, draft.id]);
    await manager.query(`INSERT INTO framework_agencies (framework_id, agency_id) SELECT $2, agency_id FROM framework_agencies WHERE framework_id = $1`, [
      id,
      draft.id,
    ]);
    await manager.query(
      `INSERT INTO membership_conditions (framework_id, position, question, hint, answer_type, word_limit, lot_therapy_type_ids, judgement, passing_answer, minimum_score, maximum_score)
       SELECT $2, position, question, hint, answer_type, word_limit, lot_therapy_type_ids, judgement, passing_answer, minimum_score, maximum_score
         FROM membership_conditions WHERE framework_id = $1`,
      [id, draft.id],
    );
    await manager.query(
      `INSERT INTO framework_application_windows (framework_id, opens_on, closes_on) SELECT $2, opens_on, closes_on FROM framework_application_windows WHERE framework_id = $1`,
      [id, draft.id],
    );
    return draft;
  }

  async countContents(id: string, manager: EntityManager = this.dataSource.manager): Promise<FrameworkContentCounts> {
    const [counts]: FrameworkContentCounts[] = await manager.query(
      `SELECT (SELECT count(*) FROM framework_lots WHERE framework_id = $1)::int AS lots,
              (SELECT count(*) FROM framework_areas WHERE framework_id = $1)::int AS areas,
              (SELECT count(*) FROM membership_conditions WHERE framework_id = $1)::int AS conditions`,
      [id],
    );
    return counts;
  }

  // Coverage: agencies, areas and lots.

  /** The agencies that may buy through the framework, by name. */
  agenciesCovered(frameworkId: string, manager: EntityManager = this.dataSource.manager): Promise<Agency[]> {
    return manager
      .createQueryBuilder(Agency, 'agency')
      .innerJoin(FrameworkAgency, 'fa', 'fa.agencyId = agency.id AND fa.frameworkId = :id', { id: frameworkId })
      .orderBy('agency.name')
      .getMany();
  }

  /** The areas the framework covers, by agency name then area name. */
  async areasCovered(frameworkId: string, manager: EntityManager = this.dataSource.manager): Promise<CoveredArea[]> {
    const rows = await manager
      .createQueryBuilder(Area, 'area')
      .innerJoin(FrameworkArea, 'fa', 'fa.areaId = area.id AND fa.frameworkId = :id', { id: frameworkId })
      .innerJoin(Agency, 'agency', 'agency.id = area.agencyId')
      .addSelect('agency.name', 'agency_name')
      .orderBy('agency.name')
      .addOrderBy('area.name')
      .getRawAndEntities<{ agency_name: string }>();
    return rows.entities.map((area, index) => Object.assign(area, { agencyName: rows.raw[index].agency_name }));
  }

  /** The therapy types the framework offers as lots, in their order. */
  lotTypesOf(frameworkId: string, manager: EntityManager = this.dataSource.manager): Promise<TherapyType[]> {
    return manager
      .createQueryBuilder(TherapyType, 'type')
      .innerJoin(FrameworkLot, 'lot', 'lot.therapyTypeId = type.id AND lot.frameworkId = :id', { id: frameworkId })
      .orderBy('type.sortOrder')
      .getMany();
  }

  lotsOf(frameworkId: string, manager: EntityManager = this.dataSource.manager): Promise<FrameworkLot[]> {
    return manager.find(FrameworkLot, { where: { frameworkId } });
  }

  /** The ids of the agencies and areas a framework covers now. */
  async coveredIds(frameworkId: string, manager: EntityManager = this.dataSource.manager): Promise<{ agencyIds: string[]; areaIds: string[] }> {
    const [agencies, areas] = await Promise.all([
      manager.find(FrameworkAgency, { where: { frameworkId } }),
      manager.find(FrameworkArea, { where: { frameworkId } }),
    ]);
    return { agencyIds: agencies.map((row) => row.agencyId), areaIds: areas.map((row) => row.areaId) };
  }

  /** Replaces the agencies and areas the framework covers. */
  async replaceAgenciesAndAreas(manager: EntityManager, frameworkId: string, coverage: { agencyIds: string[]; areaIds: string[] }): Promise<void> {
    await manager.delete(FrameworkAgency, { frameworkId });
    await manager.delete(FrameworkArea, { frameworkId });
    await manager.insert(
      FrameworkAgency,
      coverage.agencyIds.map((agencyId) => ({ frameworkId, agencyId })),
    );
    await manager.insert(
      FrameworkArea,
      coverage.areaIds.map((areaId) => ({ frameworkId, areaId })),
    );
  }

  async removeLots(manager: EntityManager, lotIds: string[]): Promise<void> {
    await manager.delete(FrameworkLot, lotIds);
  }

  async addLots(manager: EntityManager, frameworkId: string, therapyTypeIds: string[]): Promise<void> {
    await manager.insert(
      FrameworkLot,
      therapyTypeIds.map((therapyTypeId) => ({ frameworkId, therapyTypeId })),
    );
  }

  // Application windows.

  /** The framework's application windows, in date order. */
  windowsOf(frameworkId: string, manager: EntityManager = this.dataSource.manager): Promise<FrameworkApplicationWindow[]> {
    return manager.find(FrameworkApplicationWindow, { where: { frameworkId }, order: { opensOn: 'ASC' } });
  }

  /** The application windows of every framework given, in date order. */
  windowsOfFrameworks(frameworkIds: string[], manager: EntityManager = this.dataSource.manager): Promise<FrameworkApplicationWindow[]> {
    return manager.find(FrameworkApplicationWindow, { where: { frameworkId: In(frameworkIds) }, order: { opensOn: 'ASC' } });
  }

  addWindow(manager: EntityManager, values: Pick<FrameworkApplicationWindow, 'frameworkId' | 'opensOn' | 'closesOn'>): Promise<FrameworkApplicationWindow> {
    return manager.save(FrameworkApplicationWindow, values);
  }

  async removeWindow(manager: EntityManager, windowId: string): Promise<void> {
    await manager.delete(FrameworkApplicationWindow, windowId);
  }

  async removeAllWindows(manager: EntityManager, frameworkId: string): Promise<void> {
    await manager.delete(FrameworkApplicationWindow, { frameworkId });
  }

  // Conditions of membership.

  /** The framework's conditions of membership, in their order. */
  conditionsOf(frameworkId: string, manager: EntityManager = this.dataSource.manager): Promise<MembershipCondition[]> {
    return manager.find(MembershipCondition, { where: { frameworkId }, order: { position: 'ASC' } });
  }

  /** The conditions named, in no order. */
  conditionsByIds(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<MembershipCondition[]> {
    return manager.find(MembershipCondition, { where: { id: In(ids) } });
  }

  /** Each condition's id and the lots it is asked for, enough to judge an application. */
  conditionLotScopesOf(
    frameworkId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Array<Pick<MembershipCondition, 'id' | 'lotTherapyTypeIds'>>> {
    return manager.find(MembershipCondition, { where: { frameworkId }, select: { id: true, lotTherapyTypeIds: true } });
  }

  findCondition(frameworkId: string, conditionId: string, manager: EntityManager = this.dataSource.manager): Promise<MembershipCondition | null> {
    return manager.findOne(MembershipCondition, { where: { id: conditionId, frameworkId } });
  }

  /** Adds a condition after the framework's last one. */
  async addConditionLast(manager: EntityManager, frameworkId: string, values: ConditionValues): Promise<MembershipCondition> {
    const [{ next }]: Array<{ next: number }> = await manager.query(
      `SELECT coalesce(max(position), 0) + 1 AS next FROM membership_conditions WHERE framework_id = $1`,
      [frameworkId],
    );
    return manager.save(MembershipCondition, { ...values, frameworkId, position: next });
  }

  async changeCondition(manager: EntityManager, conditionId: string, values: ConditionValues): Promise<void> {
    await manager.update(MembershipCondition, conditionId, values);
  }

  async removeCondition(manager: EntityManager, conditionId: string): Promise<void> {
    await manager.delete(MembershipCondition, conditionId);
  }
}
