import { Module } from '@nestjs/common';
import { ExportsModule } from '../exports/exports.module';
import { OutcomeMeasurementsController } from './outcome-measurements.controller';
import { OutcomeMeasurementsService } from './outcome-measurements.service';

@Module({
  imports: [ExportsModule],
  controllers: [OutcomeMeasurementsController],
  providers: [OutcomeMeasurementsService],
})
export class OutcomesModule {}
