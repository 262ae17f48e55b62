import { Module } from '@nestjs/common';
import { EvaluationsController } from './evaluations.controller';
import { EvaluationsService } from './evaluations.service';
import { ReviewService } from './review.service';

@Module({
  controllers: [EvaluationsController],
  providers: [EvaluationsService, ReviewService],
  exports: [EvaluationsService],
})
export class EvaluationsModule {}
