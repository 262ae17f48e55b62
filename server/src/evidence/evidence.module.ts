import { Module } from '@nestjs/common';
import { DisclosureModule } from '../disclosure/disclosure.module';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { AnalysisController, EvaluationEvidenceController } from './evidence.controller';
import { AnalysisCache } from './analysis-cache';
import { EvidenceService } from './evidence.service';
import { PooledAnalysisService } from './pooled-analysis.service';
import { RatingsService } from './ratings.service';

@Module({
  imports: [EvaluationsModule, DisclosureModule],
  controllers: [EvaluationEvidenceController, AnalysisController],
  providers: [EvidenceService, PooledAnalysisService, AnalysisCache, RatingsService],
  exports: [EvidenceService, RatingsService],
})
export class EvidenceModule {}
