import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor, RequirePermission } from '../access/decorators';
import { DashboardService } from './dashboard.service';

@ApiTags('dashboard')
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  @RequirePermission('organizations:read')
  @ApiOkResponse({
    description:
      'What the signed-in person sees first: evaluations by status, what needs action, the review queue, grants with progress, reporting periods due, portfolio, ratings, outcome switching, latest comments (admins: users, audit, failed jobs)',
  })
  get(@CurrentActor() actor: Actor) {
    return this.dashboard.forActor(actor);
  }
}
