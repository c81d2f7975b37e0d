import { Body, Controller, Get, Param, Post, Query, Render, Req, Res } from '@nestjs/common';
import { RouteIdPipe } from '../common/http/route-id.pipe';
import type { Request, Response } from 'express';
import { CurrentUser, Roles } from '../common/auth/access.decorators';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { londonDate } from '../common/calendar/working-days';
import { FormPage } from '../common/forms/form-page.decorator';
import { redirectAfterSaving, setFlash } from '../common/http/flash';
import { parsePageRequest } from '../common/http/pagination';
import { formatIsoDate } from '../common/views/format';
import type { DebarmentEntry } from './debarment-entry.entity';
import { entryInForce } from './debarment-rules';
import { DebarmentService } from './debarment.service';
import { DebarmentEntryForm, EndDebarmentEntryForm } from './dto/debarment-forms';
import { routeId, signedInUser } from '../common/http/route-inputs';

const KIND_TEXT = { mandatory: 'Mandatory', discretionary: 'Discretionary' };

function entryView(entry: DebarmentEntry, today: string) {
  const inForce = entryInForce(entry, today);
  return {
    ...entry,
    kindText: KIND_TEXT[entry.groundKind],
    addedText: formatIsoDate(entry.addedOn),
    endsText: formatIsoDate(entry.endsOn),
    endedText: formatIsoDate(entry.endedOn),
    inForce,
    tag: inForce
      ? { text: 'On the list', classes: 'govuk-tag--red' }
      : entry.addedOn > today && !entry.endedOn
        ? { text: 'Not yet in force', classes: 'govuk-tag--yellow' }
        : { text: 'Ended', classes: 'govuk-tag--grey' },
    canEnd: !entry.endedOn && entry.endsOn > today,
  };
}

/** The partnership's copy of the debarment list (PA 2023 s.62), for its framework managers only. */
@Controller('debarment')
@Roles('framework_manager')
export class DebarmentController {
  constructor(private readonly debarment: DebarmentService) {}

  @Get()
  @Render('debarment/index')
  async index(@CurrentUser() user: SignedInUser, @Query('page') page: unknown) {
    const list = await this.debarment.list(user, parsePageRequest(page));
    const today = londonDate(new Date());
    return { page: list, rows: list.rows.map((entry) => entryView(entry, today)) };
  }

  @Get('new')
  @Render('debarment/new')
  newPage() {
    return {};
  }

  @Post('new')
  @FormPage('debarment/new')
  async add(@Body() form: DebarmentEntryForm, @CurrentUser() user: SignedInUser, @Req() request: Request, @Res() response: Response) {
    const entry = await this.debarment.add(user, form);
    setFlash(request, { heading: 'Entry added', body: `${entry.supplierName} is on the partnership’s copy of the debarment list.` });
    return redirectAfterSaving(request, response, `/debarment/${entry.id}`);
  }

  @Get(':id')
  @Render('debarment/show')
  show(@Req() request: Request) {
    return this.showModel(request);
  }

  async showModel(request: Request) {
    const entry = await this.debarment.get(signedInUser(request), routeId(request));
    return { entry: entryView(entry, londonDate(new Date())) };
  }

  @Post(':id/end')
  @FormPage('debarment/show', 'showModel')
  async end(
    @Param('id', RouteIdPipe) id: string,
    @Body() form: EndDebarmentEntryForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    await this.debarment.end(user, id, form.reason);
    setFlash(request, { heading: 'Entry ended' });
    return redirectAfterSaving(request, response, `/debarment/${id}`);
  }
}
