import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { OutcomeTool } from '../awards/award-rules';
import { partnershipIdOf, providerDealsWithPartnershipOf } from '../common/auth/partnership.repository';
import type { SignedInUser } from '../common/auth/signed-in-user';
import type { PageRequest } from '../common/http/pagination';
import { mean, median } from '../insights/statistics';
import { outcomeChange } from './outcome-rules';
import { ProviderQualityRepository } from './provider-quality.repository';

/** A provider sees feedback averages only once this many people have answered, so no answer can be picked out. */
export const FEEDBACK_MINIMUM_FOR_PROVIDER = 3;

export interface LotQuality {
  lot: string;
  won: number;
  active: number;
  completed: number;
  endedEarly: number;
  outcomes: Array<{ tool: OutcomeTool; measures: number; averageChange: number; improved: number }>;
  feedback: { responses: number; helpful: number | null; listened: number | null; better: number | null; withheld: boolean };
  medianDaysToFirstSession: number | null;
  reports: { total: number; onTime: number };
}

/**
 * A provider's quality figures, per lot: contracts, outcome change per
 * tool, feedback, time to first session and reports on time. A provider
 * reading its own figures never gets a single identifiable response.
 */
@Injectable()
export class ProviderQualityService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly quality: ProviderQualityRepository,
  ) {}

  /**
   * Providers with at least one contract with an agency of the viewer's
   * partnership, with headline figures from those contracts only, a page at
   * a time: another partnership's providers, and its families' feedback, are
   * none of this partnership's business.
   */
  async list(viewer: SignedInUser, page: PageRequest) {
    const partnershipId = await partnershipIdOf(this.dataSource.manager, viewer);
    const [rows, total] = await Promise.all([this.quality.listPageForPartnership(partnershipId, page), this.quality.countForPartnership(partnershipId)]);
    return { rows, total };
  }

  async figures(
    viewer: SignedInUser,
    providerId: string,
  ): Promise<{ provider: { id: string; name: string }; lots: LotQuality[]; comments: Array<{ lot: string; comment: string; at: Date }> }> {
    const provider = await this.quality.findProvider(providerId);
    if (!provider) throw new NotFoundException();
    const ownView = viewer.providerId === providerId;
    // Staff see the figures of providers their partnership deals with, not every provider's,
    // and only from contracts with their own partnership's agencies: another partnership's
    // contracts, outcomes and families' feedback are its own business.
    if (!ownView && !(await providerDealsWithPartnershipOf(this.dataSource.manager, providerId, viewer))) throw new NotFoundException();
    const partnershipId = ownView ? null : await partnershipIdOf(this.dataSource.manager, viewer);
    const [contracts, measures, feedback, firstSessions, reports, comments] = await Promise.all([
      this.quality.contractsByLot(providerId, partnershipId),
      this.quality.completedMeasures(providerId, partnershipId),
      this.quality.feedbackByLot(providerId, partnershipId),
      this.quality.daysToFirstSession(providerId, partnershipId),
      this.quality.reportsByLot(providerId, partnershipId),
      // Comments are for the panel and the framework manager of the partnership, and for commissioners on their own agency's contracts; never for the provider.
      ownView
        ? Promise.resolve([])
        : this.quality.latestComments(
            providerId,
            partnershipId,
            viewer.roles.some((role) => role === 'panel_member' || role === 'framework_manager') ? null : viewer.agencyId,
          ),
    ]);
    const lots = contracts.map((row): LotQuality => {
      const lotMeasures = measures.filter((measure) => measure.lot === row.lot);
      const tools = [...new Set(lotMeasures.map((measure) => measure.tool))].sort();
      const lotFeedback = feedback.find((entry) => entry.lot === row.lot);
      const withheld = ownView && (lotFeedback?.responses ?? 0) < FEEDBACK_MINIMUM_FOR_PROVIDER;
      const lotReports = reports.find((entry) => entry.lot === row.lot);
      return {
        lot: row.lot,
        won: row.won,
        active: row.active,
        completed: row.completed,
        endedEarly: row.ended_early,
        outcomes: tools.map((tool) => {
          const changes = lotMeasures
            .filter((measure) => measure.tool === tool)
            .map((measure) => outcomeChange(tool, measure.baseline_score, measure.end_score));
          return {
            tool,
            measures: changes.length,
            averageChange: mean(changes.map((change) => change.change))!,
            improved: changes.filter((change) => change.direction === 'improved').length,
          };
        }),
        feedback: {
          responses: lotFeedback?.responses ?? 0,
          helpful: withheld ? null : (lotFeedback?.helpful ?? null),
          listened: withheld ? null : (lotFeedback?.listened ?? null),
          better: withheld ? null : (lotFeedback?.better ?? null),
          withheld,
        },
        medianDaysToFirstSession: median(firstSessions.filter((entry) => entry.lot === row.lot).map((entry) => entry.days)),
        reports: { total: lotReports?.total ?? 0, onTime: lotReports?.on_time ?? 0 },
      };
    });
    return { provider, lots, comments };
  }
}
