import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNumber, IsString, Matches, MaxLength, Min } from 'class-validator';
import { Transform } from 'class-transformer';
import { Nullable, NullAsEmpty, oneOf, Omittable, Trim } from '../../common/validation';
import { UpdateDtoOf, VersionedResponse } from '../../common/versioned';
import {
  AGE_BANDS,
  EVALUATION_MESSAGES,
  REGION_PATTERN,
  SEXES,
  type AgeBand,
  type Sex,
} from '../../vocabulary/evaluations';
import { GRANT_LIMITS } from '../../vocabulary/grants';

const FINITE = { allowNaN: false, allowInfinity: false };

/** Disaggregation fields shared by targets and outcome measurements (each defaults to `total`). */
export class Disaggregation {
  @ApiPropertyOptional({ enum: SEXES, default: 'total' })
  @Omittable()
  @IsIn(SEXES, oneOf(SEXES))
  sex?: Sex;

  @ApiPropertyOptional({ enum: AGE_BANDS, default: 'total' })
  @Omittable()
  @IsIn(AGE_BANDS, oneOf(AGE_BANDS))
  ageBand?: AgeBand;

  @ApiPropertyOptional({ default: 'total', example: 'PH-00', description: 'total, or an ISO 3166 code' })
  @Omittable()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? (value.trim().toLowerCase() === 'total' ? 'total' : value.trim().toUpperCase()) : value,
  )
  @IsString()
  @Matches(REGION_PATTERN, { message: EVALUATION_MESSAGES.regionFormat })
  region?: string;
}

export class CreateTargetDto extends Disaggregation {
  @ApiProperty() @IsInt() @Min(1) reportingPeriodId: number;
  @ApiProperty() @IsInt() @Min(1) indicatorId: number;

  @ApiPropertyOptional({ nullable: true, type: Number })
  @Omittable()
  @Nullable()
  @IsNumber(FINITE)
  baselineValue?: number | null;

  @ApiProperty() @IsNumber(FINITE) targetValue: number;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Reported by the grantee' })
  @Omittable()
  @Nullable()
  @IsNumber(FINITE)
  actualValue?: number | null;

  @ApiPropertyOptional({ maxLength: GRANT_LIMITS.commentLength, description: EVALUATION_MESSAGES.noChildData })
  @Omittable()
  @NullAsEmpty()
  @Trim()
  @IsString()
  @MaxLength(GRANT_LIMITS.commentLength)
  comment?: string;
}

export class UpdateTargetDto extends UpdateDtoOf(CreateTargetDto, ['grantId', 'progress']) {}

export class TargetResponse extends VersionedResponse {
  @ApiProperty() grantId: number;
  @ApiProperty() reportingPeriodId: number;
  @ApiProperty() indicatorId: number;
  @ApiProperty({ enum: SEXES }) sex: Sex;
  @ApiProperty({ enum: AGE_BANDS }) ageBand: AgeBand;
  @ApiProperty() region: string;
  @ApiProperty({ nullable: true, type: Number }) baselineValue: number | null;
  @ApiProperty() targetValue: number;
  @ApiProperty({ nullable: true, type: Number }) actualValue: number | null;
  @ApiProperty() comment: string;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Share of the way from baseline to target (1 = met), direction-aware; null without an actual',
  })
  progress: number | null;
}
