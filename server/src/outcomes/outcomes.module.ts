import { Module } from '@nestjs/common';
import { OutcomeMeasurementsController } from './outcome-measurements.controller';
import { OutcomeMeasurementsService } from './outcome-measurements.service';

@Module({ controllers: [OutcomeMeasurementsController], providers: [OutcomeMeasurementsService] })
export class OutcomesModule {}
