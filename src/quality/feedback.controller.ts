import { Body, Controller, Get, Param, Post, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '../common/auth/access.decorators';
import { FormPage } from '../common/forms/form-page.decorator';
import { FeedbackResponseForm } from './dto/delivery-forms';
import { FEEDBACK_QUESTIONS, FeedbackLinkState, RATING_LABELS } from './feedback-token';
import { FeedbackService } from './feedback.service';

const CLOSED_PAGES: Record<Exclude<FeedbackLinkState, 'open'>, { heading: string; body: string }> = {
  used: {
    heading: 'You have already given feedback',
    body: 'Thank you. This link has been used, so it cannot be used again. Your answers have been passed on.',
  },
  expired: {
    heading: 'This feedback link has expired',
    body: 'Feedback links last 28 days. If you would still like to give feedback, ask your adoption support social worker to send you a new link.',
  },
  unknown: {
    heading: 'This feedback link is not recognised',
    body: 'Check that you copied the whole link from the email. If it still does not work, ask your adoption support social worker to send you a new one.',
  },
};

/** Feedback through a single-use link from an email: no account, and nothing about the child on the page. */
@Public()
@Controller('feedback')
export class FeedbackController {
  constructor(private readonly feedback: FeedbackService) {}

  async formModel(request: Request) {
    const link = await this.feedback.openLink(String(request.params.token));
    if (link.state !== 'open') return { closed: CLOSED_PAGES[link.state] };
    const questions = FEEDBACK_QUESTIONS[link.respondent!];
    const labels = RATING_LABELS[link.respondent === 'young_person' ? 'young_person' : 'grown_up'];
    const ratingItems = labels.map((text, index) => ({ value: String(index + 1), text }));
    return { ...link, questions, ratingItems, youngPerson: link.respondent === 'young_person' };
  }

  @Get('thank-you')
  @Render('quality/feedback-thanks')
  thanks() {
    return {};
  }

  @Get(':token')
  async show(@Req() request: Request, @Res() response: Response) {
    const model = await this.formModel(request);
    // An unknown token is a 404 for machines, with the same kind page for people.
    response.status(model.closed === CLOSED_PAGES.unknown ? 404 : 200).render('quality/feedback', model);
  }

  @Post(':token')
  @FormPage('quality/feedback', 'formModel')
  async answer(@Param('token') token: string, @Body() form: FeedbackResponseForm, @Res() response: Response) {
    const outcome = await this.feedback.answer(token, {
      helpful: Number(form.helpful),
      listened: Number(form.listened),
      better: Number(form.better),
      comment: form.comment ?? null,
    });
    if (outcome === 'answered') return response.redirect(303, '/feedback/thank-you');
    response.status(outcome === 'unknown' ? 404 : 200).render('quality/feedback', { closed: CLOSED_PAGES[outcome] });
  }
}
