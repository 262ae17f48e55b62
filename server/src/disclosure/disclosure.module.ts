import { Module } from '@nestjs/common';
import { ResearchDatasetController } from './research-dataset.controller';
import { ResearchDatasetService } from './research-dataset';

@Module({ controllers: [ResearchDatasetController], providers: [ResearchDatasetService] })
export class DisclosureModule {}
