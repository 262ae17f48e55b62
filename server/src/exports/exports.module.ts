import { Module } from '@nestjs/common';
import { ExportService } from './export.service';

/** Streaming list exports (CSV, XLSX, NDJSON), for the features whose lists can be downloaded. */
@Module({ providers: [ExportService], exports: [ExportService] })
export class ExportsModule {}
