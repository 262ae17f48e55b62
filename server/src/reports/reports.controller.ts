import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../access/actor';
import { CurrentActor, RequirePermission } from '../access/decorators';
import { IdParam } from '../common/validation';
import { ReportsService } from './reports.service';

@ApiTags('exports')
@Controller('evaluations')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get(':id/summary.pdf')
  @RequirePermission('evaluations:read')
  @ApiOkResponse({ description: 'Evaluation summary for boards and funders (PDF)' })
  async pdf(@CurrentActor() actor: Actor, @IdParam() id: number, @Res() res: Response): Promise<void> {
    const file = await this.reports.summary(actor, id, 'pdf');
    res.type('application/pdf').attachment(file.name).send(file.body);
  }

  @Get(':id/summary.xlsx')
  @RequirePermission('evaluations:read')
  @ApiOkResponse({ description: 'Evaluation summary as a workbook (XLSX)' })
  async xlsx(@CurrentActor() actor: Actor, @IdParam() id: number, @Res() res: Response): Promise<void> {
    const file = await this.reports.summary(actor, id, 'xlsx');
    res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').attachment(file.name).send(file.body);
  }
}
