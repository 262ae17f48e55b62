import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsString, MaxLength, Min, ValidateIf } from 'class-validator';
import { EFFECT_MEASURES } from '../../statistics/effect-sizes';
import { EVIDENCE_RATINGS } from '../../statistics/rating';
import { META_METHODS, META_TESTS } from '../../statistics/meta-analysis';
import type { EffectMeasure } from '../../statistics/effect-sizes';
import type { EvidenceRating } from '../../statistics/rating';
import type { MetaMethod, MetaTest } from '../../statistics/meta-analysis';
import { NullAsEmpty, oneOf, Omittable, Trim } from '../../common/validation';
import { EVALUATION_LIMITS, EVALUATION_MESSAGES, type Timepoint } from '../../vocabulary/evaluations';
import { STRATEGIES, type Strategy } from '../../vocabulary/programs';

/** Query strings arrive as text: whole numbers are converted, anything else left for the validators. */
const ToInt = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : value,
  );

export class EffectsQueryDto {
  @ApiPropertyOptional({ enum: ['RR', 'OR', 'RD'], description: 'Measure for proportion outcomes (default RR)' })
  @Omittable()
  @IsIn(['RR', 'OR', 'RD'], oneOf(['RR', 'OR', 'RD']))
  measure?: EffectMeasure;
}

export class PooledQueryDto {
  @ApiProperty({ description: 'The indicator to pool' })
  @ToInt()
  @IsInt({ message: 'must be a positive whole number' })
  @Min(1)
  indicatorId: number;

  @ApiPropertyOptional({ enum: STRATEGIES, description: 'Only programs of this strategy (default all)' })
  @Omittable()
  @IsIn(STRATEGIES, oneOf(STRATEGIES))
  strategy?: Strategy;

  @ApiPropertyOptional({ enum: EFFECT_MEASURES, description: 'Default: RR for proportions, SMD for means' })
  @Omittable()
  @IsIn(EFFECT_MEASURES, oneOf(EFFECT_MEASURES))
  measure?: EffectMeasure;

  @ApiPropertyOptional({ enum: META_METHODS, default: 'REML' })
  @Omittable()
  @IsIn(META_METHODS, oneOf(META_METHODS))
  method?: MetaMethod;

  @ApiPropertyOptional({ enum: META_TESTS, default: 'z', description: 'knha: Knapp–Hartung adjustment' })
  @Omittable()
  @IsIn(META_TESTS, oneOf(META_TESTS))
  test?: MetaTest;

  @ApiPropertyOptional({ enum: ['post', 'follow_up'], default: 'post' })
  @Omittable()
  @IsIn(['post', 'follow_up'], oneOf(['post', 'follow_up']))
  timepoint?: Exclude<Timepoint, 'baseline'>;
}

export class DecideRatingDto {
  @ApiProperty({ enum: EVIDENCE_RATINGS, description: 'The suggestion confirms it; anything else overrides it' })
  @IsIn(EVIDENCE_RATINGS, oneOf(EVIDENCE_RATINGS))
  rating: EvidenceRating;

  @ApiPropertyOptional({ description: `Required for an override. ${EVALUATION_MESSAGES.noChildData}` })
  @Omittable()
  @NullAsEmpty()
  @Trim()
  @IsString()
  @MaxLength(EVALUATION_LIMITS.commentLength)
  reason?: string;

  @ApiPropertyOptional({ description: 'The version of the decision that was read (when one exists)' })
  @ValidateIf((_: object, value: unknown) => value !== undefined && value !== null)
  @IsInt()
  @Min(1)
  version?: number | null;
}
