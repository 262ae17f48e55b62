import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsCalendarDate, Nullable, NullAsEmpty, oneOf, Omittable, Trim } from '../../common/validation';
import { UpdateDtoOf, VersionedResponse } from '../../common/versioned';
import { Disaggregation } from '../../grants/dto/target.dto';
import {
  AGE_BANDS,
  ARMS,
  EVALUATION_LIMITS,
  SEXES,
  TIMEPOINTS,
  type AgeBand,
  type Arm,
  type Sex,
  type Timepoint,
} from '../../vocabulary/evaluations';

const FINITE = { allowNaN: false, allowInfinity: false };

export class CreateOutcomeMeasurementDto extends Disaggregation {
  @ApiProperty() @IsInt() @Min(1) evaluationId: number;
  @ApiProperty() @IsInt() @Min(1) indicatorId: number;

  @ApiProperty({ enum: ARMS, description: 'rct and quasi_experimental: treatment, comparison; other designs: single' })
  @IsIn(ARMS, oneOf(ARMS))
  arm: Arm;

  @ApiProperty({ enum: TIMEPOINTS })
  @IsIn(TIMEPOINTS, oneOf(TIMEPOINTS))
  timepoint: Timepoint;

  @ApiPropertyOptional({ maxLength: EVALUATION_LIMITS.timepointLabelLength, example: '6-month follow-up' })
  @Omittable()
  @NullAsEmpty()
  @Trim()
  @IsString()
  @MaxLength(EVALUATION_LIMITS.timepointLabelLength)
  timepointLabel?: string;

  @ApiPropertyOptional({ format: 'date', nullable: true, type: String })
  @IsOptional()
  @Nullable()
  @IsCalendarDate()
  measuredOn?: string | null;

  @ApiProperty({ minimum: 1, description: 'Group size (an aggregate: never one child)' })
  @IsInt()
  @Min(1)
  @Max(EVALUATION_LIMITS.maxN)
  n: number;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Proportion indicators: how many of n (0 to n)' })
  @IsOptional()
  @Nullable()
  @IsInt()
  @Min(0)
  events?: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Mean indicators' })
  @IsOptional()
  @Nullable()
  @IsNumber(FINITE)
  mean?: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Mean indicators: standard deviation (≥ 0)' })
  @IsOptional()
  @Nullable()
  @IsNumber(FINITE)
  @Min(0)
  sd?: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Count and rate indicators' })
  @IsOptional()
  @Nullable()
  @IsNumber(FINITE)
  value?: number | null;
}

export class UpdateOutcomeMeasurementDto extends UpdateDtoOf(CreateOutcomeMeasurementDto, ['organizationId']) {}

export class OutcomeMeasurementResponse extends VersionedResponse {
  @ApiProperty() organizationId: number;
  @ApiProperty() evaluationId: number;
  @ApiProperty() indicatorId: number;
  @ApiProperty({ enum: ARMS }) arm: Arm;
  @ApiProperty({ enum: TIMEPOINTS }) timepoint: Timepoint;
  @ApiProperty() timepointLabel: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) measuredOn: string | null;
  @ApiProperty({ enum: SEXES }) sex: Sex;
  @ApiProperty({ enum: AGE_BANDS }) ageBand: AgeBand;
  @ApiProperty() region: string;
  @ApiProperty() n: number;
  @ApiProperty({ nullable: true, type: Number }) events: number | null;
  @ApiProperty({ nullable: true, type: Number }) mean: number | null;
  @ApiProperty({ nullable: true, type: Number }) sd: number | null;
  @ApiProperty({ nullable: true, type: Number }) value: number | null;
}
