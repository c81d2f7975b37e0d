import { Body, Controller, Get, Param, Post, Render, Req, Res } from '@nestjs/common';
import { RouteIdPipe } from '../common/http/route-id.pipe';
import type { Request, Response } from 'express';
import { CurrentUser, Roles } from '../common/auth/access.decorators';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { isoDate } from '../common/forms/date-parts';
import { FormPage } from '../common/forms/form-page.decorator';
import { redirectAfterSaving, setFlash } from '../common/http/flash';
import { formatIsoDate, formatPence } from '../common/views/format';
import { NOTICE_NAMES, NOTICE_SOURCES, noticeTask } from './contract-law';
import { NoticePublishedForm } from './dto/contract-forms';
import { NoticesService } from './notices.service';
import { routeId, signedInUser } from '../common/http/route-inputs';

/** A notice due for a contract, and recording that it is published (issue 18). */
@Controller('notices')
export class NoticesController {
  constructor(private readonly notices: NoticesService) {}

  @Get(':id')
  @Roles('commissioner')
  @Render('notices/show')
  show(@Req() request: Request) {
    return this.showModel(request);
  }

  async showModel(request: Request) {
    const { notice } = await this.notices.detail(signedInUser(request), routeId(request));
    const name = NOTICE_NAMES[notice.type];
    return {
      notice,
      heading: name[0].toUpperCase() + name.slice(1),
      task: noticeTask(notice.type, notice.dueOn, formatIsoDate),
      backLink: notice.contractId ? `/contracts/${notice.contractId}` : `/requirements/${notice.requirementId}`,
      published: !!notice.publishedOn,
      rows: [
        { key: { text: 'Requirement' }, value: { text: notice.requirement!.title } },
        { key: { text: 'Supplier' }, value: { text: notice.provider!.name } },
        { key: { text: 'Value without VAT' }, value: { text: formatPence(notice.valuePence) } },
        { key: { text: 'Value including VAT' }, value: { text: formatPence(notice.valueIncludingVatPence) } },
        { key: { text: 'Due' }, value: { text: notice.dueOn ? `By ${formatIsoDate(notice.dueOn)}` : 'Before the contract is entered into' } },
        { key: { text: 'Required by' }, value: { text: NOTICE_SOURCES[notice.type] } },
        ...(notice.publishedOn ? [{ key: { text: 'Published' }, value: { text: formatIsoDate(notice.publishedOn) } }] : []),
      ],
    };
  }

  @Post(':id/publish')
  @Roles('commissioner')
  @FormPage('notices/show', 'showModel')
  async publish(
    @Param('id', RouteIdPipe) id: string,
    @Body() form: NoticePublishedForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const notice = await this.notices.publish(user, id, isoDate(form.publishedOn));
    setFlash(request, {
      heading: `${NOTICE_NAMES[notice.type][0].toUpperCase()}${NOTICE_NAMES[notice.type].slice(1)} recorded as published`,
      body: `Published on ${formatIsoDate(notice.publishedOn)}.`,
    });
    return redirectAfterSaving(request, response, notice.contractId ? `/contracts/${notice.contractId}` : `/requirements/${notice.requirementId}`);
  }
}
