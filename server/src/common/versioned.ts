import { Type } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Allow, IsInt, Min } from 'class-validator';
import { CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** Columns every resource row has: identity id, timestamps, and the optimistic-concurrency version. */
export abstract class VersionedEntity {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}

/** The same fields in responses. */
export abstract class VersionedResponse {
  @ApiProperty() id: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
  @ApiProperty() version: number;
}

export interface VersionedUpdate {
  version: number;
  id?: unknown;
  createdAt?: unknown;
  updatedAt?: unknown;
}

/**
 * PUT body for a resource: any subset of its create fields (null only where the create DTO
 * allows it) plus the `version` that was read. Read-only fields a client echoes back
 * (`id`, `createdAt`, `updatedAt`, and the computed fields named in `readOnly`) are accepted
 * and ignored, so the stock react-admin provider can send the record it loaded.
 */
/** Where an update DTO lists the read-only response fields it accepts and ignores. */
export const READ_ONLY_FIELDS = Symbol('readOnlyFields');

export function UpdateDtoOf<T>(create: Type<T>, readOnly: readonly string[] = []): Type<Partial<T> & VersionedUpdate> {
  const Partial = PartialType<object>(create as Type<object>, { skipNullProperties: false });
  class UpdateDto extends Partial {
    @ApiProperty({ description: 'The version that was read; a stale version is a 409', example: 1 })
    @IsInt()
    @Min(1)
    version: number;

    @ApiPropertyOptional({ readOnly: true })
    @Allow()
    id?: unknown;

    @ApiPropertyOptional({ readOnly: true })
    @Allow()
    createdAt?: unknown;

    @ApiPropertyOptional({ readOnly: true })
    @Allow()
    updatedAt?: unknown;
  }
  for (const field of readOnly) {
    Allow()(UpdateDto.prototype, field);
  }
  Object.defineProperty(UpdateDto.prototype, READ_ONLY_FIELDS, {
    value: ['id', 'createdAt', 'updatedAt', ...readOnly],
  });
  return UpdateDto as Type<Partial<T> & VersionedUpdate>;
}
