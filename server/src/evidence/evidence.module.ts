import { Module } from '@nestjs/common';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { AnalysisController, EvaluationEvidenceController } from './evidence.controller';
import { EvidenceService } from './evidence.service';
import { RatingsService } from './ratings.service';

@Module({
  imports: [EvaluationsModule],
  controllers: [EvaluationEvidenceController, AnalysisController],
  providers: [EvidenceService, RatingsService],
  exports: [EvidenceService, RatingsService],
})
export class EvidenceModule {}
