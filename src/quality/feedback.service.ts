import { Clock } from '../common/clock/clock';
import { ConflictException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Contract } from '../awards/contract.entity';
import { ContractRepository } from '../awards/contract.repository';
import { assertOwnsAgencyRecord } from '../common/auth/ownership';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { FieldError, FormInvalidError } from '../common/forms/form-invalid.error';
import { NotificationsService } from '../notifications/notifications.service';
import {
  createFeedbackToken,
  FEEDBACK_LINK_DAYS,
  feedbackLinkState,
  FeedbackLinkState,
  hashFeedbackToken,
  isWellFormedToken,
  Respondent,
  RESPONDENTS,
} from './feedback-token';
import { FeedbackRepository } from './feedback.repository';
import { FeedbackStage } from './quality.entities';

const ADDRESS_FIELDS: Record<Respondent, 'adopterEmail' | 'youngPersonEmail' | 'professionalEmail'> = {
  adopter: 'adopterEmail',
  young_person: 'youngPersonEmail',
  professional: 'professionalEmail',
};

export interface FeedbackAnswers {
  helpful: number;
  listened: number;
  better: number;
  comment: string | null;
}

/**
 * Feedback from families and professionals through single-use links. The
 * commissioner sends them; the answers are the agency's and the panel's to
 * read, and the provider sees them only in aggregate.
 */
@Injectable()
export class FeedbackService {
  constructor(
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly feedback: FeedbackRepository,
    private readonly contracts: ContractRepository,
  ) {}

  /** Which stage a request now would be for: the end once the work has ended, or the midpoint if the contract asks for one. */
  stageFor(contract: Contract): FeedbackStage | null {
    if (contract.status === 'completed' || contract.status === 'ended_early') return 'end';
    if ((contract.status === 'active' || contract.status === 'exhausted') && contract.midpointFeedback) return 'midpoint';
    return null;
  }

  async forContract(user: SignedInUser, contractId: string) {
    const [requests, responses] = await Promise.all([
      this.feedback.listRequestsForContract(contractId),
      user.providerId ? Promise.resolve([]) : this.feedback.listResponsesForContract(contractId),
    ]);
    return { requests, responses, answered: requests.filter((request) => request.usedAt).length };
  }

  async request(
    user: SignedInUser,
    contractId: string,
    addresses: Partial<Record<'adopterEmail' | 'youngPersonEmail' | 'professionalEmail', string>>,
  ): Promise<number> {
    const wanted = (Object.keys(ADDRESS_FIELDS) as Respondent[]).filter((respondent) => addresses[ADDRESS_FIELDS[respondent]]);
    if (wanted.length === 0) throw FormInvalidError.forField('adopterEmail', 'Enter at least one email address to send feedback links to');
    return this.dataSource.transaction(async (manager) => {
      const contract = assertOwnsAgencyRecord(user, await this.contracts.findForFeedbackRequest(contractId, manager));
      const stage = this.stageFor(contract);
      if (!stage) throw new ConflictException('Feedback can be asked for once the contract has ended, or at its midpoint if the contract was set up for that');
      const sent = await this.feedback.listRequestsForStage(manager, contractId, stage);
      const errors: FieldError[] = wanted
        .filter((respondent) => sent.some((request) => request.respondent === respondent))
        .map((respondent) => ({
          field: ADDRESS_FIELDS[respondent],
          href: `#${ADDRESS_FIELDS[respondent]}`,
          text: `${RESPONDENTS[respondent]} has already been sent a link for the ${stage === 'end' ? 'end of the work' : 'midpoint'}`,
        }));
      if (errors.length) throw new FormInvalidError(errors);
      const expiresAt = new Date(this.clock.now().getTime() + FEEDBACK_LINK_DAYS * 24 * 60 * 60 * 1000);
      for (const respondent of wanted) {
        const { token, hash } = createFeedbackToken();
        const saved = await this.feedback.createRequest(manager, {
          contractId,
          respondent,
          stage,
          tokenHash: hash,
          expiresAt,
          usedAt: null,
          sentByUserId: user.id,
        });
        await this.notifications.queue(manager, {
          to: addresses[ADDRESS_FIELDS[respondent]]!,
          template: respondent === 'young_person' ? 'feedback-request-young-person' : 'feedback-request',
          data: {
            link: `/feedback/${token}`,
            provider: contract.provider!.name,
            therapy: contract.requirement!.therapyType!.name,
            professional: respondent === 'professional',
            days: FEEDBACK_LINK_DAYS,
          },
          eventKey: `feedback-request:${saved.id}`,
        });
        // The address is the family's own; the audit keeps who was asked, not where.
        await this.audit.record(manager, {
          action: 'feedback.requested',
          entityType: 'contract',
          entityId: contractId,
          after: { feedbackRequestId: saved.id, respondent, stage },
        });
      }
      return wanted.length;
    });
  }

  /** What a link opens: the form while open, or a kind explanation. Nothing about the child is shown. */
  async openLink(token: string): Promise<{ state: FeedbackLinkState; respondent?: Respondent; provider?: string; therapy?: string }> {
    if (!isWellFormedToken(token)) return { state: 'unknown' };
    const request = await this.feedback.findByTokenHashWithContract(hashFeedbackToken(token));
    const state = feedbackLinkState(request, this.clock.now());
    if (!request || state !== 'open') return { state };
    return { state, respondent: request.respondent, provider: request.contract!.provider!.name, therapy: request.contract!.requirement!.therapyType!.name };
  }

  /** Uses the link and stores the answers in one statement pair; a second use, or a late one, finds nothing to use. */
  async answer(token: string, answers: FeedbackAnswers): Promise<Exclude<FeedbackLinkState, 'open'> | 'answered'> {
    if (!isWellFormedToken(token)) return 'unknown';
    const tokenHash = hashFeedbackToken(token);
    return this.dataSource.transaction(async (manager) => {
      const used = await this.feedback.useLink(manager, tokenHash);
      if (used.length === 0) {
        const state = feedbackLinkState(await this.feedback.findByTokenHash(tokenHash, manager), this.clock.now());
        // The database clock found it lapsed even if this one has not quite.
        return state === 'open' ? 'expired' : state;
      }
      const [request] = used;
      const saved = await this.feedback.createResponse(manager, {
        requestId: request.id,
        contractId: request.contract_id,
        respondent: request.respondent,
        ...answers,
      });
      await this.audit.record(manager, {
        action: 'feedback.received',
        entityType: 'contract',
        entityId: request.contract_id,
        actor: null,
        after: { feedbackResponseId: saved.id, respondent: request.respondent },
      });
      return 'answered';
    });
  }
}
