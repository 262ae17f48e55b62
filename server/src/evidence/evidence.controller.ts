import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor, RequirePermission } from '../access/decorators';
import { ApiId } from '../common/api-docs';
import { IdParam } from '../common/validation';
import { DecideRatingDto, EffectsQueryDto, PooledQueryDto } from './dto/evidence.dto';
import { EvidenceService } from './evidence.service';
import { PooledAnalysisService } from './pooled-analysis.service';
import { RatingsService } from './ratings.service';

@ApiTags('analysis')
@Controller('evaluations')
export class EvaluationEvidenceController {
  constructor(
    private readonly evidence: EvidenceService,
    private readonly ratings: RatingsService,
  ) {}

  @Get(':id/effects')
  @RequirePermission('evaluations:read')
  @ApiId(Object)
  async effects(@CurrentActor() actor: Actor, @IdParam() id: number, @Query() query: EffectsQueryDto) {
    const { effects, skipped } = await this.evidence.forEvaluation(actor, id, query.measure);
    return { effects, skipped };
  }

  @Get(':id/rating')
  @RequirePermission('evaluations:read')
  @ApiId(Object)
  rating(@CurrentActor() actor: Actor, @IdParam() id: number) {
    return this.ratings.get(actor, id);
  }

  @Post(':id/rating')
  @HttpCode(200)
  @RequirePermission('evaluations:review')
  @ApiId(Object)
  decide(@CurrentActor() actor: Actor, @IdParam() id: number, @Body() dto: DecideRatingDto) {
    return this.ratings.decide(actor, id, dto);
  }
}

@ApiTags('analysis')
@Controller('analysis')
export class AnalysisController {
  constructor(private readonly pooledAnalysis: PooledAnalysisService) {}

  @Get('pooled')
  @RequirePermission('analysis:read')
  @ApiOkResponse({ description: 'Pooled estimate, heterogeneity, prediction interval and the study table' })
  pooled(@CurrentActor() actor: Actor, @Query() query: PooledQueryDto) {
    return this.pooledAnalysis.pooled(actor, {
      indicatorId: query.indicatorId,
      strategy: query.strategy,
      measure: query.measure,
      method: query.method ?? 'REML',
      test: query.test ?? 'z',
      timepoint: query.timepoint ?? 'post',
    });
  }

  @Get('evidence-map')
  @RequirePermission('analysis:read')
  @ApiOkResponse({ description: 'Strategy × indicator cells with k and the REML estimate' })
  evidenceMap(@CurrentActor() actor: Actor) {
    return this.pooledAnalysis.evidenceMap(actor);
  }
}
