import { Module } from '@nestjs/common';
import { JobQueue } from './job-queue';
import { JobsController } from './jobs.controller';
import { JobsService } from './jobs.service';

@Module({ controllers: [JobsController], providers: [JobsService, JobQueue], exports: [JobsService, JobQueue] })
export class JobsModule {}
