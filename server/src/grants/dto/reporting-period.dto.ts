import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsString, MaxLength, Min } from 'class-validator';
import { IsCalendarDate, Trim } from '../../common/validation';
import { UpdateDtoOf, VersionedResponse } from '../../common/versioned';
import { GRANT_LIMITS } from '../../vocabulary/grants';

export class CreateReportingPeriodDto {
  @ApiProperty() @IsInt() @Min(1) grantId: number;

  @ApiProperty({ example: 'Q1 2026' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(GRANT_LIMITS.labelLength)
  label: string;

  @ApiProperty({ format: 'date' }) @IsCalendarDate() startDate: string;
  @ApiProperty({ format: 'date' }) @IsCalendarDate() endDate: string;
  @ApiProperty({ format: 'date', description: 'When the report is due; on or after endDate' })
  @IsCalendarDate()
  dueDate: string;
}

export class UpdateReportingPeriodDto extends UpdateDtoOf(CreateReportingPeriodDto) {}

export class ReportingPeriodResponse extends VersionedResponse {
  @ApiProperty() grantId: number;
  @ApiProperty() label: string;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
  @ApiProperty({ format: 'date' }) dueDate: string;
}
