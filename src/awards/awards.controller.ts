import { Body, ConflictException, Controller, Get, Param, Post, Render, Req, Res } from '@nestjs/common';
import { RouteIdPipe } from '../common/http/route-id.pipe';
import type { Request, Response } from 'express';
import { CurrentUser, Roles } from '../common/auth/access.decorators';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { FormPage } from '../common/forms/form-page.decorator';
import { redirectAfterSaving, setFlash } from '../common/http/flash';
import { formatIsoDate, formatPence, formatPoints } from '../common/views/format';
import { DecisionForm, WithdrawAwardForm } from '../panel/dto/meeting-forms';
import { MeetingsService } from '../panel/meetings.service';
import { PanelService } from '../panel/panel.service';
import { AwardsService } from './awards.service';
import { routeId, signedInUser } from '../common/http/route-inputs';

const points = (value: number | undefined) => (value === undefined ? 'Not scored' : formatPoints(value));

/** The panel chair's decision, and each bidder's assessment summary. */
@Controller()
export class AwardsController {
  constructor(
    private readonly awards: AwardsService,
    private readonly panel: PanelService,
    private readonly meetings: MeetingsService,
  ) {}

  @Get('panel/requirements/:id/decision')
  @Roles('panel_member')
  @Render('panel/decision')
  decisionPage(@Req() request: Request) {
    return this.decisionModel(request);
  }

  async decisionModel(request: Request) {
    const user = signedInUser(request);
    const view = await this.panel.moderation(user, routeId(request));
    const meetings = await this.meetings.decisionMeetings(user, routeId(request));
    const leader = view.ranking.bids.find((bid) => bid.rank === 1);
    return {
      requirement: view.requirement,
      complete: view.ranking.complete,
      leaderName: leader ? view.bids.find((bid) => bid.bidId === leader.bidId)?.providerName : undefined,
      leaderTotal: leader ? points(leader.total) : undefined,
      meetingItems: [
        { value: '', text: 'Choose a meeting' },
        ...meetings.map((meeting) => ({
          value: meeting.id,
          text: `${formatIsoDate(meeting.meetingDate)}${!meeting.held ? ' (not yet held)' : meeting.quorate ? '' : ' (not quorate for this requirement)'}`,
        })),
      ],
      outcomeItems: [
        { value: 'awarded', text: 'Award to the highest-ranked bid' },
        { value: 'no_award', text: 'No award', hint: { text: 'For example, no compliant bids. The requirement goes back to the commissioner.' } },
      ],
    };
  }

  @Post('panel/requirements/:id/decision')
  @Roles('panel_member')
  @FormPage('panel/decision', 'decisionModel')
  async decide(
    @Param('id', RouteIdPipe) id: string,
    @Body() form: DecisionForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const award = await this.awards.decide(user, id, form);
    setFlash(request, {
      heading: award.outcome === 'awarded' ? 'Award recorded' : 'No award recorded',
      body:
        award.status === 'awaiting_notice'
          ? 'Every bidder has been sent their assessment summary. The commissioner now publishes the contract award notice; the contract follows it, after any standstill it needs.'
          : award.standstillEndsOn && award.status === 'standstill'
            ? `The standstill period ends on ${formatIsoDate(award.standstillEndsOn)}. Every bidder has been sent their assessment summary.`
            : 'Every bidder has been told.',
    });
    return redirectAfterSaving(request, response, '/panel/requirements');
  }

  @Get('panel/requirements/:id/withdraw-award')
  @Roles('panel_member')
  @Render('panel/withdraw-award')
  withdrawPage(@Req() request: Request) {
    return this.withdrawModel(request);
  }

  async withdrawModel(request: Request) {
    const view = await this.panel.overview(signedInUser(request), routeId(request));
    // Only an award still in its standstill can be withdrawn; one that is final has its contract.
    if (!view.awardInStandstill) throw new ConflictException('There is no award in its standstill period to withdraw');
    return view;
  }

  @Post('panel/requirements/:id/withdraw-award')
  @Roles('panel_member')
  @FormPage('panel/withdraw-award', 'withdrawModel')
  async withdraw(
    @Param('id', RouteIdPipe) id: string,
    @Body() form: WithdrawAwardForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    await this.awards.withdraw(user, id, form.reason);
    setFlash(request, { heading: 'Award withdrawn', body: 'The requirement is back with the panel to decide again.' });
    return redirectAfterSaving(request, response, `/panel/requirements/${id}`);
  }

  @Get('provider/opportunities/:id/outcome')
  @Roles('provider_user')
  @Render('opportunities/outcome')
  async outcome(@Param('id', RouteIdPipe) id: string, @CurrentUser() user: SignedInUser) {
    const summary = await this.awards.summary(user, id);
    return {
      ...summary,
      noAward: summary.award.outcome === 'no_award',
      rankText: summary.mine?.rank
        ? `${summary.mine.rank} of ${summary.compliantCount}`
        : summary.mine?.compliant
          ? 'Not ranked'
          : 'Not ranked: the bid was non-compliant',
      rows: summary.rows.map((row) => ({
        key: { text: `${row.question} (weight ${row.weight})` },
        mine: row.mine === undefined ? 'Not scored' : `${row.mine} of ${summary.requirement.scaleMax} (${points(row.mineWeighted)} points)`,
        winners: row.winners === undefined ? 'Not scored' : `${row.winners} of ${summary.requirement.scaleMax} (${points(row.winnersWeighted)} points)`,
      })),
      myPrice: summary.mine ? `${formatPence(summary.mine.totalPence)} (${points(summary.mine.priceScore)} points)` : '',
      winnersPrice: summary.winner ? `${formatPence(summary.winner.totalPence)} (${points(summary.winner.priceScore)} points)` : '',
      myTotal: points(summary.mine?.total),
      winnersTotal: points(summary.winner?.total),
      inStandstill: summary.award.status === 'standstill',
      standstillText: formatIsoDate(summary.award.standstillEndsOn),
    };
  }
}
