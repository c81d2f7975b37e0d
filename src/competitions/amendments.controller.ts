import { Body, Controller, Get, Param, Post, Render, Req, Res } from '@nestjs/common';
import { RouteIdPipe } from '../common/http/route-id.pipe';
import type { Request, Response } from 'express';
import { CurrentUser, Roles } from '../common/auth/access.decorators';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { londonTime } from '../common/calendar/london-time';
import { londonDate } from '../common/calendar/working-days';
import { toDateParts } from '../common/forms/date-parts';
import { FormPage } from '../common/forms/form-page.decorator';
import { redirectAfterSaving, setFlash } from '../common/http/flash';
import { formatDateTime } from '../common/views/format';
import { AmendmentsService, questionField, weightField } from './amendments.service';
import { AmendmentForm } from './dto/amendment.form';
import type { Requirement } from './requirement.entity';
import { routeId, signedInUser } from '../common/http/route-inputs';

/** Issue 22: the commissioner amends a live requirement; an invited provider confirms its bid stands after a material change. */
@Controller()
export class AmendmentsController {
  constructor(private readonly amendments: AmendmentsService) {}

  @Get('requirements/:id/amendments/new')
  @Roles('commissioner')
  @Render('competitions/amend')
  newPage(@Req() request: Request) {
    return this.formModel(request);
  }

  async formModel(request: Request) {
    const requirement = await this.amendments.amendable(signedInUser(request), routeId(request));
    return {
      requirement,
      formValues: request.method === 'POST' ? request.body : this.savedValues(requirement),
      deadlineText: formatDateTime(requirement.bidDeadline),
      criterionRows: requirement.criteria.map((criterion, index) => ({
        number: index + 1,
        questionField: questionField(index),
        weightField: weightField(index),
        wordLimit: criterion.wordLimit,
      })),
    };
  }

  private savedValues(requirement: Requirement) {
    return {
      clarificationDeadline: toDateParts(londonDate(requirement.clarificationDeadline!)),
      clarificationTime: londonTime(requirement.clarificationDeadline!),
      bidDeadline: toDateParts(londonDate(requirement.bidDeadline!)),
      bidTime: londonTime(requirement.bidDeadline!),
      sessionCount: String(requirement.sessionCount ?? ''),
      sessionMinutes: String(requirement.sessionMinutes ?? ''),
      startBy: toDateParts(requirement.startBy),
      durationWeeks: String(requirement.durationWeeks ?? ''),
      ceiling: requirement.ceilingPence === null ? '' : (requirement.ceilingPence / 100).toFixed(2),
      priceWeight: String(requirement.priceWeight ?? ''),
      ...Object.fromEntries(
        requirement.criteria.flatMap((criterion, index) => [
          [questionField(index), criterion.question],
          [weightField(index), String(criterion.weight)],
        ]),
      ),
    };
  }

  @Post('requirements/:id/amendments/new')
  @Roles('commissioner')
  @FormPage('competitions/amend', 'formModel')
  async amend(
    @Param('id', RouteIdPipe) id: string,
    @Body() form: AmendmentForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const { number, emails, material } = await this.amendments.amend(user, id, form, request.body as Record<string, unknown>);
    setFlash(request, {
      heading: `Amendment ${number} published`,
      body: `${emails} ${emails === 1 ? 'person was' : 'people were'} emailed.${material ? ' Providers who had already submitted a bid are asked to confirm it or submit it again.' : ''}`,
    });
    return redirectAfterSaving(request, response, `/requirements/${id}#changes`);
  }

  @Post('provider/opportunities/:id/amendments/confirm')
  @Roles('provider_user')
  async confirm(@Param('id', RouteIdPipe) id: string, @CurrentUser() user: SignedInUser, @Req() request: Request, @Res() response: Response) {
    const number = await this.amendments.confirm(user, id);
    setFlash(request, { heading: 'Bid confirmed', body: `Your bid stands as submitted, taking account of amendment ${number}.` });
    return redirectAfterSaving(request, response, `/provider/opportunities/${id}`);
  }
}
