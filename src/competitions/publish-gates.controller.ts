import { Body, Controller, Get, Param, Post, Render, Req, Res } from '@nestjs/common';
import { RouteIdPipe } from '../common/http/route-id.pipe';
import type { Request, Response } from 'express';
import { CurrentUser, Roles } from '../common/auth/access.decorators';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { FormPage } from '../common/forms/form-page.decorator';
import { redirectAfterSaving, setFlash } from '../common/http/flash';
import { formatDateTime } from '../common/views/format';
import { ApprovalDecisionForm } from './dto/publish-gate-forms';
import { PublishGateActionsService } from './publish-gate-actions.service';
import type { PublishGate } from './publish-blockers';
import { requirementCards } from './requirement-view';
import { routeId, signedInUser } from '../common/http/route-inputs';

/**
 * The steps before publishing (issues 19 and 22): sending a draft for
 * approval, the approver's queue and decision, and asking the panel.
 * Registered before RequirementsController so /requirements/approvals is not read as an id.
 */
@Controller('requirements')
export class PublishGatesController {
  constructor(private readonly actions: PublishGateActionsService) {}

  @Get('approvals')
  @Roles('commissioner', 'framework_manager')
  @Render('competitions/approvals')
  async queue(@CurrentUser() user: SignedInUser) {
    const rows = await this.actions.queue(user);
    return { rows: rows.map((row) => ({ ...row, requestedText: formatDateTime(row.requestedAt) })) };
  }

  @Get('approvals/:id')
  @Roles('commissioner', 'framework_manager')
  @Render('competitions/approval')
  reviewPage(@Req() request: Request) {
    return this.reviewModel(request);
  }

  async reviewModel(request: Request) {
    const { requirement, gates, own } = await this.actions.forApprover(signedInUser(request), routeId(request));
    return {
      requirement,
      own,
      waiting: requirement.status === 'draft' && gates.approval.state === 'waiting',
      gates: gateTasks(gates.gates),
      cards: requirementCards(requirement, { includeFunding: true }),
      outcomeItems: [
        { value: 'approved', text: 'Approve it for publishing' },
        { value: 'returned', text: 'Return it to the commissioner with comments' },
      ],
    };
  }

  @Post('approvals/:id')
  @Roles('commissioner', 'framework_manager')
  @FormPage('competitions/approval', 'reviewModel')
  async decide(
    @Param('id', RouteIdPipe) id: string,
    @Body() form: ApprovalDecisionForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    await this.actions.decide(user, id, { outcome: form.outcome as 'approved' | 'returned', comments: form.comments });
    setFlash(request, { heading: form.outcome === 'approved' ? 'Requirement approved for publishing' : 'Requirement returned with your comments' });
    return redirectAfterSaving(request, response, '/requirements/approvals');
  }

  @Post(':id/approval-request')
  @Roles('commissioner')
  async requestApproval(@Param('id', RouteIdPipe) id: string, @CurrentUser() user: SignedInUser, @Req() request: Request, @Res() response: Response) {
    await this.actions.requestApproval(user, id);
    setFlash(request, { heading: 'Sent for approval', body: 'A second commissioner or a framework manager will approve it or return it with comments.' });
    return redirectAfterSaving(request, response, `/requirements/${id}`);
  }

  @Post(':id/panel-request')
  @Roles('commissioner')
  async askPanel(@Param('id', RouteIdPipe) id: string, @CurrentUser() user: SignedInUser, @Req() request: Request, @Res() response: Response) {
    await this.actions.askPanel(user, id);
    setFlash(request, { heading: 'Sent to the panel', body: 'It is on the agenda for the next panel meeting.' });
    return redirectAfterSaving(request, response, `/requirements/${id}`);
  }
}

/** The steps before publishing as GOV.UK task list items. */
export const gateTasks = (gates: PublishGate[]) => gates.map((gate) => ({ title: { text: gate.title }, hint: { text: gate.hint }, status: gate.status }));
