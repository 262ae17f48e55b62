import { Module } from '@nestjs/common';
import { DisclosureService } from './disclosure.service';
import { ResearchDatasetController } from './research-dataset.controller';
import { ResearchDatasetService } from './research-dataset';

@Module({
  controllers: [ResearchDatasetController],
  providers: [DisclosureService, ResearchDatasetService],
  exports: [DisclosureService],
})
export class DisclosureModule {}
