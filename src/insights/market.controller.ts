import { Controller, Get, NotFoundException, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../common/auth/access.decorators';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { toCsv } from '../common/http/csv';
import { formatDateTime, formatPence } from '../common/views/format';
import { financialYearLabel } from '../funding/funding-rules';
import { monthChoices, monthsBetween } from './market-filter';
import { MARKET_REPORTS, MarketReport, MarketService } from './market.service';
import { GAP_LEVEL_LABELS } from './statistics';
import { barChart, lineChart } from './svg-chart';
import { londonDate } from '../common/calendar/working-days';
import { MIN_PRICE_GROUP } from '../bids/sealed-bid-gate';

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const monthLabel = (month: string) => `${MONTH_NAMES[Number(month.slice(5)) - 1]} ${month.slice(2, 4)}`;
const days = (value: number | null) => (value === null ? 'No data' : `${Math.round(value * 10) / 10} days`);
const poundsAxis = (pence: number) => `£${Math.round(pence / 100).toLocaleString('en-GB')}`;
const count = (value: number) => String(Math.round(value));

/** Market intelligence (/insights/market): each report on one page with a chart, a table and a CSV. */
@Controller('insights/market')
@Roles('framework_manager', 'commissioner')
export class MarketController {
  constructor(private readonly market: MarketService) {}

  /** The viewer's scope and the filter read against the lists it may choose from. */
  private async filtered(user: SignedInUser, query: Record<string, unknown>) {
    const scope = await this.market.scopeOf(user);
    return { scope, ...(await this.market.filterFor(scope, query)) };
  }

  private async load(user: SignedInUser, query: Record<string, unknown>) {
    const filtered = await this.filtered(user, query);
    return { ...filtered, ...(await this.market.reports(filtered.scope, filtered.filter, filtered)) };
  }

  @Get()
  async page(@CurrentUser() user: SignedInUser, @Query() query: Record<string, unknown>, @Res() response: Response) {
    const data = await this.load(user, query);
    const { filter } = data;
    const months = monthsBetween(filter.from, filter.to);
    const perMonth = new Map<string, number>();
    for (const row of data.demand) perMonth.set(row.month, (perMonth.get(row.month) ?? 0) + row.requirements);
    const perLot = new Map<string, number>();
    for (const row of data.demand) perLot.set(row.lot, (perLot.get(row.lot) ?? 0) + row.requirements);
    const totalDemand = data.demand.reduce((sum, row) => sum + row.requirements, 0);
    const busiest = months.reduce((best, month) => ((perMonth.get(month) ?? 0) > (perMonth.get(best) ?? 0) ? month : best), months[0]);

    const bidsCounted = data.competition.map((row) => row.bids);
    const buckets = ['0', '1', '2', '3', '4 or more'].map((label, index) => ({
      label,
      requirements: bidsCounted.filter((bids) => (index === 4 ? bids >= 4 : bids === index)).length,
    }));
    const thin = data.competition.filter((row) => row.bids <= 1);
    const averageBids = bidsCounted.length ? bidsCounted.reduce((sum, bids) => sum + bids, 0) / bidsCounted.length : null;

    const years = [...new Set(data.spend.map((row) => row.financialYear))].sort();
    const spendByYear = years.map((year) => {
      const rows = data.spend.filter((row) => row.financialYear === year);
      return { year, asgsf: rows.reduce((sum, row) => sum + row.asgsfPence, 0), agency: rows.reduce((sum, row) => sum + row.agencyFundedPence, 0) };
    });
    const gapNames = data.supply.matrix.rows.flatMap((row) =>
      row.cells
        .filter((cell) => cell.count === 0)
        .map((cell) => `${row.name} in ${data.supply.matrix.columns.find((column) => column.id === cell.columnId)!.name}`),
    );
    const csvQuery = new URLSearchParams(
      Object.entries({
        from: filter.from,
        to: filter.to,
        lot: filter.lotId ?? '',
        area: filter.areaId ?? '',
        agency: data.scope.fixedAgencyId ? '' : (filter.agencyId ?? ''),
      }).filter(([, value]) => value),
    ).toString();

    const model = {
      commissioner: !!data.scope.fixedAgencyId,
      minPriceGroup: MIN_PRICE_GROUP,
      computedAtText: formatDateTime(data.computedAt),
      values: { from: filter.from, to: filter.to, lot: filter.lotId ?? '', area: filter.areaId ?? '', agency: filter.agencyId ?? '' },
      monthItems: monthChoices(londonDate(new Date())),
      lotItems: [{ value: '', text: 'All lots' }, ...data.lots.map((lot) => ({ value: lot.id, text: lot.name }))],
      areaItems: [
        { value: '', text: 'All districts' },
        ...data.areas.map((area) => ({ value: area.id, text: data.scope.fixedAgencyId ? area.name : `${area.name} (${area.agency})` })),
      ],
      agencyItems: [{ value: '', text: 'All agencies' }, ...data.agencies.map((agency) => ({ value: agency.id, text: agency.name }))],
      csvLinks: Object.fromEntries(MARKET_REPORTS.map((report) => [report, `/insights/market/${report}.csv${csvQuery ? `?${csvQuery}` : ''}`])),
      demand: {
        total: totalDemand,
        chart: barChart({
          id: 'demand-chart',
          title: 'Requirements published each month',
          description: totalDemand
            ? `${totalDemand} requirements from ${monthLabel(filter.from)} to ${monthLabel(filter.to)}; the most, ${perMonth.get(busiest) ?? 0}, in ${monthLabel(busiest)}.`
            : 'No requirements were published in this period.',
          categories: months.map(monthLabel),
          series: [{ name: 'Requirements', values: months.map((month) => perMonth.get(month) ?? 0) }],
          valueLabel: count,
        }),
        monthRows: months.map((month) => [{ text: monthLabel(month) }, { text: String(perMonth.get(month) ?? 0), format: 'numeric' }]),
        lotRows: [...perLot.entries()].map(([lot, total]) => [{ text: lot }, { text: String(total), format: 'numeric' }]),
      },
      supply: {
        byDistrict: data.supply.byDistrict,
        columns: data.supply.matrix.columns,
        rows: data.supply.matrix.rows.map((row) => ({ name: row.name, cells: row.cells.map((cell) => ({ ...cell, label: GAP_LEVEL_LABELS[cell.level] })) })),
        gaps: gapNames,
        legend: Object.entries(GAP_LEVEL_LABELS).map(([level, label]) => ({ level, label })),
      },
      competition: {
        requirements: bidsCounted.length,
        averageText: averageBids === null ? 'No data' : (Math.round(averageBids * 10) / 10).toString(),
        chart: barChart({
          id: 'competition-chart',
          title: 'Requirements by number of bids',
          description: bidsCounted.length
            ? `${bidsCounted.length} requirements closed: ${buckets[0].requirements} drew no bids and ${buckets[1].requirements} drew one.`
            : 'No requirement closed in this period.',
          categories: buckets.map((bucket) => `${bucket.label} bids`),
          series: [{ name: 'Requirements', values: buckets.map((bucket) => bucket.requirements) }],
          valueLabel: count,
        }),
        bucketRows: buckets.map((bucket) => [{ text: bucket.label }, { text: String(bucket.requirements), format: 'numeric' }]),
        thinRows: thin
          .slice(0, 25)
          .map((row) => [
            { text: row.title },
            { text: row.agency },
            { text: row.lot },
            { text: formatDateTime(row.bidDeadline) },
            { text: String(row.bids), format: 'numeric' },
          ]),
        thinTotal: thin.length,
        thinMore: thin.length > 25,
      },
      directAwards: {
        ...data.directAwards,
        summary:
          data.directAwards.direct === 0
            ? 'No contract was awarded directly to a family’s chosen provider in this period.'
            : `${data.directAwards.direct} of ${data.directAwards.direct + data.directAwards.competed} awards in this period were made directly to the family’s chosen provider, without a competition.`,
        rows: data.directAwards.byLot.map((row) => [
          { text: row.lot },
          { text: String(row.direct), format: 'numeric' },
          { text: String(row.competed), format: 'numeric' },
        ]),
      },
      price: {
        chart: barChart({
          id: 'price-chart',
          title: 'Median rate per session by lot, with the interquartile range',
          description: data.price.byLot.length
            ? data.price.byLot
                .map(
                  (row) =>
                    `${row.lot}: median ${formatPence(Math.round(row.median))}, middle half ${formatPence(Math.round(row.lowerQuartile))} to ${formatPence(Math.round(row.upperQuartile))}`,
                )
                .join('; ')
            : `No lot had ${MIN_PRICE_GROUP} or more opened bids in this period.`,
          categories: data.price.byLot.map((row) => row.lot),
          series: [{ name: 'Median rate', values: data.price.byLot.map((row) => row.median) }],
          ranges: data.price.byLot.map((row) => [row.lowerQuartile, row.upperQuartile]),
          valueLabel: poundsAxis,
        }),
        lotRows: data.price.byLot.map((row) => [
          { text: row.lot },
          { text: String(row.bids), format: 'numeric' },
          { text: formatPence(Math.round(row.lowerQuartile)), format: 'numeric' },
          { text: formatPence(Math.round(row.median)), format: 'numeric' },
          { text: formatPence(Math.round(row.upperQuartile)), format: 'numeric' },
          { text: formatPence(Math.round(row.upperQuartile - row.lowerQuartile)), format: 'numeric' },
        ]),
        trend: lineChart({
          id: 'price-trend',
          title: 'Median rate per session by quarter',
          description: data.price.byQuarter.length
            ? data.price.byQuarter.map((row) => `${row.quarter}: ${formatPence(Math.round(row.median))}`).join('; ')
            : 'No bids in this period.',
          points: data.price.byQuarter.map((row) => ({ label: row.quarter, value: row.median })),
          valueLabel: poundsAxis,
        }),
        quarterRows: data.price.byQuarter.map((row) => [
          { text: row.quarter },
          { text: String(row.bids), format: 'numeric' },
          { text: formatPence(Math.round(row.median)), format: 'numeric' },
        ]),
      },
      speed: {
        chart: barChart({
          id: 'speed-chart',
          title: 'Median days from publication to award, and from award to start, by lot',
          description: data.speed.length
            ? data.speed.map((row) => `${row.lot}: ${days(row.daysToAward)} to award, ${days(row.daysToStart)} to start`).join('; ')
            : 'No awards in this period.',
          categories: data.speed.map((row) => row.lot),
          series: [
            { name: 'Publication to award', values: data.speed.map((row) => row.daysToAward) },
            { name: 'Award to start', values: data.speed.map((row) => row.daysToStart) },
          ],
          valueLabel: count,
        }),
        rows: data.speed.map((row) => [
          { text: row.lot },
          { text: String(row.awards), format: 'numeric' },
          { text: days(row.daysToAward), format: 'numeric' },
          { text: String(row.started), format: 'numeric' },
          { text: days(row.daysToStart), format: 'numeric' },
        ]),
      },
      spend: {
        chart: barChart({
          id: 'spend-chart',
          title: 'ASGSF and agency money by financial year',
          description: spendByYear.length
            ? spendByYear.map((row) => `${financialYearLabel(row.year)}: ${formatPence(row.asgsf)} ASGSF, ${formatPence(row.agency)} agency`).join('; ')
            : 'No funding recorded in this period.',
          categories: spendByYear.map((row) => `${row.year}/${String(row.year + 1).slice(2)}`),
          series: [
            { name: 'ASGSF', values: spendByYear.map((row) => row.asgsf) },
            { name: 'Agency top-up and excess', values: spendByYear.map((row) => row.agency) },
          ],
          valueLabel: poundsAxis,
        }),
        rows: data.spend.map((row) => [
          { text: row.agency },
          { text: financialYearLabel(row.financialYear) },
          { text: formatPence(row.asgsfPence), format: 'numeric' },
          { text: formatPence(row.agencyFundedPence), format: 'numeric' },
          { text: formatPence(row.excessPence), format: 'numeric' },
          { text: String(row.overLimit), format: 'numeric' },
        ]),
      },
      errorList: data.errors.length ? data.errors.map(({ href, text }) => ({ href, text })) : undefined,
      errors: Object.fromEntries(data.errors.map((error) => [error.field, { text: error.text }])),
    };
    response.status(data.errors.length ? 400 : 200).render('insights/market', model);
  }

  /** Each report as CSV, with the same filters as the page. */
  @Get(':file')
  async csv(@Param('file') file: string, @CurrentUser() user: SignedInUser, @Query() query: Record<string, unknown>, @Res() response: Response) {
    const report = file.endsWith('.csv') ? (file.slice(0, -4) as MarketReport) : null;
    if (!report || !MARKET_REPORTS.includes(report)) throw new NotFoundException();
    // Only the one report asked for is run.
    const data = await this.filtered(user, query);
    if (data.errors.length) {
      response
        .status(400)
        .type('text/plain')
        .send(`The filters are not valid: ${data.errors.map((error) => error.text).join('; ')}`);
      return;
    }
    const { scope, filter } = data;
    const pounds = (pence: number) => (pence / 100).toFixed(2);
    const tables: Record<MarketReport, () => Promise<[string[], Array<Array<string | number | null>>]>> = {
      demand: async () => [
        ['Month', 'Lot', 'District', 'Agency', 'Requirements'],
        (await this.market.demand(scope, filter)).map((row) => [row.month, row.lot, row.area, row.agency, row.requirements]),
      ],
      supply: async () => {
        const supply = await this.market.supply(scope, filter, data.lots, data.areas, data.agencies);
        return [
          ['Lot', supply.byDistrict ? 'District' : 'Agency', 'Active providers', 'Gap'],
          supply.matrix.rows.flatMap((row) =>
            row.cells.map((cell) => [
              row.name,
              supply.matrix.columns.find((column) => column.id === cell.columnId)!.name,
              cell.count,
              cell.count === 0 ? 'yes' : 'no',
            ]),
          ),
        ];
      },
      competition: async () => [
        ['Requirement', 'Agency', 'Lot', 'District', 'Bid deadline', 'Bids'],
        (await this.market.competition(scope, filter)).map((row) => [row.title, row.agency, row.lot, row.area, row.bidDeadline.toISOString(), row.bids]),
      ],
      price: async () => [
        ['Lot', 'Bids', 'Lower quartile (£)', 'Median (£)', 'Upper quartile (£)', 'Interquartile range (£)'],
        (await this.market.price(scope, filter)).byLot.map((row) => [
          row.lot,
          row.bids,
          pounds(row.lowerQuartile),
          pounds(row.median),
          pounds(row.upperQuartile),
          pounds(row.upperQuartile - row.lowerQuartile),
        ]),
      ],
      speed: async () => [
        ['Lot', 'Awards', 'Median days to award', 'Started', 'Median days from award to start'],
        (await this.market.speed(scope, filter)).map((row) => [
          row.lot,
          row.awards,
          row.daysToAward?.toFixed(1) ?? null,
          row.started,
          row.daysToStart?.toFixed(1) ?? null,
        ]),
      ],
      spend: async () => [
        [
          'Agency',
          'Financial year',
          'ASGSF (£)',
          'Agency top-up and excess (£)',
          'Above the fair access limit (£)',
          'Records above the limit',
          'Funding records',
        ],
        (await this.market.spend(scope, filter)).map((row) => [
          row.agency,
          financialYearLabel(row.financialYear),
          pounds(row.asgsfPence),
          pounds(row.agencyFundedPence),
          pounds(row.excessPence),
          row.overLimit,
          row.records,
        ]),
      ],
    };
    const [header, rows] = await tables[report]();
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="market-${report}-${filter.from}-to-${filter.to}.csv"`);
    response.send(toCsv(header, rows));
  }
}
