import { Module } from '@nestjs/common';
import { ExportsModule } from '../exports/exports.module';
import { EvaluationsController } from './evaluations.controller';
import { EvaluationsService } from './evaluations.service';
import { ReviewService } from './review.service';

@Module({
  imports: [ExportsModule],
  controllers: [EvaluationsController],
  providers: [EvaluationsService, ReviewService],
  exports: [EvaluationsService],
})
export class EvaluationsModule {}
