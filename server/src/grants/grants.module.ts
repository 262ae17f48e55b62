import { Module } from '@nestjs/common';
import { ExportsModule } from '../exports/exports.module';
import { GrantsController, ReportingPeriodsController, TargetsController } from './grants.controller';
import { GrantsService } from './grants.service';
import { ReportingPeriodsService } from './reporting-periods.service';
import { TargetsService } from './targets.service';

@Module({
  imports: [ExportsModule],
  controllers: [GrantsController, ReportingPeriodsController, TargetsController],
  providers: [GrantsService, ReportingPeriodsService, TargetsService],
})
export class GrantsModule {}
