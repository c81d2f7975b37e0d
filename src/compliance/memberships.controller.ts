import { Body, Controller, Get, Param, Post, Render, Req, Res } from '@nestjs/common';
import { RouteIdPipe } from '../common/http/route-id.pipe';
import type { Request, Response } from 'express';
import { CurrentUser, Roles } from '../common/auth/access.decorators';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { FormPage } from '../common/forms/form-page.decorator';
import { redirectAfterSaving, setFlash } from '../common/http/flash';
import { parsePageRequest } from '../common/http/pagination';
import { ComplianceService } from './compliance.service';
import { MembershipReasonForm } from './dto/membership-forms';
import { MarketService } from './market.service';
import { MembershipsService } from './memberships.service';
import { routeId, signedInUser } from '../common/http/route-inputs';

@Controller()
@Roles('framework_manager')
export class MembershipsController {
  constructor(
    private readonly market: MarketService,
    private readonly memberships: MembershipsService,
    private readonly compliance: ComplianceService,
  ) {}

  @Get('memberships')
  @Render('memberships/index')
  index(@Req() request: Request) {
    return this.indexModel(request);
  }

  async indexModel(request: Request) {
    const user = signedInUser(request);
    const [matrix, page] = await Promise.all([this.market.matrix(user), this.market.memberships(user, parsePageRequest(request.query.page))]);
    return { matrix, page };
  }

  @Get('memberships/:id/suspend')
  @Render('memberships/reason')
  suspendPage(@Param('id', RouteIdPipe) _id: string, @Req() request: Request) {
    return this.reasonModel(request);
  }

  @Get('memberships/:id/remove')
  @Render('memberships/reason')
  removePage(@Param('id', RouteIdPipe) _id: string, @Req() request: Request) {
    return this.reasonModel(request);
  }

  async reasonModel(request: Request) {
    const action = request.originalUrl.split('?')[0].endsWith('/remove') ? 'remove' : 'suspend';
    return {
      membership: await this.market.membership(signedInUser(request), routeId(request)),
      action,
      verb: action === 'remove' ? 'Remove' : 'Suspend',
    };
  }

  @Post('memberships/:id/suspend')
  @FormPage('memberships/reason', 'reasonModel')
  async suspend(
    @Param('id', RouteIdPipe) id: string,
    @Body() form: MembershipReasonForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    await this.memberships.change(user, id, 'suspended', form.reason);
    setFlash(request, { heading: 'Membership suspended', body: 'We have emailed the provider.' });
    return redirectAfterSaving(request, response, '/memberships');
  }

  @Post('memberships/:id/reinstate')
  async reinstate(@Param('id', RouteIdPipe) id: string, @CurrentUser() user: SignedInUser, @Req() request: Request, @Res() response: Response) {
    await this.memberships.change(user, id, 'active', 'Reinstated by the framework manager');
    setFlash(request, { heading: 'Membership reinstated', body: 'We have emailed the provider.' });
    return redirectAfterSaving(request, response, '/memberships');
  }

  @Post('memberships/:id/remove')
  @FormPage('memberships/reason', 'reasonModel')
  async remove(
    @Param('id', RouteIdPipe) id: string,
    @Body() form: MembershipReasonForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    await this.memberships.change(user, id, 'removed', form.reason);
    setFlash(request, { heading: 'Membership removed' });
    return redirectAfterSaving(request, response, '/memberships');
  }

  /** Runs the compliance check now, rather than waiting for the hourly run. */
  @Post('compliance/run')
  async runCompliance(@Req() request: Request, @Res() response: Response) {
    const result = await this.compliance.run();
    setFlash(
      request,
      result
        ? {
            heading: 'Compliance check finished',
            body: `${result.reminders} reminders sent, ${result.suspended} memberships suspended, ${result.reinstated} reinstated.`,
          }
        : { heading: 'A compliance check is already running', body: 'Try again in a minute.' },
    );
    return redirectAfterSaving(request, response, '/memberships');
  }
}
