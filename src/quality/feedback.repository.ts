import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Respondent } from './feedback-token';
import { FeedbackRequest, FeedbackResponse } from './quality.entities';

/** A feedback link as the commissioner sends it. */
export type NewFeedbackRequest = Pick<FeedbackRequest, 'contractId' | 'respondent' | 'stage' | 'tokenHash' | 'expiresAt' | 'usedAt' | 'sentByUserId'>;

/** A family's or professional's answers to a used link. */
export type NewFeedbackResponse = Pick<FeedbackResponse, 'requestId' | 'contractId' | 'respondent' | 'helpful' | 'listened' | 'better' | 'comment'>;

/** The request a link used up. */
export interface UsedFeedbackRequest {
  id: string;
  contract_id: string;
  respondent: Respondent;
}

/** The feedback_requests and feedback_responses tables: the only place with their SQL. */
@Injectable()
export class FeedbackRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A contract's requests, the first sent first. */
  listRequestsForContract(contractId: string, manager: EntityManager = this.dataSource.manager): Promise<FeedbackRequest[]> {
    return manager.find(FeedbackRequest, { where: { contractId }, order: { createdAt: 'ASC' } });
  }

  /** A contract's responses, the first received first. */
  listResponsesForContract(contractId: string, manager: EntityManager = this.dataSource.manager): Promise<FeedbackResponse[]> {
    return manager.find(FeedbackResponse, { where: { contractId }, order: { createdAt: 'ASC' } });
  }

  /** The requests already sent for a contract at a stage. */
  listRequestsForStage(manager: EntityManager, contractId: string, stage: FeedbackRequest['stage']): Promise<FeedbackRequest[]> {
    return manager.find(FeedbackRequest, { where: { contractId, stage } });
  }

  createRequest(manager: EntityManager, values: NewFeedbackRequest): Promise<FeedbackRequest> {
    return manager.save(FeedbackRequest, values);
  }

  /** The request behind a link, with its contract's provider and lot. */
  findByTokenHashWithContract(tokenHash: string, manager: EntityManager = this.dataSource.manager): Promise<FeedbackRequest | null> {
    return manager.findOne(FeedbackRequest, {
      where: { tokenHash },
      relations: { contract: { provider: true, requirement: { therapyType: true } } },
    });
  }

  findByTokenHash(tokenHash: string, manager: EntityManager = this.dataSource.manager): Promise<FeedbackRequest | null> {
    return manager.findOneBy(FeedbackRequest, { tokenHash });
  }

  /** Uses the link if it is unused and unexpired by the database clock; none when there was nothing to use. */
  async useLink(manager: EntityManager, tokenHash: string): Promise<UsedFeedbackRequest[]> {
    return (
      await manager.query(
        `UPDATE feedback_requests SET used_at = now() WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING id, contract_id, respondent`,
        [tokenHash],
      )
    )[0];
  }

  createResponse(manager: EntityManager, values: NewFeedbackResponse): Promise<FeedbackResponse> {
    return manager.save(FeedbackResponse, values);
  }
}
