import { Body, Controller, Get, Header, Param, Post, Render, Req, Res } from '@nestjs/common';
import { RouteIdPipe } from '../common/http/route-id.pipe';
import type { Request, Response } from 'express';
import { CurrentUser, Roles } from '../common/auth/access.decorators';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { FormPage } from '../common/forms/form-page.decorator';
import { asArray } from '../common/forms/form-transforms';
import { redirectAfterSaving, setFlash } from '../common/http/flash';
import { toCsv } from '../common/http/csv';
import { formatIsoDate, formatPence } from '../common/views/format';
import { LearningForm, MeetingForm, MinutesForm, PanelRequestDecisionForm } from './dto/meeting-forms';
import { MeetingsService } from './meetings.service';
import { PROFESSIONS } from './quorum';
import { PANEL_OUTCOMES, PANEL_REQUEST_KINDS, PanelOutcome } from './panel-requests';
import type { PanelRequestItem } from './meetings.service';
import { routeId, signedInUser } from '../common/http/route-inputs';

@Controller('panel/meetings')
@Roles('panel_member')
export class MeetingsController {
  constructor(private readonly meetings: MeetingsService) {}

  @Get()
  @Render('panel/meetings')
  index(@Req() request: Request) {
    return this.indexModel(request);
  }

  async indexModel(request: Request) {
    const view = await this.meetings.list(signedInUser(request));
    return {
      ...view,
      meetings: view.meetings.map((meeting) => ({ ...meeting, dateText: formatIsoDate(meeting.meetingDate) })),
      attendeeItems: view.members.map((member) => ({
        value: member.id,
        text: member.fullName,
        hint: { text: `${PROFESSIONS[member.profession]}, ${member.agencyName}` },
      })),
      selectedAttendees: asArray(request.method === 'POST' ? request.body?.attendeeMemberIds : []),
    };
  }

  @Post()
  @FormPage('panel/meetings', 'indexModel')
  async create(@Body() form: MeetingForm, @CurrentUser() user: SignedInUser, @Req() request: Request, @Res() response: Response) {
    const meeting = await this.meetings.create(user, form);
    setFlash(request, { heading: 'Meeting recorded' });
    return redirectAfterSaving(request, response, `/panel/meetings/${meeting.id}`);
  }

  @Get('learning-log.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="learning-log.csv"')
  async learningLog(@CurrentUser() user: SignedInUser) {
    const entries = await this.meetings.learningLog(user);
    return toCsv(
      ['Meeting date', 'Theme', 'What was learned', 'Action', 'Owner'],
      entries.map((entry) => [entry.meetingDate, entry.theme, entry.learned, entry.action, entry.owner]),
    );
  }

  @Get(':id')
  @Render('panel/meeting')
  show(@Req() request: Request) {
    return this.showModel(request);
  }

  async showModel(request: Request) {
    const view = await this.meetings.detail(signedInUser(request), routeId(request));
    return {
      ...view,
      dateText: formatIsoDate(view.meeting.meetingDate),
      quorate: view.quorumProblems.length === 0,
      attendeeRows: view.attendees.map((attendee) => ({
        key: { text: attendee.fullName },
        value: { text: `${PROFESSIONS[attendee.profession]}, ${attendee.agencyName}` },
      })),
      agenda: view.agenda.map((item) => ({ ...item, block: item.purchase_type === 'block', overLimit: item.agency_funded_pence > 0 })),
      fundingRequests: view.fundingRequests.map((request) => ({ ...request, excessText: formatPence(request.excessPence) })),
      panelRequests: view.panelRequests.map(requestView),
      minutesValue: request.method === 'POST' && request.path.endsWith('/minutes') ? request.body?.minutes : view.meeting.minutes,
    };
  }

  @Post(':id/minutes')
  @FormPage('panel/meeting', 'showModel')
  async minutes(
    @Param('id', RouteIdPipe) id: string,
    @Body() form: MinutesForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    await this.meetings.saveMinutes(user, id, form.minutes);
    setFlash(request, { heading: 'Minutes saved' });
    return redirectAfterSaving(request, response, `/panel/meetings/${id}`);
  }

  @Post(':id/learning')
  @FormPage('panel/meeting', 'showModel')
  async learning(
    @Param('id', RouteIdPipe) id: string,
    @Body() form: LearningForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    await this.meetings.addLearning(user, id, form);
    setFlash(request, { heading: 'Added to the learning log' });
    return redirectAfterSaving(request, response, `/panel/meetings/${id}#learning`);
  }

  @Get(':id/requests/:requestId')
  @Render('panel/request-decision')
  requestPage(@Req() request: Request) {
    return this.requestModel(request);
  }

  async requestModel(request: Request) {
    const view = await this.meetings.request(signedInUser(request), routeId(request), routeId(request, 'requestId'));
    return {
      meeting: view.meeting,
      dateText: formatIsoDate(view.meeting.meetingDate),
      isChair: view.isChair,
      request: requestView(view.request),
      open: view.request.status === 'pending' || view.request.status === 'deferred',
      outcomeItems: Object.entries(PANEL_OUTCOMES).map(([value, text]) => ({ value, text })),
    };
  }

  @Post(':id/requests/:requestId')
  @FormPage('panel/request-decision', 'requestModel')
  async decideRequest(
    @Param('id', RouteIdPipe) id: string,
    @Param('requestId', RouteIdPipe) requestId: string,
    @Body() form: PanelRequestDecisionForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    await this.meetings.decideRequest(user, id, requestId, { outcome: form.outcome as PanelOutcome, rationale: form.rationale });
    setFlash(request, { heading: `Decision recorded: ${PANEL_OUTCOMES[form.outcome as PanelOutcome].toLowerCase()}` });
    return redirectAfterSaving(request, response, `/panel/meetings/${id}#requests`);
  }
}

const requestView = (item: PanelRequestItem & { quorumProblems?: string[] }) => ({
  ...item,
  kindText: item.kind === 'excess_funding' ? `${PANEL_REQUEST_KINDS.excess_funding}: ${formatPence(item.excessPence)}` : PANEL_REQUEST_KINDS.block_purchase,
  statusText: item.status === 'pending' ? 'Waiting for a decision' : PANEL_OUTCOMES[item.status],
});
