import { Body, Controller, Get, Param, Post, Query, Render, Req, Res } from '@nestjs/common';
import { RouteIdPipe } from '../common/http/route-id.pipe';
import type { Request, Response } from 'express';
import { CurrentUser, Roles } from '../common/auth/access.decorators';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { londonDate } from '../common/calendar/working-days';
import { toDateParts } from '../common/forms/date-parts';
import { FormPage } from '../common/forms/form-page.decorator';
import { redirectAfterSaving, setFlash } from '../common/http/flash';
import { parsePageRequest } from '../common/http/pagination';
import { formatDate, formatDateTime, formatIsoDate } from '../common/views/format';
import { REQUIREMENT_STATUS_TAGS } from '../competitions/requirement-lifecycle';
import { Capacity, CAPACITY_LABELS, DECLARATION_ITEMS as declarationItems, mitigationText } from './conflict-rules';
import { ConflictsService } from './conflicts.service';
import { AmendDeclarationForm } from './dto/amend-declaration.form';
import { routeId, signedInUser } from '../common/http/route-inputs';

const capacityText = (capacities: readonly Capacity[]) => capacities.map((capacity) => CAPACITY_LABELS[capacity]).join(', ');

/** Where a person goes once declared: to the bids they act on. */
function nextPage(capacities: readonly Capacity[], requirementId: string): string {
  if (capacities.includes('panel_member')) return `/panel/requirements/${requirementId}`;
  if (capacities.includes('commissioner')) return `/requirements/${requirementId}/bids`;
  return `/conflicts/requirements/${requirementId}`;
}

/**
 * Conflicts of interest on a requirement, for everyone who acts on it
 * (BR-9, PA 2023 ss.81-83): the conflicts assessment, the declaration
 * before seeing any bid, and amendments.
 */
@Controller('conflicts')
@Roles('commissioner', 'framework_manager', 'panel_member')
export class ConflictsController {
  constructor(private readonly conflicts: ConflictsService) {}

  /** Every requirement the person acts on whose bids have opened, with its declarations and conflicts. */
  @Get()
  @Render('conflicts/index')
  async index(@CurrentUser() user: SignedInUser, @Query('page') page: string) {
    const results = await this.conflicts.register(user, parsePageRequest(page));
    return {
      page: results,
      rows: results.rows.map((row) => ({
        ...row,
        deadlineText: formatDateTime(row.bid_deadline),
        tag: REQUIREMENT_STATUS_TAGS[(row.status === 'published' ? 'closed' : row.status) as keyof typeof REQUIREMENT_STATUS_TAGS],
      })),
    };
  }

  @Get('requirements/:id')
  @Render('conflicts/assessment')
  async assessment(@Param('id', RouteIdPipe) id: string, @CurrentUser() user: SignedInUser) {
    const view = await this.conflicts.assessment(user, id);
    const versionsOf = (declarationId: string) => view.versions.filter((version) => version.declarationId === declarationId);
    return {
      requirement: view.requirement,
      biddersKnown: view.biddersKnown,
      deadlineText: formatDateTime(view.requirement.bidDeadline),
      declaredByMe: view.mine.length > 0,
      conflictCount: view.declarations.filter((declaration) => declaration.conflicted).length,
      backLink: nextPage(view.capacities, id),
      rows: view.declarations.map((declaration) => ({
        ...declaration,
        capacityText: capacityText(declaration.capacities),
        declarationText: declaration.conflicted ? `Conflict: ${declaration.nature}` : 'No conflict',
        declaredText: formatDate(declaration.declaredAt),
        mitigation: mitigationText(declaration.conflicted, declaration.capacities),
        amendments: versionsOf(declaration.id)
          .filter((version) => version.version > 1)
          .map((version) => ({
            text: `${formatIsoDate(version.changedOn)} (recorded ${formatDate(version.recordedAt)}): ${version.conflicted ? `conflict: ${version.nature}` : 'no conflict'}. Reason: ${version.reason}`,
            mitigation: version.mitigation,
          })),
        amendHref: declaration.userId === user.id ? `/conflicts/requirements/${id}/declarations/${declaration.id}/amend` : undefined,
      })),
      undeclared: view.undeclared.map((person) => ({ ...person, capacityText: CAPACITY_LABELS[person.capacity] })),
    };
  }

  @Get('requirements/:id/declare')
  @Render('conflicts/declare')
  declarePage(@Req() request: Request) {
    return this.declareModel(request);
  }

  async declareModel(request: Request) {
    const user = signedInUser(request);
    const id = routeId(request);
    const { context, bidders, declarations } = await this.conflicts.declarationPage(user, id);
    return {
      requirement: context.requirement,
      biddersKnown: context.biddersKnown,
      declared: declarations.length > 0,
      capacityText: capacityText(context.capacities),
      bidderFields: bidders.map((bidder) => ({
        ...bidder,
        field: `conflict-${bidder.providerId}`,
        natureField: `nature-${bidder.providerId}`,
        items: declarationItems,
      })),
    };
  }

  @Post('requirements/:id/declare')
  @FormPage('conflicts/declare', 'declareModel')
  async declare(
    @Param('id', RouteIdPipe) id: string,
    @Body() body: Record<string, unknown>,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const { conflicted, capacities } = await this.conflicts.declare(user, id, body);
    setFlash(
      request,
      conflicted
        ? { heading: 'Conflict recorded', body: 'You are excluded from this requirement’s bids.' }
        : { heading: 'Declaration recorded', body: 'You can now see the bids.' },
    );
    return redirectAfterSaving(request, response, conflicted ? `/conflicts/requirements/${id}` : nextPage(capacities, id));
  }

  @Get('requirements/:id/declarations/:declarationId/amend')
  @Render('conflicts/amend')
  amendPage(@Req() request: Request) {
    return this.amendModel(request);
  }

  async amendModel(request: Request) {
    const user = signedInUser(request);
    const { requirement, declaration, providerName } = await this.conflicts.ownDeclaration(user, routeId(request), routeId(request, 'declarationId'));
    return {
      requirement,
      declaration,
      providerName,
      currentText: declaration.conflicted ? `Conflict: ${declaration.nature}` : 'No conflict',
      values: request.method === 'POST' ? request.body : { changedOn: toDateParts(londonDate(new Date())) },
      decisionItems: [
        { value: 'none', text: 'No conflict of interest' },
        { value: 'conflict', text: 'I have a conflict of interest' },
      ],
    };
  }

  @Post('requirements/:id/declarations/:declarationId/amend')
  @FormPage('conflicts/amend', 'amendModel')
  async amend(
    @Param('id', RouteIdPipe) id: string,
    @Param('declarationId', RouteIdPipe) declarationId: string,
    @Body() form: AmendDeclarationForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const { conflicted } = await this.conflicts.amend(user, id, declarationId, form);
    setFlash(
      request,
      conflicted
        ? { heading: 'Declaration amended: conflict recorded', body: 'You are excluded from this requirement’s bids from now on.' }
        : { heading: 'Declaration amended' },
    );
    return redirectAfterSaving(request, response, `/conflicts/requirements/${id}`);
  }
}
