import { Module } from '@nestjs/common';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { JobsModule } from '../jobs/jobs.module';
import { ImportsController, LibraryImportsController } from './imports.controller';
import { IndicatorImportRunner } from './indicator-import';
import { TargetImportRunner } from './target-import';
import { ImportsService } from './imports.service';
import { MeasurementImportRunner } from './measurement-import';

@Module({
  imports: [EvaluationsModule, JobsModule],
  controllers: [ImportsController, LibraryImportsController],
  providers: [ImportsService, MeasurementImportRunner, IndicatorImportRunner, TargetImportRunner],
})
export class ImportsModule {}
