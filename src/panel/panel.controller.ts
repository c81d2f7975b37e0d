import { Body, Controller, Get, Param, Post, Query, Render, Req, Res } from '@nestjs/common';
import { RouteIdPipe } from '../common/http/route-id.pipe';
import { parsePageRequest } from '../common/http/pagination';
import type { Request, Response } from 'express';
import { CurrentUser, Roles } from '../common/auth/access.decorators';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { FormPage } from '../common/forms/form-page.decorator';
import { redirectAfterSaving, setFlash } from '../common/http/flash';
import { formatDateTime, formatIsoDate, formatPence, formatPoints } from '../common/views/format';
import { REQUIREMENT_STATUS_TAGS } from '../competitions/requirement-lifecycle';
import { commentField, PanelService, rationaleField, scoreField } from './panel.service';
import { PriceReviewForm } from './dto/meeting-forms';
import { ABNORMALLY_LOW_PERCENT } from './scoring-rules';
import { DECLARATION_ITEMS as declarationItems } from '../conflicts/conflict-rules';
import { routeId, signedInUser } from '../common/http/route-inputs';

/** The resource panel's pages: the queue, conflict declarations, scoring and the chair's moderation. */
@Controller('panel/requirements')
@Roles('panel_member')
export class PanelController {
  constructor(private readonly panel: PanelService) {}

  @Get()
  @Render('panel/index')
  async index(@CurrentUser() user: SignedInUser, @Query('page') page: string) {
    const { member, page: results } = await this.panel.queue(user, parsePageRequest(page));
    return {
      member,
      page: results,
      rows: results.rows.map((row) => ({
        ...row,
        deadlineText: formatDateTime(row.bid_deadline),
        next: row.conflicted ? 'Excluded (conflict of interest)' : !row.declared ? 'Declare conflicts' : !row.submitted ? 'Score the bids' : 'Scores submitted',
      })),
    };
  }

  @Get(':id')
  @Render('panel/show')
  show(@Req() request: Request) {
    return this.showModel(request);
  }

  async showModel(request: Request) {
    const view = await this.panel.overview(signedInUser(request), routeId(request));
    return {
      ...view,
      tag: REQUIREMENT_STATUS_TAGS[view.requirement.status],
      deadlineText: formatDateTime(view.requirement.bidDeadline),
      declarationRows: view.declarations.map((declaration) => {
        const name = view.bidders.find((bidder) => bidder.providerId === declaration.providerId)?.name ?? 'Bidder';
        return {
          key: { text: name },
          value: { text: `${declaration.conflicted ? `Conflict: ${declaration.nature}` : 'No conflict'}${declaration.version > 1 ? ' (amended)' : ''}` },
          actions: {
            items: [
              {
                href: `/conflicts/requirements/${view.requirement.id}/declarations/${declaration.id}/amend`,
                text: 'Amend',
                visuallyHiddenText: `your declaration about ${name}`,
              },
            ],
          },
        };
      }),
      bidderFields: view.bidders.map((bidder) => ({
        ...bidder,
        field: `conflict-${bidder.providerId}`,
        natureField: `nature-${bidder.providerId}`,
        items: declarationItems,
      })),
    };
  }

  @Post(':id/conflicts')
  @FormPage('panel/show', 'showModel')
  async declare(
    @Param('id', RouteIdPipe) id: string,
    @Body() body: Record<string, unknown>,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const { conflicted } = await this.panel.declare(user, id, body);
    setFlash(
      request,
      conflicted
        ? { heading: 'Conflict recorded', body: 'You are excluded from this requirement. You will not see its bids or scores.' }
        : { heading: 'Declaration recorded', body: 'You can now score the bids.' },
    );
    return redirectAfterSaving(request, response, conflicted ? '/panel/requirements' : `/panel/requirements/${id}/scores`);
  }

  @Get(':id/scores')
  @Render('panel/scores')
  scores(@Req() request: Request) {
    return this.scoresModel(request);
  }

  async scoresModel(request: Request) {
    const view = await this.panel.scoring(signedInUser(request), routeId(request));
    const { requirement } = view;
    const mine = new Map(view.mine.map((score) => [`${score.bidId}:${score.criterionIndex}`, score]));
    const posted = request.method === 'POST' ? (request.body as Record<string, string>) : undefined;
    const scaleItems = requirement.scaleDescriptors.map((descriptor, level) => ({ value: String(level), text: `${level}: ${descriptor}` }));
    return {
      ...view,
      bids: view.bids.map((bid) => ({
        ...bid,
        compliant: bid.nonCompliance.length === 0,
        flagText: bid.nonCompliance.join('. '),
        summaryRows: [
          { key: { text: 'Total price' }, value: { text: formatPence(bid.totalPence) } },
          { key: { text: 'Rate' }, value: { text: formatPence(bid.ratePence) } },
          { key: { text: 'Practitioners' }, value: { text: bid.practitioners.join(', ') } },
          { key: { text: 'Earliest start' }, value: { text: formatIsoDate(bid.earliestStartOn) } },
        ],
        questions: requirement.criteria.map((criterion, index) => {
          const saved = mine.get(`${bid.bidId}:${index}`);
          const scoreName = scoreField(bid.bidId, index);
          const commentName = commentField(bid.bidId, index);
          return {
            number: index + 1,
            question: criterion.question,
            weight: criterion.weight,
            answer: bid.answers[index] ?? '',
            scoreName,
            commentName,
            scoreValue: posted ? posted[scoreName] : saved ? String(saved.score) : undefined,
            commentValue: posted ? posted[commentName] : saved?.comment,
            scaleItems: [{ value: '', text: 'Choose a score' }, ...scaleItems],
            others: view.others.filter((other) => other.bidId === bid.bidId && other.criterionIndex === index),
          };
        }),
      })),
    };
  }

  @Post(':id/scores')
  @FormPage('panel/scores', 'scoresModel')
  async saveScores(
    @Param('id', RouteIdPipe) id: string,
    @Body() body: Record<string, unknown>,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const submit = body.intent === 'submit';
    await this.panel.saveScores(user, id, body, submit);
    setFlash(
      request,
      submit
        ? { heading: 'Scores submitted', body: 'You can now see the other members’ scores.' }
        : { heading: 'Scores saved', body: 'They are not submitted yet.' },
    );
    return redirectAfterSaving(request, response, `/panel/requirements/${id}/scores`);
  }

  @Get(':id/moderation')
  @Render('panel/moderation')
  moderation(@Req() request: Request) {
    return this.moderationModel(request);
  }

  async moderationModel(request: Request) {
    const view = await this.panel.moderation(signedInUser(request), routeId(request));
    const posted = request.method === 'POST' ? (request.body as Record<string, string>) : undefined;
    const ranked = new Map(view.ranking.bids.map((bid) => [bid.bidId, bid]));
    const scaleItems = view.requirement.scaleDescriptors.map((descriptor, level) => ({ value: String(level), text: `${level}: ${descriptor}` }));
    return {
      ...view,
      cells: view.cells.map(({ bid, criteria }) => ({
        bid,
        compliant: bid.nonCompliance.length === 0,
        flagText: bid.nonCompliance.join('. '),
        criteria: criteria.map((cell) => ({
          ...cell,
          number: cell.index + 1,
          scoreName: scoreField(bid.bidId, cell.index),
          rationaleName: rationaleField(bid.bidId, cell.index),
          scoreValue: posted ? posted[scoreField(bid.bidId, cell.index)] : cell.moderated ? String(cell.moderated.score) : undefined,
          rationaleValue: posted ? posted[rationaleField(bid.bidId, cell.index)] : cell.moderated?.rationale,
          scaleItems: [{ value: '', text: 'Choose a score' }, ...scaleItems],
          memberScores: cell.memberScores.map((score) => ({ ...score, outlier: cell.spread.outliers.includes(score.score) && cell.memberScores.length > 1 })),
          spreadText: cell.memberScores.length ? `${cell.spread.min} to ${cell.spread.max}, median ${cell.spread.median}` : 'No submitted scores',
        })),
      })),
      lowestText: view.ranking.lowestCompliantTotalPence === null ? 'None' : formatPence(view.ranking.lowestCompliantTotalPence),
      abnormallyLowPercent: ABNORMALLY_LOW_PERCENT,
      minimumQualityText: view.ranking.minimumQualityScore === null ? null : formatPoints(view.ranking.minimumQualityScore),
      rankingRows: view.bids
        .map((bid) => ({ bid, ranked: ranked.get(bid.bidId)! }))
        .sort((a, b) => (a.ranked.rank ?? 99) - (b.ranked.rank ?? 99))
        .map(({ bid, ranked: result }) => ({
          providerName: bid.providerName,
          rank: result.rank ?? (!result.compliant ? 'Non-compliant' : result.belowQualityMinimum ? 'Below the minimum quality' : 'Not ranked yet'),
          totalText: formatPence(bid.totalPence),
          priceScore: formatPoints(result.priceScore),
          qualityScores: result.qualityScores.map(formatPoints),
          qualityTotal: formatPoints(result.qualityTotal),
          total: formatPoints(result.total),
        })),
      priceFlags: view.bids
        .filter((bid) => bid.priceFlagged)
        .map((bid) => ({
          providerName: bid.providerName,
          href: `/panel/requirements/${view.requirement.id}/price-reviews/${bid.bidId}`,
          totalText: formatPence(bid.totalPence),
          review: bid.priceReview,
        })),
    };
  }

  @Post(':id/moderation')
  @FormPage('panel/moderation', 'moderationModel')
  async moderate(
    @Param('id', RouteIdPipe) id: string,
    @Body() body: Record<string, unknown>,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    await this.panel.moderate(user, id, body);
    setFlash(request, { heading: 'Moderated scores saved', body: 'The ranking below uses them.' });
    return redirectAfterSaving(request, response, `/panel/requirements/${id}/moderation`);
  }

  @Get(':id/price-reviews/:bidId')
  @Render('panel/price-review')
  priceReview(@Req() request: Request) {
    return this.priceReviewModel(request);
  }

  async priceReviewModel(request: Request) {
    const { requirement, bid, medianPence } = await this.panel.priceReviewPage(signedInUser(request), routeId(request), routeId(request, 'bidId'));
    return {
      requirement,
      bid,
      totalText: formatPence(bid.totalPence),
      medianText: formatPence(medianPence),
      percentBelow: Math.round((1 - bid.totalPence / medianPence) * 100),
      values: request.method === 'POST' ? request.body : { decision: bid.priceReview?.decision, reason: bid.priceReview?.reason },
      decisionItems: [
        { value: 'accepted', text: 'The panel accepts the price', hint: { text: 'The provider has shown it can deliver the therapy for it' } },
        { value: 'rejected', text: 'The panel rejects the price', hint: { text: 'The bid will not be ranked' } },
      ],
    };
  }

  @Post(':id/price-reviews/:bidId')
  @FormPage('panel/price-review', 'priceReviewModel')
  async reviewPrice(
    @Param('id', RouteIdPipe) id: string,
    @Param('bidId', RouteIdPipe) bidId: string,
    @Body() form: PriceReviewForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    await this.panel.reviewPrice(user, id, bidId, form);
    setFlash(request, { heading: form.decision === 'accepted' ? 'Price accepted' : 'Price rejected: the bid is not ranked' });
    return redirectAfterSaving(request, response, `/panel/requirements/${id}/moderation`);
  }
}
