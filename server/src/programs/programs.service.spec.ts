import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ConflictError, NotFoundError, ValidationFailedError } from '../common/errors';
import { parseListQuery } from '../common/list-query';
import { actorFor } from '../access/actor';
import { dataSourceOptions } from '../database/data-source';
import { OrganizationsService } from '../organizations/organizations.service';
import { CreateProgramDto } from './dto/program.dto';
import { PROGRAM_LIST } from './programs.list';
import { ProgramsService } from './programs.service';

const admin = actorFor({ id: 0, organizationId: 0, role: 'admin' }, { kind: 'session', sessionId: 0 });

/** Persistence specs on a real PostgreSQL (jest.global-setup.mjs), never a mock. */
describe('ProgramsService (PostgreSQL)', () => {
  let db: DataSource;
  let programs: ProgramsService;
  let organizations: OrganizationsService;
  let ngoId: number;
  let funderId: number;
  const tag = `spec-${Date.now().toString(36)}`;

  const input = (overrides: Partial<CreateProgramDto> = {}): CreateProgramDto =>
    Object.assign(new CreateProgramDto(), {
      organizationId: ngoId,
      name: `${tag} program`,
      strategy: 'training',
      setting: 'justice_system',
      startDate: '2026-01-01',
      ...overrides,
    });

  beforeAll(async () => {
    db = new DataSource(dataSourceOptions(process.env.TEST_DATABASE_URL!));
    await db.initialize();
    await db.runMigrations();
    programs = new ProgramsService(db);
    organizations = new OrganizationsService(db);
    ngoId = (await organizations.create(admin, { name: `${tag} NGO`, kind: 'ngo' })).id;
    funderId = (await organizations.create(admin, { name: `${tag} Funder`, kind: 'funder' })).id;
  });

  afterAll(async () => {
    await db?.destroy();
  });

  it('stores a program with defaults and reads it back', async () => {
    const created = await programs.create(admin, input({ countries: ['BR', 'PH'] }));
    expect(created).toMatchObject({
      organizationId: ngoId,
      summary: '',
      status: 'planned',
      countries: ['BR', 'PH'],
      endDate: null,
      inputs: [],
      version: 1,
    });
    expect(await programs.get(admin, created.id)).toEqual(created);
  });

  it('refuses a program run by an organization that is not an NGO', async () => {
    await expect(programs.create(admin, input({ organizationId: funderId }))).rejects.toThrow(ValidationFailedError);
    await expect(programs.create(admin, input({ organizationId: 2147483000 }))).rejects.toThrow('does not exist');
  });

  it('refuses an end date before the start date, also when only one of them changes', async () => {
    await expect(programs.create(admin, input({ endDate: '2025-12-31' }))).rejects.toThrow(
      'on or after the start date',
    );
    const program = await programs.create(admin, input({ endDate: '2026-06-30' }));
    await expect(programs.update(admin, program.id, { version: 1, startDate: '2026-07-01' })).rejects.toThrow(
      ValidationFailedError,
    );
    expect((await programs.get(admin, program.id)).startDate).toBe('2026-01-01');
  });

  it('increments the version and refuses a stale one with a conflict', async () => {
    const program = await programs.create(admin, input());
    const updated = await programs.update(admin, program.id, { version: 1, status: 'active' });
    expect(updated.version).toBe(2);
    expect(updated.status).toBe('active');
    await expect(programs.update(admin, program.id, { version: 1, status: 'completed' })).rejects.toThrow(
      ConflictError,
    );
    expect((await programs.get(admin, program.id)).status).toBe('active');
  });

  it('lets exactly one of two concurrent updates of the same version win', async () => {
    const program = await programs.create(admin, input());
    const results = await Promise.allSettled([
      programs.update(admin, program.id, { version: 1, name: `${tag} A` }),
      programs.update(admin, program.id, { version: 1, name: `${tag} B` }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof ConflictError)).toHaveLength(1);
    expect((await programs.get(admin, program.id)).version).toBe(2);
  });

  it('filters by country, strategy and a case- and accent-safe search', async () => {
    await programs.create(admin, input({ name: `${tag} Niñez segura`, countries: ['CO'], strategy: 'educate_public' }));
    await programs.create(admin, input({ name: `${tag} 100% safe_online`, countries: ['PH'] }));
    const list = (filter: object) =>
      programs.list(
        admin,
        parseListQuery({ filter: JSON.stringify({ ...filter, q: (filter as { q?: string }).q ?? tag }) }, PROGRAM_LIST),
      );

    const colombia = await list({ country: 'CO' });
    expect(colombia.items.map((p) => p.name)).toEqual([`${tag} Niñez segura`]);
    expect((await list({ q: 'NIÑEZ' })).items).toHaveLength(1);
    expect((await list({ strategy: 'educate_public' })).total).toBe(1);
    // % and _ are searched literally, not as wildcards.
    expect((await list({ q: '100%' })).items.map((p) => p.name)).toEqual([`${tag} 100% safe_online`]);
    expect((await list({ q: `${tag} 1_0` })).items).toHaveLength(0);
  });

  it('pages with a stable order and reports the total', async () => {
    const query = (range: string) =>
      parseListQuery({ sort: '["strategy","ASC"]', range, filter: JSON.stringify({ q: tag }) }, PROGRAM_LIST);
    const first = await programs.list(admin, query('[0,2]'));
    const second = await programs.list(admin, query('[3,5]'));
    expect(first.items).toHaveLength(3);
    expect(first.total).toBeGreaterThanOrEqual(6);
    const ids = [...first.items, ...second.items].map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('deletes and then reports the program as missing', async () => {
    const program = await programs.create(admin, input());
    expect((await programs.remove(admin, program.id)).id).toBe(program.id);
    await expect(programs.get(admin, program.id)).rejects.toThrow(NotFoundError);
    await expect(programs.remove(admin, program.id)).rejects.toThrow(NotFoundError);
  });

  it('keeps an organization that still runs programs', async () => {
    await expect(organizations.remove(admin, ngoId)).rejects.toThrow(ConflictError);
    await expect(organizations.update(admin, ngoId, { version: 1, kind: 'funder' })).rejects.toThrow(
      'must stay an NGO',
    );
  });
});
