import { Body, Controller, Get, Post, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Roles } from '../common/auth/access.decorators';
import { isoDate } from '../common/forms/date-parts';
import { FormPage } from '../common/forms/form-page.decorator';
import { pence } from '../common/forms/number-fields';
import { redirectAfterSaving, setFlash } from '../common/http/flash';
import { formatIsoDate, formatPence } from '../common/views/format';
import { FairAccessLimitForm, LIMIT_STRUCTURES } from './dto/fair-access-limit.form';
import { FairAccessLimitsService } from './fair-access-limits.service';

const money = (amount: number | null) => (amount === null ? '' : formatPence(amount));

@Controller('admin/fair-access-limits')
@Roles('system_admin')
export class FairAccessLimitsController {
  constructor(private readonly limits: FairAccessLimitsService) {}

  @Get()
  @Render('fair-access-limits/index')
  index() {
    return this.model();
  }

  @Post()
  @FormPage('fair-access-limits/index', 'model')
  async add(@Body() form: FairAccessLimitForm, @Req() request: Request, @Res() response: Response) {
    const combined = form.structure === 'combined';
    const appliesFrom = isoDate(form.appliesFrom);
    await this.limits.add({
      appliesFrom,
      combinedLimitPence: combined ? pence(form.combinedLimit) : null,
      therapyLimitPence: combined ? null : pence(form.therapyLimit),
      assessmentLimitPence: form.assessmentLimit?.trim() ? pence(form.assessmentLimit) : null,
      completeWithinYear: form.completeWithinYear === 'yes',
      description: form.description.trim(),
    });
    setFlash(request, { heading: `The fair access limit from ${formatIsoDate(appliesFrom)} has been added` });
    return redirectAfterSaving(request, response, '/admin/fair-access-limits');
  }

  async model() {
    const { limits, inForce } = await this.limits.list();
    return {
      rows: limits.map((limit) => [
        { text: formatIsoDate(limit.appliesFrom) },
        { text: money(limit.combinedLimitPence), format: 'numeric' },
        { text: money(limit.therapyLimitPence), format: 'numeric' },
        { text: money(limit.assessmentLimitPence), format: 'numeric' },
        { text: limit.completeWithinYear ? 'Yes' : 'No' },
        { text: limit.description },
        { text: limit.id === inForce?.id ? 'In force' : limit.appliesFrom > (inForce?.appliesFrom ?? '') ? 'Future' : 'Replaced' },
      ]),
      inForce: inForce
        ? `${inForce.combinedLimitPence !== null ? `${formatPence(inForce.combinedLimitPence)} for therapy and assessment together` : `${money(inForce.therapyLimitPence)} for therapy and ${money(inForce.assessmentLimitPence)} for assessment`}, from ${formatIsoDate(inForce.appliesFrom)}`
        : 'None',
      structureItems: Object.entries(LIMIT_STRUCTURES).map(([value, text]) => ({ value, text })),
      yesNoItems: [
        { value: 'yes', text: 'Yes' },
        { value: 'no', text: 'No' },
      ],
    };
  }
}
