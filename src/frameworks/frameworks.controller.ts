import { Body, Controller, Get, NotFoundException, Param, Post, Render, Req, Res } from '@nestjs/common';
import { RouteIdPipe } from '../common/http/route-id.pipe';
import type { Request, Response } from 'express';
import { areaCheckboxGroups } from '../agencies/area-checkbox-groups';
import { CurrentUser, Roles } from '../common/auth/access.decorators';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { toDateParts } from '../common/forms/date-parts';
import { formatIsoDate } from '../common/views/format';
import { asArray } from '../common/forms/form-transforms';
import { FormPage } from '../common/forms/form-page.decorator';
import { redirectAfterSaving, setFlash } from '../common/http/flash';
import { ApplicationWindowForm } from './dto/application-window.form';
import { ConditionForm } from './dto/condition.form';
import { FrameworkForm } from './dto/framework.form';
import { FrameworksService } from './frameworks.service';
import { ANSWER_TYPE_LABELS, frameworkSummary, JUDGEMENT_LABELS } from './framework-view';
import { PROCUREMENT_ROUTES, ROUTE_DEFAULTS, ROUTE_LABELS, routeAvailabilityText } from './procurement-routes';
import { optionalRouteId, routeId, signedInUser } from '../common/http/route-inputs';

@Controller('frameworks')
@Roles('framework_manager')
export class FrameworksController {
  constructor(private readonly frameworks: FrameworksService) {}

  @Get()
  @Render('frameworks/index')
  async index(@CurrentUser() user: SignedInUser) {
    return { frameworks: (await this.frameworks.list(user)).map((framework) => ({ ...framework, routeName: ROUTE_LABELS[framework.route].name })) };
  }

  @Get('new')
  @Render('frameworks/form')
  newPage(@Req() request: Request) {
    return this.formModel(request);
  }

  @Post('new')
  @FormPage('frameworks/form', 'formModel')
  async create(@Body() form: FrameworkForm, @CurrentUser() user: SignedInUser, @Req() request: Request, @Res() response: Response) {
    const framework = await this.frameworks.create(user, form);
    setFlash(request, { heading: `${framework.name} has been created`, body: 'Add its conditions of membership, then open it for applications.' });
    return redirectAfterSaving(request, response, `/frameworks/${framework.id}`);
  }

  @Get(':id')
  @Render('frameworks/show')
  async show(@Param('id', RouteIdPipe) id: string, @CurrentUser() user: SignedInUser) {
    return frameworkSummary(await this.frameworks.detail(user, id));
  }

  @Get(':id/edit')
  @Render('frameworks/form')
  async editPage(@Param('id', RouteIdPipe) id: string, @Req() request: Request) {
    return this.formModel(request);
  }

  @Post(':id/edit')
  @FormPage('frameworks/form', 'formModel')
  async update(
    @Param('id', RouteIdPipe) id: string,
    @Body() form: FrameworkForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const framework = await this.frameworks.update(user, id, form);
    setFlash(request, { heading: `${framework.name} has been updated` });
    return redirectAfterSaving(request, response, `/frameworks/${id}`);
  }

  @Post(':id/open')
  async open(@Param('id', RouteIdPipe) id: string, @CurrentUser() user: SignedInUser, @Req() request: Request, @Res() response: Response) {
    const framework = await this.frameworks.open(user, id);
    setFlash(request, { heading: `${framework.name} is open for applications`, body: 'Its conditions of membership are now frozen.' });
    return redirectAfterSaving(request, response, `/frameworks/${id}`);
  }

  @Post(':id/new-version')
  async newVersion(@Param('id', RouteIdPipe) id: string, @CurrentUser() user: SignedInUser, @Req() request: Request, @Res() response: Response) {
    const draft = await this.frameworks.newVersion(user, id);
    setFlash(request, {
      heading: `Version ${draft.version} has been created as a draft`,
      body: 'Change what you need, then open it. Opening it closes the previous version.',
    });
    return redirectAfterSaving(request, response, `/frameworks/${draft.id}`);
  }

  @Get(':id/conditions/new')
  @Render('frameworks/condition-form')
  async newConditionPage(@Req() request: Request) {
    return this.conditionModel(request);
  }

  @Post(':id/conditions/new')
  @FormPage('frameworks/condition-form', 'conditionModel')
  async addCondition(
    @Param('id', RouteIdPipe) id: string,
    @Body() form: ConditionForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    await this.frameworks.addCondition(user, id, form);
    setFlash(request, { heading: 'Condition added' });
    return redirectAfterSaving(request, response, `/frameworks/${id}#conditions`);
  }

  @Get(':id/conditions/:conditionId/edit')
  @Render('frameworks/condition-form')
  async editConditionPage(@Req() request: Request) {
    return this.conditionModel(request);
  }

  @Post(':id/conditions/:conditionId/edit')
  @FormPage('frameworks/condition-form', 'conditionModel')
  async updateCondition(
    @Param('id', RouteIdPipe) id: string,
    @Param('conditionId', RouteIdPipe) conditionId: string,
    @Body() form: ConditionForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    await this.frameworks.updateCondition(user, id, conditionId, form);
    setFlash(request, { heading: 'Condition changed' });
    return redirectAfterSaving(request, response, `/frameworks/${id}#conditions`);
  }

  @Post(':id/conditions/:conditionId/remove')
  async removeCondition(
    @Param('id', RouteIdPipe) id: string,
    @Param('conditionId', RouteIdPipe) conditionId: string,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    await this.frameworks.removeCondition(user, id, conditionId);
    setFlash(request, { heading: 'Condition removed' });
    return redirectAfterSaving(request, response, `/frameworks/${id}#conditions`);
  }

  @Get(':id/windows/new')
  @Render('frameworks/window-form')
  async newWindowPage(@Req() request: Request) {
    return this.windowModel(request);
  }

  @Post(':id/windows/new')
  @FormPage('frameworks/window-form', 'windowModel')
  async addWindow(
    @Param('id', RouteIdPipe) id: string,
    @Body() form: ApplicationWindowForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    await this.frameworks.addWindow(user, id, form);
    setFlash(request, { heading: 'Application window added' });
    return redirectAfterSaving(request, response, `/frameworks/${id}#application-windows`);
  }

  @Post(':id/windows/:windowId/remove')
  async removeWindow(
    @Param('id', RouteIdPipe) id: string,
    @Param('windowId', RouteIdPipe) windowId: string,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    await this.frameworks.removeWindow(user, id, windowId);
    setFlash(request, { heading: 'Application window removed' });
    return redirectAfterSaving(request, response, `/frameworks/${id}#application-windows`);
  }

  async windowModel(request: Request) {
    const detail = await this.frameworks.detail(signedInUser(request), routeId(request));
    if (detail.framework.route !== 'open_framework' || detail.framework.status === 'closed') throw new NotFoundException();
    return {
      framework: detail.framework,
      formValues: (request.method === 'POST' ? request.body : undefined) ?? {},
      termText: `${formatIsoDate(detail.framework.opensOn)} to ${formatIsoDate(detail.framework.closesOn)}`,
    };
  }

  /** The set-up form: new, edit, or re-rendered with errors. */
  async formModel(request: Request) {
    const user = signedInUser(request);
    const id = optionalRouteId(request);
    const { agencies, areas, therapyTypes } = await this.frameworks.formOptions(user, id);
    let values: Record<string, unknown> = (request.method === 'POST' ? request.body : undefined) ?? {};
    let framework;
    if (id) {
      const detail = await this.frameworks.detail(user, id);
      framework = detail.framework;
      if (request.method !== 'POST') {
        values = {
          ...framework,
          opensOn: toDateParts(framework.opensOn),
          closesOn: toDateParts(framework.closesOn),
          agencyIds: detail.agencies.map((agency) => agency.id),
          therapyTypeIds: detail.lots.map((lot) => lot.id),
          areaIds: detail.areas.map((area) => area.id),
        };
      }
    }
    return {
      framework,
      action: id ? `/frameworks/${id}/edit` : '/frameworks/new',
      formValues: values,
      routeItems: PROCUREMENT_ROUTES.map((route) => ({
        value: route,
        text: ROUTE_LABELS[route].name,
        hint: {
          text: `${[`${ROUTE_LABELS[route].law}.`, routeAvailabilityText(route)].filter(Boolean).join(' ')} Defaults: decide applications in ${ROUTE_DEFAULTS[route].decisionClockDays} working days, at least ${ROUTE_DEFAULTS[route].minimumBidPeriodDays} days for bids, ${ROUTE_DEFAULTS[route].standstillDays || 'no'} working days’ standstill.`,
        },
      })),
      agencyItems: agencies.map((agency) => ({ value: agency.id, text: agency.name })),
      therapyTypeItems: therapyTypes.map((type) => ({ value: type.id, text: type.name, hint: type.asgsfEligible ? { text: 'ASGSF eligible' } : undefined })),
      areaGroups: areaCheckboxGroups(agencies, areas),
      selected: { agencyIds: asArray(values.agencyIds), therapyTypeIds: asArray(values.therapyTypeIds), areaIds: asArray(values.areaIds) },
    };
  }

  async conditionModel(request: Request) {
    const user = signedInUser(request);
    const detail = await this.frameworks.detail(user, routeId(request));
    const conditionId = optionalRouteId(request, 'conditionId');
    let values: Record<string, unknown> = (request.method === 'POST' ? request.body : undefined) ?? {};
    if (conditionId && request.method !== 'POST') {
      const condition = await this.frameworks.getCondition(user, detail.framework.id, conditionId);
      values = {
        ...condition,
        wordLimit: condition.wordLimit ?? undefined,
        minimumScore: condition.minimumScore ?? undefined,
        maximumScore: condition.maximumScore ?? undefined,
        lotScope: condition.lotTherapyTypeIds.length ? 'specific' : 'all',
      };
    }
    return {
      framework: detail.framework,
      action: conditionId ? `/frameworks/${detail.framework.id}/conditions/${conditionId}/edit` : `/frameworks/${detail.framework.id}/conditions/new`,
      isEdit: !!conditionId,
      formValues: values,
      answerTypeItems: Object.entries(ANSWER_TYPE_LABELS).map(([value, text]) => ({ value, text })),
      judgementItems: Object.entries(JUDGEMENT_LABELS).map(([value, text]) => ({ value, text })),
      lotItems: detail.lots.map((lot) => ({ value: lot.id, text: lot.name })),
      selectedLots: asArray(values.lotTherapyTypeIds),
    };
  }
}
