import { Clock } from '../common/clock/clock';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { Area } from '../agencies/area.entity';
import { AuditService } from '../audit/audit.service';
import { partnershipIdOf } from '../common/auth/partnership';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { FieldError, FormInvalidError } from '../common/forms/form-invalid.error';
import { isoDate } from '../common/forms/date-parts';
import { IllegalTransitionError } from '../common/lifecycle';
import { buildCondition } from './condition-rules';
import { ConditionForm } from './dto/condition.form';
import { FrameworkForm } from './dto/framework.form';
import { ApplicationWindowForm } from './dto/application-window.form';
import { FrameworkApplicationWindow } from './framework-application-window.entity';
import { FrameworkAgency, FrameworkArea } from './framework-coverage.entity';
import { FrameworkLot } from './framework-lot.entity';
import { Framework } from './framework.entity';
import { MembershipCondition } from './membership-condition.entity';
import { openFrameworkScheduleProblems, reopeningWindowProblems } from './open-framework-schedule';
import { ROUTE_DEFAULTS, routeAvailabilityProblems, routeParameterProblems, RouteParameters } from './procurement-routes';
import { TherapyType } from './therapy-type.entity';

export interface FrameworkDetail {
  framework: Framework;
  agencies: Agency[];
  lots: TherapyType[];
  areas: Array<Area & { agencyName: string }>;
  conditions: MembershipCondition[];
  /** An open framework's application windows, in date order. */
  windows: FrameworkApplicationWindow[];
  nextVersionId: string | null;
}

const fieldError = (field: string, text: string, href = `#${field}`): FieldError => ({ field, text, href });

@Injectable()
export class FrameworksService {
  constructor(
    private readonly clock: Clock,
    @InjectRepository(Framework) private readonly frameworks: Repository<Framework>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** The partnership a framework manager works for: their agency's. */
  partnershipIdOf(user: SignedInUser): Promise<string> {
    return partnershipIdOf(this.dataSource.manager, user);
  }

  async list(user: SignedInUser): Promise<Framework[]> {
    return this.frameworks.find({ where: { partnershipId: await this.partnershipIdOf(user) }, order: { opensOn: 'DESC', version: 'DESC' } });
  }

  /** A framework of the manager's own partnership, or not found. */
  async get(user: SignedInUser, id: string, manager: EntityManager = this.dataSource.manager): Promise<Framework> {
    const framework = await manager.findOne(Framework, { where: { id } });
    if (!framework || framework.partnershipId !== (await this.partnershipIdOf(user))) throw new NotFoundException();
    return framework;
  }

  async detail(user: SignedInUser, id: string): Promise<FrameworkDetail> {
    const framework = await this.get(user, id);
    const manager = this.dataSource.manager;
    const [agencies, lots, areaRows, conditions, windows, next] = await Promise.all([
      manager
        .createQueryBuilder(Agency, 'agency')
        .innerJoin(FrameworkAgency, 'fa', 'fa.agencyId = agency.id AND fa.frameworkId = :id', { id })
        .orderBy('agency.name')
        .getMany(),
      manager
        .createQueryBuilder(TherapyType, 'type')
        .innerJoin(FrameworkLot, 'lot', 'lot.therapyTypeId = type.id AND lot.frameworkId = :id', { id })
        .orderBy('type.sortOrder')
        .getMany(),
      manager
        .createQueryBuilder(Area, 'area')
        .innerJoin(FrameworkArea, 'fa', 'fa.areaId = area.id AND fa.frameworkId = :id', { id })
        .innerJoin(Agency, 'agency', 'agency.id = area.agencyId')
        .addSelect('agency.name', 'agency_name')
        .orderBy('agency.name')
        .addOrderBy('area.name')
        .getRawAndEntities(),
      manager.find(MembershipCondition, { where: { frameworkId: id }, order: { position: 'ASC' } }),
      manager.find(FrameworkApplicationWindow, { where: { frameworkId: id }, order: { opensOn: 'ASC' } }),
      manager.findOne(Framework, { where: { previousVersionId: id }, select: { id: true } }),
    ]);
    const areas = areaRows.entities.map((area, index) => Object.assign(area, { agencyName: areaRows.raw[index].agency_name as string }));
    return { framework, agencies, lots, areas, conditions, windows, nextVersionId: next?.id ?? null };
  }

  /**
   * What the set-up form offers: the partnership's agencies and areas in use,
   * and the active therapy types. A draft being edited keeps the deactivated
   * agencies and areas it already covers, so nothing is dropped unseen.
   */
  async formOptions(user: SignedInUser, frameworkId?: string) {
    const partnershipId = await this.partnershipIdOf(user);
    const manager = this.dataSource.manager;
    const covered = frameworkId ? await this.coveredIds(manager, frameworkId) : { agencyIds: [], areaIds: [] };
    const agencies = (await manager.find(Agency, { where: { partnershipId }, order: { name: 'ASC' } })).filter(
      (agency) => agency.active || covered.agencyIds.includes(agency.id),
    );
    const areas = (await manager.find(Area, { where: { agencyId: In(agencies.map((agency) => agency.id)) }, order: { name: 'ASC' } })).filter(
      (area) => area.active || covered.areaIds.includes(area.id),
    );
    const therapyTypes = await manager.find(TherapyType, { where: { active: true }, order: { sortOrder: 'ASC' } });
    return { agencies, areas, therapyTypes };
  }

  async create(user: SignedInUser, form: FrameworkForm): Promise<Framework> {
    const partnershipId = await this.partnershipIdOf(user);
    return this.dataSource.transaction(async (manager) => {
      const values = await this.validated(manager, partnershipId, form);
      const framework = await manager.save(Framework, { ...values.framework, partnershipId, status: 'draft', version: 1 });
      await this.replaceCoverage(manager, framework.id, values);
      await this.audit.record(manager, {
        action: 'framework.created',
        entityType: 'framework',
        entityId: framework.id,
        after: { ...values.framework, ...values.coverage },
      });
      return framework;
    });
  }

  async update(user: SignedInUser, id: string, form: FrameworkForm): Promise<Framework> {
    return this.dataSource.transaction(async (manager) => {
      const framework = await this.lockDraft(user, id, manager);
      const values = await this.validated(manager, framework.partnershipId, form, await this.coveredIds(manager, id));
      const before = { ...framework };
      await manager.update(Framework, id, values.framework);
      await this.replaceCoverage(manager, id, values);
      // Only an open framework has application windows; another route admits applications whenever it is open.
      if (values.framework.route !== 'open_framework') await manager.delete(FrameworkApplicationWindow, { frameworkId: id });
      await this.audit.record(manager, {
        action: 'framework.updated',
        entityType: 'framework',
        entityId: id,
        before: before as unknown as Record<string, unknown>,
        after: { ...values.framework, ...values.coverage },
      });
      return { ...framework, ...values.framework };
    });
  }

  async addCondition(user: SignedInUser, frameworkId: string, form: ConditionForm): Promise<MembershipCondition> {
    return this.dataSource.transaction(async (manager) => {
      await this.lockDraft(user, frameworkId, manager);
      const condition = await this.conditionValues(manager, frameworkId, form);
      const [{ next }] = await manager.query(`SELECT coalesce(max(position), 0) + 1 AS next FROM membership_conditions WHERE framework_id = $1`, [frameworkId]);
      const saved = await manager.save(MembershipCondition, { ...condition, frameworkId, position: next });
      await this.audit.record(manager, {
        action: 'framework.condition_added',
        entityType: 'framework',
        entityId: frameworkId,
        after: { conditionId: saved.id, ...condition },
      });
      return saved;
    });
  }

  async getCondition(user: SignedInUser, frameworkId: string, conditionId: string): Promise<MembershipCondition> {
    await this.get(user, frameworkId);
    const condition = await this.dataSource.manager.findOne(MembershipCondition, { where: { id: conditionId, frameworkId } });
    if (!condition) throw new NotFoundException();
    return condition;
  }

  async updateCondition(user: SignedInUser, frameworkId: string, conditionId: string, form: ConditionForm): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.lockDraft(user, frameworkId, manager);
      const existing = await manager.findOne(MembershipCondition, { where: { id: conditionId, frameworkId } });
      if (!existing) throw new NotFoundException();
      const condition = await this.conditionValues(manager, frameworkId, form);
      await manager.update(MembershipCondition, conditionId, condition);
      await this.audit.record(manager, {
        action: 'framework.condition_changed',
        entityType: 'framework',
        entityId: frameworkId,
        before: { ...existing },
        after: { conditionId, ...condition },
      });
    });
  }

  async removeCondition(user: SignedInUser, frameworkId: string, conditionId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.lockDraft(user, frameworkId, manager);
      const existing = await manager.findOne(MembershipCondition, { where: { id: conditionId, frameworkId } });
      if (!existing) throw new NotFoundException();
      await manager.delete(MembershipCondition, conditionId);
      await this.audit.record(manager, { action: 'framework.condition_removed', entityType: 'framework', entityId: frameworkId, before: { ...existing } });
    });
  }

  /**
   * Opens a draft for applications. From now on its conditions are frozen
   * (BR-2). A new version that opens closes the version it replaces.
   */
  async open(user: SignedInUser, id: string): Promise<Framework> {
    return this.dataSource.transaction(async (manager) => {
      const framework = await this.lockDraft(user, id, manager);
      const detail = await manager.query(
        `SELECT (SELECT count(*) FROM framework_lots WHERE framework_id = $1)::int AS lots,
                (SELECT count(*) FROM framework_areas WHERE framework_id = $1)::int AS areas,
                (SELECT count(*) FROM membership_conditions WHERE framework_id = $1)::int AS conditions`,
        [id],
      );
      if (detail[0].conditions === 0) throw new ConflictException('Add at least one condition of membership before opening the framework');
      if (framework.route === 'open_framework') {
        const windows = await manager.find(FrameworkApplicationWindow, { where: { frameworkId: id } });
        const problems = openFrameworkScheduleProblems(framework, windows);
        if (problems.length) throw new ConflictException(problems.join('. '));
      }
      await manager.update(Framework, id, { status: 'open', openedAt: this.clock.now() });
      await this.audit.record(manager, {
        action: 'framework.opened',
        entityType: 'framework',
        entityId: id,
        before: { status: 'draft' },
        after: { status: 'open' },
      });
      if (framework.previousVersionId) {
        const previous = await manager.findOne(Framework, { where: { id: framework.previousVersionId }, lock: { mode: 'pessimistic_write' } });
        if (previous?.status === 'open') {
          await manager.update(Framework, previous.id, { status: 'closed' });
          await this.audit.record(manager, {
            action: 'framework.closed',
            entityType: 'framework',
            entityId: previous.id,
            before: { status: 'open' },
            after: { status: 'closed', replacedBy: id },
          });
        }
      }
      return { ...framework, status: 'open' as const };
    });
  }

  /** Copies an open or closed framework, conditions included, into a new draft version (BR-2). */
  async newVersion(user: SignedInUser, id: string): Promise<Framework> {
    return this.dataSource.transaction(async (manager) => {
      const source = await this.get(user, id, manager);
      await manager.query('SELECT id FROM frameworks WHERE id = $1 FOR UPDATE', [id]);
      if (source.status === 'draft') throw new IllegalTransitionError('A draft framework can be changed directly; it does not need a new version');
      if (await manager.exists(Framework, { where: { previousVersionId: id } })) throw new ConflictException('This framework already has a newer version');
      const { id: _sourceId, createdAt: _created, updatedAt: _updated, openedAt: _opened, ...copy } = source;
      const draft = await manager.save(Framework, { ...copy, status: 'draft', version: source.version + 1, previousVersionId: id, openedAt: null });
      await manager.query(`INSERT INTO framework_lots (framework_id, therapy_type_id) SELECT $2, therapy_type_id FROM framework_lots WHERE framework_id = $1`, [
        id,
        draft.id,
      ]);
      await manager.query(`INSERT INTO framework_areas (framework_id, area_id) SELECT $2, area_id FROM framework_areas WHERE framework_id = $1`, [
        id,
        draft.id,
      ]);
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
      await this.audit.record(manager, {
        action: 'framework.versioned',
        entityType: 'framework',
        entityId: draft.id,
        after: { previousVersionId: id, version: draft.version },
      });
      return draft;
    });
  }

  /**
   * Adds an application window to an open framework's schedule: while it is a
   * draft, or, once open, a window still to come (a reopening).
   */
  async addWindow(user: SignedInUser, frameworkId: string, form: ApplicationWindowForm): Promise<FrameworkApplicationWindow> {
    return this.dataSource.transaction(async (manager) => {
      const framework = await this.lockForSchedule(user, frameworkId, manager);
      const window = { opensOn: isoDate(form.opensOn), closesOn: isoDate(form.closesOn) };
      const existing = await manager.find(FrameworkApplicationWindow, { where: { frameworkId } });
      const problems: Partial<Record<'opensOn' | 'closesOn', string>> = reopeningWindowProblems(framework, window, existing);
      if (framework.status === 'open' && window.opensOn <= this.clock.today()) problems.opensOn ??= 'A window added to an open framework must open after today';
      const errors = Object.entries(problems).map(([field, text]) => ({ field, text, href: `#${field}-day` }));
      if (errors.length) throw new FormInvalidError(errors);
      const saved = await manager.save(FrameworkApplicationWindow, { frameworkId, ...window });
      await this.audit.record(manager, {
        action: 'framework.window_added',
        entityType: 'framework',
        entityId: frameworkId,
        after: { windowId: saved.id, ...window },
      });
      return saved;
    });
  }

  /** Removes a window that has not begun; an open framework keeps a schedule that meets s49. */
  async removeWindow(user: SignedInUser, frameworkId: string, windowId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const framework = await this.lockForSchedule(user, frameworkId, manager);
      const windows = await manager.find(FrameworkApplicationWindow, { where: { frameworkId } });
      const window = windows.find((candidate) => candidate.id === windowId);
      if (!window) throw new NotFoundException();
      if (framework.status === 'open') {
        if (window.opensOn <= this.clock.today()) throw new ConflictException('A window that has begun cannot be removed');
        const problems = openFrameworkScheduleProblems(
          framework,
          windows.filter((candidate) => candidate.id !== windowId),
        );
        if (problems.length) throw new ConflictException(`Without this window the schedule would break the law: ${problems.join('. ')}`);
      }
      await manager.delete(FrameworkApplicationWindow, windowId);
      await this.audit.record(manager, {
        action: 'framework.window_removed',
        entityType: 'framework',
        entityId: frameworkId,
        before: { windowId, opensOn: window.opensOn, closesOn: window.closesOn },
      });
    });
  }

  /** An open framework of the manager's partnership that is not closed, locked while its schedule changes. */
  private async lockForSchedule(user: SignedInUser, id: string, manager: EntityManager): Promise<Framework> {
    await this.get(user, id, manager);
    await manager.query('SELECT id FROM frameworks WHERE id = $1 FOR UPDATE', [id]);
    const framework = await manager.findOneByOrFail(Framework, { id });
    if (framework.route !== 'open_framework') throw new ConflictException('Only an open framework has application windows');
    if (framework.status === 'closed') throw new IllegalTransitionError('This framework is closed, so its application windows cannot change');
    return framework;
  }

  private async lockDraft(user: SignedInUser, id: string, manager: EntityManager): Promise<Framework> {
    const framework = await this.get(user, id, manager);
    await manager.query('SELECT id FROM frameworks WHERE id = $1 FOR UPDATE', [id]);
    const current = await manager.findOneByOrFail(Framework, { id });
    if (current.status !== 'draft') {
      throw new IllegalTransitionError('This framework is open, so its set-up and conditions are frozen. Create a new version to change them.');
    }
    return { ...framework, ...current };
  }

  private async conditionValues(manager: EntityManager, frameworkId: string, form: ConditionForm) {
    const lots = await manager.find(FrameworkLot, { where: { frameworkId } });
    const result = buildCondition(
      form,
      lots.map((lot) => lot.therapyTypeId),
    );
    if ('errors' in result) throw new FormInvalidError(result.errors);
    return result.condition;
  }

  /** The agencies and areas a framework covers now. */
  private async coveredIds(manager: EntityManager, frameworkId: string): Promise<{ agencyIds: string[]; areaIds: string[] }> {
    const [agencies, areas] = await Promise.all([
      manager.find(FrameworkAgency, { where: { frameworkId } }),
      manager.find(FrameworkArea, { where: { frameworkId } }),
    ]);
    return { agencyIds: agencies.map((row) => row.agencyId), areaIds: areas.map((row) => row.areaId) };
  }

  private async validated(
    manager: EntityManager,
    partnershipId: string,
    form: FrameworkForm,
    covered: { agencyIds: string[]; areaIds: string[] } = { agencyIds: [], areaIds: [] },
  ) {
    const errors: FieldError[] = [];
    const opensOn = isoDate(form.opensOn);
    const closesOn = isoDate(form.closesOn);
    if (closesOn <= opensOn) errors.push({ field: 'closesOn', href: '#closesOn-day', text: 'The date the framework closes must be after the date it opens' });

    const defaults = ROUTE_DEFAULTS[form.route];
    const parameters: RouteParameters = {
      decisionClockDays: form.decisionClockDays === undefined ? defaults.decisionClockDays : Number(form.decisionClockDays),
      decisionExtendedDays: form.decisionExtendedDays === undefined ? defaults.decisionExtendedDays : Number(form.decisionExtendedDays),
      minimumBidPeriodDays: form.minimumBidPeriodDays === undefined ? defaults.minimumBidPeriodDays : Number(form.minimumBidPeriodDays),
      standstillDays: form.standstillDays === undefined ? defaults.standstillDays : Number(form.standstillDays),
    };
    if (parameters.decisionClockDays < 1) errors.push(fieldError('decisionClockDays', 'Decision clock must be at least 1 working day'));
    if (parameters.minimumBidPeriodDays < 1) errors.push(fieldError('minimumBidPeriodDays', 'Minimum bid period must be at least 1 day'));
    for (const [field, text] of Object.entries(routeParameterProblems(form.route, parameters))) errors.push(fieldError(field, text));
    if (closesOn > opensOn) {
      for (const [field, text] of Object.entries(routeAvailabilityProblems(form.route, { opensOn, closesOn })))
        errors.push(fieldError(field, text, field === 'closesOn' ? '#closesOn-day' : undefined));
    }

    const agencies = await manager.find(Agency, { where: { id: In(form.agencyIds), partnershipId } });
    if (agencies.length !== new Set(form.agencyIds).size) errors.push(fieldError('agencyIds', 'Select agencies from the list'));
    const retiredAgency = agencies.find((agency) => !agency.active && !covered.agencyIds.includes(agency.id));
    if (retiredAgency) errors.push(fieldError('agencyIds', `${retiredAgency.name} is no longer in use: select agencies that are`));
    const therapyTypes = await manager.find(TherapyType, { where: { id: In(form.therapyTypeIds), active: true } });
    if (therapyTypes.length !== new Set(form.therapyTypeIds).size) errors.push(fieldError('therapyTypeIds', 'Select lots from the list'));
    const areas = await manager.find(Area, { where: { id: In(form.areaIds) } });
    const retiredArea = areas.find((area) => !area.active && !covered.areaIds.includes(area.id));
    if (areas.length !== new Set(form.areaIds).size) errors.push(fieldError('areaIds', 'Select areas from the list'));
    else if (retiredArea) errors.push(fieldError('areaIds', `${retiredArea.name} is no longer in use: select areas that are`));
    else if (areas.some((area) => !form.agencyIds.includes(area.agencyId))) {
      errors.push(fieldError('areaIds', 'Select only areas of the agencies that may buy through the framework'));
    }
    if (errors.length) throw new FormInvalidError(errors);

    return {
      framework: { name: form.name, description: form.description ?? '', route: form.route, ...parameters, opensOn, closesOn },
      coverage: { agencyIds: [...new Set(form.agencyIds)], therapyTypeIds: [...new Set(form.therapyTypeIds)], areaIds: [...new Set(form.areaIds)] },
    };
  }

  private async replaceCoverage(
    manager: EntityManager,
    frameworkId: string,
    values: { coverage: { agencyIds: string[]; therapyTypeIds: string[]; areaIds: string[] } },
  ) {
    await manager.delete(FrameworkAgency, { frameworkId });
    await manager.delete(FrameworkArea, { frameworkId });
    await manager.insert(
      FrameworkAgency,
      values.coverage.agencyIds.map((agencyId) => ({ frameworkId, agencyId })),
    );
    await manager.insert(
      FrameworkArea,
      values.coverage.areaIds.map((areaId) => ({ frameworkId, areaId })),
    );
    // Lots are kept where they stay, so conditions scoped to them keep their meaning.
    const existing = await manager.find(FrameworkLot, { where: { frameworkId } });
    const removed = existing.filter((lot) => !values.coverage.therapyTypeIds.includes(lot.therapyTypeId));
    if (removed.length)
      await manager.delete(
        FrameworkLot,
        removed.map((lot) => lot.id),
      );
    const added = values.coverage.therapyTypeIds.filter((id) => !existing.some((lot) => lot.therapyTypeId === id));
    if (added.length)
      await manager.insert(
        FrameworkLot,
        added.map((therapyTypeId) => ({ frameworkId, therapyTypeId })),
      );
  }
}
