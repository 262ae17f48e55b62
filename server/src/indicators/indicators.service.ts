import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/actor';
import { ConflictError, NotFoundError, ValidationFailedError } from '../common/errors';
import { Target } from '../database/entities/grant.entity';
import { OutcomeMeasurement } from '../database/entities/outcome-measurement.entity';
import { fetchListPage, ListPage, ListQuery } from '../common/list-query';
import { lockForUpdate } from '../common/optimistic-update';
import { recordAudit } from '../audit/audit-log';
import { CreateIndicatorDto, IndicatorResponse, UpdateIndicatorDto } from './dto/indicator.dto';
import { ContextValue, Indicator } from '../database/entities/indicator.entity';
import { INDICATOR_LIST } from './indicators.list';

export function toIndicatorResponse(i: Indicator): IndicatorResponse {
  return {
    id: i.id,
    code: i.code,
    name: i.name,
    definition: i.definition,
    level: i.level,
    measureType: i.measureType,
    unit: i.unit,
    rateBase: i.rateBase,
    direction: i.direction,
    minValue: i.minValue,
    maxValue: i.maxValue,
    sdgTarget: i.sdgTarget,
    iatiVocabulary: i.iatiVocabulary,
    iatiCode: i.iatiCode,
    active: i.active,
    contextSeries: i.contextSeries,
    contextSource: i.contextSource,
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
    version: i.version,
  };
}

/** The values of an indicator's optional fields when they are left out (API and imports). */
export const INDICATOR_DEFAULTS = {
  definition: '',
  unit: '',
  rateBase: null,
  minValue: null,
  maxValue: null,
  sdgTarget: null,
  iatiVocabulary: null,
  iatiCode: null,
  active: true,
  contextSeries: [] as ContextValue[],
  contextSource: null,
} as const;

/** The message for a rate without a base (the API and the library import). */
const RATE_BASE_REQUIRED = 'is required for a rate: 1, 100, 1000 or 100000';

/**
 * An update's changes applied to the stored indicator. Changing the measure type away from `rate`
 * without saying `rateBase` clears the base (it means nothing for other measure types); changing
 * it to `rate` without a base leaves the base null, which checkIndicatorRules refuses.
 */
export function mergeIndicatorChanges(row: Indicator, changes: Partial<Indicator>): Indicator {
  const merged = Object.assign(row, changes);
  if (changes.measureType !== undefined && changes.measureType !== 'rate' && changes.rateBase === undefined) {
    merged.rateBase = null;
  }
  return merged;
}

/** The rules across fields (after the DTO's own checks); the database's checks only back them up. */
export function checkIndicatorRules(indicator: Indicator): void {
  if (indicator.measureType === 'rate' && (indicator.rateBase ?? null) === null) {
    throw ValidationFailedError.forField('rateBase', RATE_BASE_REQUIRED, 'required');
  }
  if (indicator.measureType !== 'rate' && (indicator.rateBase ?? null) !== null) {
    throw ValidationFailedError.forField(
      'rateBase',
      `must be empty for a ${indicator.measureType} (only a rate has a base)`,
      'not_used_by_measure_type',
    );
  }
  if (indicator.minValue !== null && indicator.maxValue !== null && indicator.minValue > indicator.maxValue) {
    throw ValidationFailedError.forField('maxValue', `must be at least the minimum (${indicator.minValue})`);
  }
  if (indicator.measureType === 'proportion' && ((indicator.minValue ?? 0) < 0 || (indicator.maxValue ?? 1) > 1)) {
    throw ValidationFailedError.forField('maxValue', 'a proportion’s plausible range lies within 0 to 1');
  }
  const years = indicator.contextSeries.map((v) => v.year);
  const repeated = years.find((year, index) => years.indexOf(year) !== index);
  if (repeated !== undefined) {
    throw ValidationFailedError.forField('contextSeries', `has year ${repeated} more than once`, 'duplicate_year');
  }
  indicator.contextSeries = indicator.contextSeries
    .map(({ year, value }) => ({ year, value }))
    .sort((a, b) => a.year - b.year);
}

/** The shared indicator library: everyone reads it, administrators manage it (route permissions). */
@Injectable()
export class IndicatorsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Every row (the route's permission is the access rule): lists and exports start here. */
  visible(_actor: Actor) {
    return this.db.getRepository(Indicator).createQueryBuilder('indicator');
  }

  list(_actor: Actor, query: ListQuery): Promise<ListPage<IndicatorResponse>> {
    return fetchListPage(
      this.db.getRepository(Indicator).createQueryBuilder('indicator'),
      INDICATOR_LIST,
      query,
      toIndicatorResponse,
    );
  }

  async get(_actor: Actor, id: number): Promise<IndicatorResponse> {
    const indicator = await this.db.getRepository(Indicator).findOneBy({ id });
    if (!indicator) throw new NotFoundError('indicator', id);
    return toIndicatorResponse(indicator);
  }

  create(actor: Actor, dto: CreateIndicatorDto): Promise<IndicatorResponse> {
    return this.db.transaction(async (manager) => {
      const indicator = manager.create(Indicator, { ...INDICATOR_DEFAULTS, ...dto });
      checkIndicatorRules(indicator);
      const created = toIndicatorResponse(await manager.save(indicator));
      await recordAudit(manager, actor, {
        action: 'create',
        entityType: 'indicator',
        entityId: created.id,
        after: created,
      });
      return created;
    });
  }

  update(actor: Actor, id: number, dto: UpdateIndicatorDto): Promise<IndicatorResponse> {
    return this.db.transaction(async (manager) => {
      const { row, changes } = await lockForUpdate(manager, Indicator, 'indicator', id, dto);
      const before = toIndicatorResponse(row);
      const indicator = mergeIndicatorChanges(row, changes);
      checkIndicatorRules(indicator);
      const after = toIndicatorResponse(await manager.save(indicator));
      await recordAudit(manager, actor, { action: 'update', entityType: 'indicator', entityId: id, before, after });
      return after;
    });
  }

  /**
   * Deletes an unused indicator; one in use (measurements, targets, primary outcomes) is a 409:
   * deactivate it instead. The foreign keys (ON DELETE RESTRICT) back this up.
   */
  remove(actor: Actor, id: number): Promise<IndicatorResponse> {
    return this.db.transaction(async (manager) => {
      const indicator = await manager.findOneBy(Indicator, { id });
      if (!indicator) throw new NotFoundError('indicator', id);
      const [measurements, targets] = await Promise.all([
        manager.countBy(OutcomeMeasurement, { indicatorId: id }),
        manager.countBy(Target, { indicatorId: id }),
      ]);
      const primary: { count: string }[] = await manager.query(
        'SELECT count(*) AS count FROM evaluations WHERE $1 = ANY(primary_indicator_ids)',
        [id],
      );
      if (measurements + targets + Number(primary[0].count) > 0) {
        throw new ConflictError(
          `indicator ${indicator.code} is in use (${measurements} measurement(s), ${targets} target(s), ` +
            `${primary[0].count} evaluation(s) name it a primary outcome); deactivate it instead`,
        );
      }
      await manager.delete(Indicator, { id });
      const removed = toIndicatorResponse(indicator);
      await recordAudit(manager, actor, { action: 'delete', entityType: 'indicator', entityId: id, before: removed });
      return removed;
    });
  }
}
