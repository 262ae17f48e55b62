import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/actor';
import type { EvidenceRating } from '../statistics/rating';
import { recordAudit } from '../audit/audit-log';
import { ConflictError, ValidationFailedError } from '../common/errors';
import { Evaluation } from '../database/entities/evaluation.entity';
import { EvaluationsService } from '../evaluations/evaluations.service';
import { User } from '../database/entities/user.entity';
import type { DecideRatingDto } from './dto/evidence.dto';
import { EvaluationRating } from '../database/entities/evaluation-rating.entity';
import { EvidenceService } from './evidence.service';

export interface RatingResponse {
  evaluationId: number;
  suggested: EvidenceRating;
  evidenceTier: string;
  reasons: string[];
  /** The reviewer's rating when they confirmed the suggestion; null otherwise. */
  confirmed: string | null;
  override: { rating: string; reason: string } | null;
  /** True when the rules suggest something else now than when the reviewer decided. */
  suggestionChanged: boolean;
  decidedBy: string | null;
  decidedAt: Date | null;
  version: number | null;
}

/** The evidence rating: suggested by statistics/rating.ts, confirmed or overridden by the reviewer. */
@Injectable()
export class RatingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly evaluations: EvaluationsService,
    private readonly evidence: EvidenceService,
  ) {}

  async get(actor: Actor, id: number): Promise<RatingResponse> {
    const evaluation = await this.evaluations.findVisible(actor, id);
    const decision = await this.db.manager.findOneBy(EvaluationRating, { evaluationId: id });
    return this.respond(evaluation, decision);
  }

  decide(actor: Actor, id: number, dto: DecideRatingDto): Promise<RatingResponse> {
    return this.db.transaction(async (manager) => {
      const evaluation = await this.evaluations.reviewable(manager, actor, id);
      if (evaluation.status !== 'submitted' && evaluation.status !== 'approved') {
        throw new ConflictError(
          `evaluation ${id} is ${evaluation.status}; ratings are decided while in review or once approved`,
        );
      }
      const { rating: suggestion } = await this.evidence.evidenceOf(evaluation);
      const override = dto.rating !== suggestion.suggested;
      const reason = dto.reason ?? '';
      if (override && !reason) {
        throw ValidationFailedError.forField(
          'reason',
          `is required to override the suggested rating (${suggestion.suggested}) with ${dto.rating}`,
        );
      }
      const existing = await manager.findOne(EvaluationRating, {
        where: { evaluationId: id },
        lock: { mode: 'pessimistic_write' },
      });
      if (existing && existing.version !== dto.version) {
        throw new ConflictError(
          `the rating of evaluation ${id} was decided by someone else (your version ${dto.version ?? 'none'}, current ${existing.version}); reload and try again`,
        );
      }
      const before = existing ? this.snapshot(existing) : null;
      const saved = await manager.save(
        Object.assign(existing ?? manager.create(EvaluationRating, { evaluationId: id }), {
          organizationId: evaluation.organizationId,
          suggested: suggestion.suggested,
          rating: dto.rating,
          override,
          reason,
          decidedByUserId: actor.userId,
        }),
      );
      await recordAudit(manager, actor, {
        action: existing ? 'update' : 'create',
        entityType: 'evaluation_rating',
        entityId: id,
        subject: { type: 'evaluation', id },
        before,
        after: this.snapshot(saved),
      });
      return this.respond(evaluation, saved, suggestion);
    });
  }

  private snapshot(r: EvaluationRating) {
    return {
      suggested: r.suggested,
      rating: r.rating,
      override: r.override,
      reason: r.reason,
      decidedByUserId: r.decidedByUserId,
    };
  }

  private async respond(
    evaluation: Evaluation,
    decision: EvaluationRating | null,
    known?: Awaited<ReturnType<EvidenceService['evidenceOf']>>['rating'],
  ): Promise<RatingResponse> {
    const suggestion = known ?? (await this.evidence.evidenceOf(evaluation)).rating;
    const decider = decision ? await this.db.manager.findOneBy(User, { id: decision.decidedByUserId }) : null;
    return {
      evaluationId: evaluation.id,
      suggested: suggestion.suggested,
      evidenceTier: suggestion.evidenceTier,
      reasons: suggestion.reasons,
      confirmed: decision && !decision.override ? decision.rating : null,
      override: decision?.override ? { rating: decision.rating, reason: decision.reason } : null,
      suggestionChanged: decision !== null && decision.suggested !== suggestion.suggested,
      decidedBy: decision ? (decider?.displayName ?? `user ${decision.decidedByUserId}`) : null,
      decidedAt: decision?.decidedAt ?? null,
      version: decision?.version ?? null,
    };
  }
}
