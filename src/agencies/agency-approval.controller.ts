import { Body, Controller, Get, Param, Post, Render, Req, Res } from '@nestjs/common';
import { RouteIdPipe } from '../common/http/route-id.pipe';
import type { Request, Response } from 'express';
import { Roles } from '../common/auth/access.decorators';
import { FormPage } from '../common/forms/form-page.decorator';
import { redirectAfterSaving, setFlash } from '../common/http/flash';
import { AgencyApprovalService } from './agency-approval.service';
import { AgencyApprovalForm } from './dto/agency-approval.form';
import { routeId } from '../common/http/route-inputs';

/** Issue 22: whether an agency's requirements need approving before they are published. */
@Controller('admin/agencies/:id/approval')
@Roles('system_admin')
export class AgencyApprovalController {
  constructor(private readonly approval: AgencyApprovalService) {}

  @Get()
  @Render('agencies/approval')
  page(@Req() request: Request) {
    return this.model(request);
  }

  async model(request: Request) {
    const agency = await this.approval.get(routeId(request));
    return {
      agency,
      current: agency.publishApprovalRequired ? 'yes' : 'no',
      items: [
        {
          value: 'yes',
          text: 'Yes, a second person approves each requirement',
          hint: { text: 'Another commissioner of the agency, or a framework manager of the partnership, not the author' },
        },
        { value: 'no', text: 'No, the commissioner publishes it' },
      ],
    };
  }

  @Post()
  @FormPage('agencies/approval', 'model')
  async save(@Param('id', RouteIdPipe) id: string, @Body() form: AgencyApprovalForm, @Req() request: Request, @Res() response: Response) {
    await this.approval.set(id, form.required === 'yes');
    setFlash(request, {
      heading: form.required === 'yes' ? 'Requirements now need approval before publishing' : 'Requirements no longer need approval before publishing',
    });
    return redirectAfterSaving(request, response, `/admin/agencies/${id}/approval`);
  }
}
