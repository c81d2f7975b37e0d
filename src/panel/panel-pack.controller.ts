import { Controller, Get, Header, Param, Render, Res } from '@nestjs/common';
import { RouteIdPipe } from '../common/http/route-id.pipe';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../common/auth/access.decorators';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { toCsv } from '../common/http/csv';
import { formatDateTime, formatIsoDate, formatPence } from '../common/views/format';
import { PackCompetition, PanelPackService } from './panel-pack.service';
import { PROFESSIONS } from './quorum';

const points = (value: number | undefined) => (value === undefined ? '' : (Math.round(value * 100) / 100).toString());

/** The bids side by side, one column each: a row per fact, answer, score and moderation. */
function sideBySide(competition: PackCompetition) {
  const { requirement, bids, ranked, moderated, memberScores } = competition;
  const cell = (text: string) => ({ text });
  const row = (heading: string, values: string[]) => [{ text: heading }, ...values.map(cell)];
  const moderatedOf = (bidId: string, index: number) => moderated.find((score) => score.bidId === bidId && score.criterionIndex === index);
  return {
    head: [{ text: 'Bid' }, ...bids.map((bid) => ({ text: bid.providerName }))],
    rows: [
      row(
        'Rank',
        bids.map((bid) => String(ranked.get(bid.bidId)?.rank ?? 'Not ranked')),
      ),
      row(
        'Total price',
        bids.map((bid) => formatPence(bid.totalPence)),
      ),
      row(
        'Rate per session',
        bids.map((bid) => formatPence(bid.ratePence)),
      ),
      row(
        'Earliest start',
        bids.map((bid) => formatIsoDate(bid.earliestStartOn)),
      ),
      row(
        'Practitioners',
        bids.map((bid) => bid.practitioners.join(', ')),
      ),
      row(
        'Compliance',
        bids.map((bid) => (bid.nonCompliance.length ? bid.nonCompliance.join('. ') : 'Compliant')),
      ),
      row(
        'Abnormally low price',
        bids.map((bid) =>
          !bid.priceFlagged ? 'No' : bid.priceReview ? `Reviewed: ${bid.priceReview.decision}. ${bid.priceReview.reason}` : 'Flagged, not yet reviewed',
        ),
      ),
      ...requirement.criteria.flatMap((criterion, index) => [
        row(
          `Question ${index + 1}: ${criterion.question} (weight ${criterion.weight})`,
          bids.map((bid) => bid.answers[index] ?? ''),
        ),
        row(
          `Question ${index + 1}: members’ scores`,
          bids.map(
            (bid) =>
              memberScores
                .filter((score) => score.bidId === bid.bidId && score.criterionIndex === index)
                .map((score) => `${score.memberName}: ${score.score}`)
                .join(', ') || 'None submitted',
          ),
        ),
        row(
          `Question ${index + 1}: moderated score`,
          bids.map((bid) => {
            const agreed = moderatedOf(bid.bidId, index);
            return agreed ? `${agreed.score} of ${requirement.scaleMax}. ${agreed.rationale}` : 'Not yet moderated';
          }),
        ),
      ]),
      row(
        'Quality score',
        bids.map((bid) => points(ranked.get(bid.bidId)?.qualityTotal)),
      ),
      row(
        `Price score (weight ${requirement.priceWeight ?? 0})`,
        bids.map((bid) => points(ranked.get(bid.bidId)?.priceScore)),
      ),
      row(
        'Total score',
        bids.map((bid) => points(ranked.get(bid.bidId)?.total)),
      ),
    ],
  };
}

/** Issue 22: a printable pack per panel meeting, and every bid on a requirement as CSV, after its deadline only. */
@Controller('panel')
@Roles('panel_member')
export class PanelPackController {
  constructor(private readonly packs: PanelPackService) {}

  @Get('meetings/:id/pack')
  @Render('panel/pack')
  async pack(@Param('id', RouteIdPipe) id: string, @CurrentUser() user: SignedInUser) {
    const view = await this.packs.pack(user, id);
    return {
      ...view,
      dateText: formatIsoDate(view.meeting.meetingDate),
      quorate: view.quorumProblems.length === 0,
      attendeeRows: view.attendees.map((attendee) => ({
        key: { text: attendee.fullName },
        value: { text: `${PROFESSIONS[attendee.profession]}, ${attendee.agencyName}` },
      })),
      competitions: view.competitions.map(({ item, refusal, competition }, index) => ({
        item,
        index: index + 1,
        refusal,
        bidCount: competition?.bids.length ?? 0,
        complete: competition?.complete ?? false,
        table: competition && competition.bids.length ? sideBySide(competition) : null,
        csvHref: `/panel/requirements/${item.id}/bids.csv`,
      })),
      fundingRequests: view.fundingRequests.map((request) => ({ ...request, excessText: formatPence(request.excessPence) })),
    };
  }

  @Get('requirements/:id/bids.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  async bidsCsv(@Param('id', RouteIdPipe) id: string, @CurrentUser() user: SignedInUser, @Res({ passthrough: true }) response: Response) {
    const competition = await this.packs.bidsForCsv(user, id);
    const { requirement, bids, ranked, moderated } = competition;
    response.setHeader('Content-Disposition', `attachment; filename="bids-${id}.csv"`);
    const questions = requirement.criteria.map((_, index) => `Question ${index + 1}`);
    return toCsv(
      [
        'Provider',
        'Version',
        'Submitted',
        'Rate per session (£)',
        'Total (£)',
        'Earliest start',
        'Practitioners',
        'Compliance problems',
        ...questions.flatMap((question) => [`${question} answer`, `${question} moderated score`]),
        'Quality score',
        'Price score',
        'Total score',
        'Rank',
      ],
      bids.map((bid) => {
        const rank = ranked.get(bid.bidId);
        return [
          bid.providerName,
          bid.version,
          formatDateTime(bid.submittedAt),
          (bid.ratePence / 100).toFixed(2),
          (bid.totalPence / 100).toFixed(2),
          bid.earliestStartOn,
          bid.practitioners.join('; '),
          bid.nonCompliance.join('; '),
          ...requirement.criteria.flatMap((_, index) => [
            bid.answers[index] ?? '',
            moderated.find((score) => score.bidId === bid.bidId && score.criterionIndex === index)?.score ?? '',
          ]),
          points(rank?.qualityTotal),
          points(rank?.priceScore),
          points(rank?.total),
          rank?.rank ?? '',
        ];
      }),
    );
  }
}
