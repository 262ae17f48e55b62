import { Module } from '@nestjs/common';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';
import { MeasurementImportRunner } from './measurement-import';

@Module({
  imports: [EvaluationsModule],
  controllers: [ImportsController],
  providers: [ImportsService, MeasurementImportRunner],
})
export class ImportsModule {}
