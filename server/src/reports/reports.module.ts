import { Module } from '@nestjs/common';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { EvidenceModule } from '../evidence/evidence.module';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({ imports: [EvaluationsModule, EvidenceModule], controllers: [ReportsController], providers: [ReportsService] })
export class ReportsModule {}
