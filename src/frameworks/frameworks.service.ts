import { Clock } from '../common/clock/clock';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { AgencyRepository } from '../agencies/agency.repository';
import { AuditService } from '../audit/audit.service';
import { partnershipIdOf } from '../common/auth/partnership.repository';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { FieldError, FormInvalidError } from '../common/forms/form-invalid.error';
import { isoDate } from '../common/forms/date-parts';
import { IllegalTransitionError } from '../common/lifecycle';
import { buildCondition } from './condition-rules';
import { ConditionForm } from './dto/condition.form';
import { FrameworkForm } from './dto/framework.form';
import { ApplicationWindowForm } from './dto/application-window.form';
import { FrameworkApplicationWindow } from './framework-application-window.entity';
import { CoveredArea, FrameworkRepository } from './framework.repository';
import { Framework } from './framework.entity';
import { MembershipCondition } from './membership-condition.entity';
import { openFrameworkScheduleProblems, reopeningWindowProblems } from './open-framework-schedule';
import { ROUTE_DEFAULTS, routeAvailabilityProblems, routeParameterProblems, RouteParameters } from './procurement-routes';
import { TherapyType } from './therapy-type.entity';
import { TherapyTypeRepository } from './therapy-type.repository';

export interface FrameworkDetail {
  framework: Framework;
  agencies: Agency[];
  lots: TherapyType[];
  areas: CoveredArea[];
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
    private readonly dataSource: DataSource,
    private readonly frameworks: FrameworkRepository,
    private readonly agencies: AgencyRepository,
    private readonly therapyTypes: TherapyTypeRepository,
    private readonly audit: AuditService,
  ) {}

  /** The partnership a framework manager works for: their agency's. */
  partnershipIdOf(user: SignedInUser): Promise<string> {
    return partnershipIdOf(this.dataSource.manager, user);
  }

  async list(user: SignedInUser): Promise<Framework[]> {
    return this.frameworks.listForPartnership(await this.partnershipIdOf(user));
  }

  /** A framework of the manager's own partnership, or not found. */
  async get(user: SignedInUser, id: string, manager: EntityManager = this.dataSource.manager): Promise<Framework> {
    const framework = await this.frameworks.findById(id, manager);
    if (!framework || framework.partnershipId !== (await this.partnershipIdOf(user))) throw new NotFoundException();
    return framework;
  }

  async detail(user: SignedInUser, id: string): Promise<FrameworkDetail> {
    const framework = await this.get(user, id);
    const [agencies, lots, areas, conditions, windows, nextVersionId] = await Promise.all([
      this.frameworks.agenciesCovered(id),
      this.frameworks.lotTypesOf(id),
      this.frameworks.areasCovered(id),
      this.frameworks.conditionsOf(id),
      this.frameworks.windowsOf(id),
      this.frameworks.nextVersionIdOf(id),
    ]);
    return { framework, agencies, lots, areas, conditions, windows, nextVersionId };
  }

  /**
   * What the set-up form offers: the partnership's agencies and areas in use,
   * and the active therapy types. A draft being edited keeps the deactivated
   * agencies and areas it already covers, so nothing is dropped unseen.
   */
  async formOptions(user: SignedInUser, frameworkId?: string) {
    const partnershipId = await this.partnershipIdOf(user);
    const covered = frameworkId ? await this.frameworks.coveredIds(frameworkId) : { agencyIds: [], areaIds: [] };
    const agencies = (await this.agencies.listForPartnership(partnershipId)).filter((agency) => agency.active || covered.agencyIds.includes(agency.id));
    const areas = (await this.agencies.areasOfAgencies(agencies.map((agency) => agency.id))).filter((area) => area.active || covered.areaIds.includes(area.id));
    const therapyTypes = await this.therapyTypes.listActive();
    return { agencies, areas, therapyTypes };
  }

  async create(user: SignedInUser, form: FrameworkForm): Promise<Framework> {
    const partnershipId = await this.partnershipIdOf(user);
    return this.dataSource.transaction(async (manager) => {
      const values = await this.validated(manager, partnershipId, form);
      const framework = await this.frameworks.createDraft(manager, { ...values.framework, partnershipId });
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
      const values = await this.validated(manager, framework.partnershipId, form, await this.frameworks.coveredIds(id, manager));
      const before = { ...framework };
      await this.frameworks.changeSetUp(manager, id, values.framework);
      await this.replaceCoverage(manager, id, values);
      // Only an open framework has application windows; another route admits applications whenever it is open.
      if (values.framework.route !== 'open_framework') await this.frameworks.removeAllWindows(manager, id);
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
      const saved = await this.frameworks.addConditionLast(manager, frameworkId, condition);
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
    const condition = await this.frameworks.findCondition(frameworkId, conditionId);
    if (!condition) throw new NotFoundException();
    return condition;
  }

  async updateCondition(user: SignedInUser, frameworkId: string, conditionId: string, form: ConditionForm): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.lockDraft(user, frameworkId, manager);
      const existing = await this.frameworks.findCondition(frameworkId, conditionId, manager);
      if (!existing) throw new NotFoundException();
      const condition = await this.conditionValues(manager, frameworkId, form);
      await this.frameworks.changeCondition(manager, conditionId, condition);
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
      const existing = await this.frameworks.findCondition(frameworkId, conditionId, manager);
      if (!existing) throw new NotFoundException();
      await this.frameworks.removeCondition(manager, conditionId);
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
      const contents = await this.frameworks.countContents(id, manager);
      if (contents.conditions === 0) throw new ConflictException('Add at least one condition of membership before opening the framework');
      if (framework.route === 'open_framework') {
        const windows = await this.frameworks.windowsOf(id, manager);
        const problems = openFrameworkScheduleProblems(framework, windows);
        if (problems.length) throw new ConflictException(problems.join('. '));
      }
      await this.frameworks.markOpen(manager, id, this.clock.now());
      await this.audit.record(manager, {
        action: 'framework.opened',
        entityType: 'framework',
        entityId: id,
        before: { status: 'draft' },
        after: { status: 'open' },
      });
      if (framework.previousVersionId) {
        const previous = await this.frameworks.findLocked(manager, framework.previousVersionId);
        if (previous?.status === 'open') {
          await this.frameworks.markClosed(manager, previous.id);
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
      await this.frameworks.lockRow(manager, id);
      if (source.status === 'draft') throw new IllegalTransitionError('A draft framework can be changed directly; it does not need a new version');
      if (await this.frameworks.hasNextVersion(id, manager)) throw new ConflictException('This framework already has a newer version');
      const draft = await this.frameworks.createNextVersion(manager, source);
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
      const existing = await this.frameworks.windowsOf(frameworkId, manager);
      const problems: Partial<Record<'opensOn' | 'closesOn', string>> = reopeningWindowProblems(framework, window, existing);
      if (framework.status === 'open' && window.opensOn <= this.clock.today()) problems.opensOn ??= 'A window added to an open framework must open after today';
      const errors = Object.entries(problems).map(([field, text]) => ({ field, text, href: `#${field}-day` }));
      if (errors.length) throw new FormInvalidError(errors);
      const saved = await this.frameworks.addWindow(manager, { frameworkId, ...window });
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
      const windows = await this.frameworks.windowsOf(frameworkId, manager);
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
      await this.frameworks.removeWindow(manager, windowId);
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
    const framework = await this.frameworks.lockById(manager, id);
    if (framework.route !== 'open_framework') throw new ConflictException('Only an open framework has application windows');
    if (framework.status === 'closed') throw new IllegalTransitionError('This framework is closed, so its application windows cannot change');
    return framework;
  }

  private async lockDraft(user: SignedInUser, id: string, manager: EntityManager): Promise<Framework> {
    const framework = await this.get(user, id, manager);
    const current = await this.frameworks.lockById(manager, id);
    if (current.status !== 'draft') {
      throw new IllegalTransitionError('This framework is open, so its set-up and conditions are frozen. Create a new version to change them.');
    }
    return { ...framework, ...current };
  }

  private async conditionValues(manager: EntityManager, frameworkId: string, form: ConditionForm) {
    const lots = await this.frameworks.lotsOf(frameworkId, manager);
    const result = buildCondition(
      form,
      lots.map((lot) => lot.therapyTypeId),
    );
    if ('errors' in result) throw new FormInvalidError(result.errors);
    return result.condition;
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

    const agencies: Agency[] = await this.agencies.findInPartnership(form.agencyIds, partnershipId, manager);
    if (agencies.length !== new Set(form.agencyIds).size) errors.push(fieldError('agencyIds', 'Select agencies from the list'));
    const retiredAgency = agencies.find((agency) => !agency.active && !covered.agencyIds.includes(agency.id));
    if (retiredAgency) errors.push(fieldError('agencyIds', `${retiredAgency.name} is no longer in use: select agencies that are`));
    const therapyTypes: TherapyType[] = await this.therapyTypes.findActiveByIds(form.therapyTypeIds, manager);
    if (therapyTypes.length !== new Set(form.therapyTypeIds).size) errors.push(fieldError('therapyTypeIds', 'Select lots from the list'));
    const areas = await this.agencies.areasByIds(form.areaIds, manager);
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
    await this.frameworks.replaceAgenciesAndAreas(manager, frameworkId, values.coverage);
    // Lots are kept where they stay, so conditions scoped to them keep their meaning.
    const existing = await this.frameworks.lotsOf(frameworkId, manager);
    const removed = existing.filter((lot) => !values.coverage.therapyTypeIds.includes(lot.therapyTypeId));
    if (removed.length)
      await this.frameworks.removeLots(
        manager,
        removed.map((lot) => lot.id),
      );
    const added = values.coverage.therapyTypeIds.filter((id) => !existing.some((lot) => lot.therapyTypeId === id));
    if (added.length) await this.frameworks.addLots(manager, frameworkId, added);
  }
}
