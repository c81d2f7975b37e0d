import { Body, Controller, Get, Post, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Roles } from '../common/auth/access.decorators';
import { isoDate } from '../common/forms/date-parts';
import { FormPage } from '../common/forms/form-page.decorator';
import { pence } from '../common/forms/number-fields';
import { redirectAfterSaving, setFlash } from '../common/http/flash';
import { formatIsoDate, formatPence } from '../common/views/format';
import { ThresholdForm } from './dto/threshold.form';
import { THRESHOLD_KIND_NAMES, THRESHOLD_REGIME_NAMES, ThresholdsService } from './thresholds.service';

@Controller('admin/thresholds')
@Roles('system_admin')
export class ThresholdsController {
  constructor(private readonly thresholds: ThresholdsService) {}

  @Get()
  @Render('thresholds/index')
  index() {
    return this.model();
  }

  @Post()
  @FormPage('thresholds/index', 'model')
  async add(@Body() form: ThresholdForm, @Req() request: Request, @Res() response: Response) {
    await this.thresholds.add({
      regime: form.regime,
      kind: form.kind,
      pence: pence(form.amount)!,
      inForceFrom: isoDate(form.inForceFrom),
      source: form.source.trim(),
    });
    setFlash(request, {
      heading: `The ${THRESHOLD_KIND_NAMES[form.kind].toLowerCase()} threshold from ${formatIsoDate(isoDate(form.inForceFrom))} has been added`,
    });
    return redirectAfterSaving(request, response, '/admin/thresholds');
  }

  async model() {
    const { entries, knownThrough } = await this.thresholds.list();
    return {
      rows: entries.map((entry) => [
        { text: THRESHOLD_REGIME_NAMES[entry.regime] },
        { text: THRESHOLD_KIND_NAMES[entry.kind] },
        { text: formatIsoDate(entry.inForceFrom) },
        { text: formatPence(entry.pence), format: 'numeric' },
        { text: entry.source },
      ]),
      knownRows: Object.entries(knownThrough).map(([regime, date]) => ({
        key: { text: THRESHOLD_REGIME_NAMES[regime as keyof typeof THRESHOLD_REGIME_NAMES] },
        value: { text: `Known to ${formatIsoDate(date)}` },
      })),
      regimeItems: Object.entries(THRESHOLD_REGIME_NAMES).map(([value, text]) => ({ value, text })),
      kindItems: Object.entries(THRESHOLD_KIND_NAMES).map(([value, text]) => ({ value, text })),
    };
  }
}
