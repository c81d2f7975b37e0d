import { Controller, Get, Param, Query, Render } from '@nestjs/common';
import { RouteIdPipe } from '../common/http/route-id.pipe';
import { CurrentUser, Roles } from '../common/auth/access.decorators';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { parsePageRequest, toPage } from '../common/http/pagination';
import { formatDate } from '../common/views/format';
import { FEEDBACK_MINIMUM_FOR_PROVIDER, LotQuality, ProviderQualityService } from './provider-quality.service';

const oneDecimal = (value: number | null) => (value === null ? '' : (Math.round(value * 10) / 10).toString());
const signed = (value: number) => (value > 0 ? `+${oneDecimal(value)}` : oneDecimal(value));

/** Provider quality: a list and per-provider figures for staff (/quality/providers), and a provider's own (/provider/quality). */
@Controller()
export class ProviderQualityController {
  constructor(private readonly quality: ProviderQualityService) {}

  @Get('quality/providers')
  @Roles('commissioner', 'framework_manager', 'panel_member')
  @Render('quality/providers')
  async list(@Query('page') rawPage: unknown, @CurrentUser() user: SignedInUser) {
    const request = parsePageRequest(rawPage);
    const { rows, total } = await this.quality.list(user, request);
    const page = toPage(rows, total, request, '/quality/providers');
    return {
      page,
      rows: rows.map((row) => ({ ...row, feedbackText: row.feedback ? `${row.feedback} out of 5` : 'None yet' })),
    };
  }

  @Get('quality/providers/:providerId')
  @Roles('commissioner', 'framework_manager', 'panel_member')
  @Render('quality/provider')
  async show(@Param('providerId', RouteIdPipe) providerId: string, @CurrentUser() user: SignedInUser) {
    return this.model(await this.quality.figures(user, providerId), false);
  }

  @Get('provider/quality')
  @Roles('provider_user')
  @Render('quality/provider')
  async own(@CurrentUser() user: SignedInUser) {
    return this.model(await this.quality.figures(user, user.providerId!), true);
  }

  private model(figures: Awaited<ReturnType<ProviderQualityService['figures']>>, own: boolean) {
    return {
      own,
      provider: figures.provider,
      minimum: FEEDBACK_MINIMUM_FOR_PROVIDER,
      lots: figures.lots.map((lot: LotQuality) => ({
        ...lot,
        contractRows: [
          { key: { text: 'Contracts won' }, value: { text: String(lot.won) } },
          { key: { text: 'Active' }, value: { text: String(lot.active) } },
          { key: { text: 'Completed' }, value: { text: String(lot.completed) } },
          { key: { text: 'Ended early' }, value: { text: String(lot.endedEarly) } },
          {
            key: { text: 'Time from award to first session (median)' },
            value: { text: lot.medianDaysToFirstSession === null ? 'No sessions logged yet' : `${oneDecimal(lot.medianDaysToFirstSession)} days` },
          },
          { key: { text: 'Reports on time' }, value: { text: lot.reports.total ? `${lot.reports.onTime} of ${lot.reports.total}` : 'No reports yet' } },
        ],
        outcomeRows: lot.outcomes.map((outcome) => [
          { text: outcome.tool },
          { text: String(outcome.measures), format: 'numeric' },
          { text: signed(outcome.averageChange), format: 'numeric' },
          { text: `${outcome.improved} of ${outcome.measures}`, format: 'numeric' },
        ]),
        feedbackRows:
          lot.feedback.withheld || lot.feedback.responses === 0
            ? []
            : [
                [{ text: 'Helpful' }, { text: oneDecimal(lot.feedback.helpful), format: 'numeric' }],
                [{ text: 'Listened' }, { text: oneDecimal(lot.feedback.listened), format: 'numeric' }],
                [{ text: 'Things are better' }, { text: oneDecimal(lot.feedback.better), format: 'numeric' }],
              ],
      })),
      comments: figures.comments.map((comment) => ({ ...comment, when: formatDate(comment.at) })),
    };
  }
}
