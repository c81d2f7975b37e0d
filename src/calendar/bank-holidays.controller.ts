import { BadRequestException, Body, Controller, Get, Post, Query, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Roles } from '../common/auth/access.decorators';
import { DIVISIONS } from '../common/calendar/bank-holidays';
import { londonDate } from '../common/calendar/working-days';
import { asArray } from '../common/forms/form-transforms';
import { FormPage } from '../common/forms/form-page.decorator';
import { redirectAfterSaving, setFlash } from '../common/http/flash';
import { formatIsoDate } from '../common/views/format';
import { BankHolidaysService } from './bank-holidays.service';
import { OneOffHolidayForm } from './dto/one-off-holiday.form';
import { DIVISION_NAMES } from './one-off-holiday-rules';

@Controller('admin/bank-holidays')
@Roles('system_admin')
export class BankHolidaysController {
  constructor(private readonly bankHolidays: BankHolidaysService) {}

  @Get()
  @Render('calendar/bank-holidays')
  async index(@Req() request: Request, @Query('year') rawYear: unknown) {
    if (rawYear !== undefined && (typeof rawYear !== 'string' || !/^\d{4}$/.test(rawYear))) throw new BadRequestException('Choose a year from the list');
    return this.model(request, rawYear === undefined ? Number(londonDate(new Date()).slice(0, 4)) : Number(rawYear));
  }

  @Post('new')
  @FormPage('calendar/bank-holidays', 'formModel')
  async add(@Body() form: OneOffHolidayForm, @Req() request: Request, @Res() response: Response) {
    const holiday = await this.bankHolidays.addOneOff(form);
    setFlash(request, { heading: `${holiday.name} on ${formatIsoDate(holiday.date)} has been added`, body: 'Working-day clocks that reach it now skip it.' });
    return redirectAfterSaving(request, response, `/admin/bank-holidays?year=${holiday.date.slice(0, 4)}`);
  }

  /** The page re-rendered with the refused form, showing this year's holidays. */
  async formModel(request: Request) {
    return this.model(request, Number(londonDate(new Date()).slice(0, 4)));
  }

  private async model(request: Request, year: number) {
    const { holidays, years, knownThrough } = await this.bankHolidays.year(year);
    const byDate = new Map<string, { date: string; name: string; divisions: string[] }>();
    for (const holiday of holidays) {
      const key = `${holiday.date} ${holiday.name}`;
      const row = byDate.get(key) ?? { date: holiday.date, name: holiday.name, divisions: [] };
      row.divisions.push(DIVISION_NAMES[holiday.division]);
      byDate.set(key, row);
    }
    const values: Record<string, unknown> = (request.method === 'POST' ? request.body : undefined) ?? {};
    return {
      year,
      rows: [...byDate.values()].map((row) => [{ text: formatIsoDate(row.date) }, { text: row.name }, { text: row.divisions.join(', ') }]),
      yearLinks: years.map((candidate) => ({ year: candidate, href: `/admin/bank-holidays?year=${candidate}`, current: candidate === year })),
      knownRows: knownThrough.map((known) => ({
        key: { text: DIVISION_NAMES[known.division] },
        value: { text: known.year ? `Known to the end of ${known.year}` : 'No holidays loaded' },
      })),
      formValues: values,
      divisionItems: DIVISIONS.map((division) => ({ value: division, text: DIVISION_NAMES[division] })),
      selectedDivisions: asArray(values.divisions),
    };
  }
}
