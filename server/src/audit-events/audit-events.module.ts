import { Module } from '@nestjs/common';
import { ExportsModule } from '../exports/exports.module';
import { AuditController } from './audit-events.controller';
import { AuditService } from './audit-events.service';

@Module({
  imports: [ExportsModule],
  controllers: [AuditController],
  providers: [AuditService],
})
export class AuditModule {}
