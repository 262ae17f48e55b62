import { DataSource } from 'typeorm';
import { Organization } from '../database/entities/organization.entity';
import { hashPassword } from '../auth/passwords';
import { Indicator } from '../database/entities/indicator.entity';
import { Program } from '../database/entities/program.entity';
import { User } from '../database/entities/user.entity';
import type { Role } from '../vocabulary/roles';
import { seedDemoEvaluations } from './demo-evaluations';
import { DEMO_INDICATORS } from './indicators';
import type { OrganizationKind } from '../vocabulary/organizations';
import type { ProgramStatus, Setting, Strategy, TargetPopulation } from '../vocabulary/programs';

/**
 * Demo data drawn from the kinds of program the field's own report describes. Fixed values,
 * so every fresh install shows the same thing. Idempotent: organizations and programs are
 * matched by name and only missing ones are added.
 */
const ORGANIZATIONS: { name: string; kind: OrganizationKind; country: string | null; website: string | null }[] = [
  { name: 'Fundación Niñez Segura', kind: 'ngo', country: 'CO', website: 'https://ninezsegura.example.org' },
  { name: 'Safe Childhood Philippines', kind: 'ngo', country: 'PH', website: 'https://safechildhood.example.org' },
  { name: 'Projeto Proteger', kind: 'ngo', country: 'BR', website: null },
  { name: 'Hope Street Youth Services', kind: 'ngo', country: 'US', website: 'https://hopestreet.example.org' },
  { name: 'Northbridge Foundation', kind: 'funder', country: 'US', website: 'https://northbridge.example.org' },
  { name: 'Global Fund for Child Safety', kind: 'funder', country: 'GB', website: null },
  { name: 'Centre for Prevention Research', kind: 'research', country: 'GB', website: null },
  { name: 'Outcome Ledger Platform', kind: 'platform', country: null, website: null },
];

interface DemoProgram {
  organization: string;
  name: string;
  summary: string;
  strategy: Strategy;
  targetPopulations: TargetPopulation[];
  setting: Setting;
  countries: string[];
  startDate: string;
  endDate: string | null;
  status: ProgramStatus;
  inputs: string[];
  activities: string[];
  outputs: string[];
  intendedOutcomes: string[];
}

const PROGRAMS: DemoProgram[] = [
  {
    organization: 'Hope Street Youth Services',
    name: 'Hotline and reporting awareness',
    summary:
      'Posters, school assemblies and transit advertising that tell young people and adults how to report suspected exploitation to the national hotline. The hotline’s yearly tip counts (indicator CTX-TIPS-01) are the context series.',
    strategy: 'educate_public',
    targetPopulations: ['general_public', 'children_youth_at_risk'],
    setting: 'community',
    countries: ['US'],
    startDate: '2024-01-01',
    endDate: null,
    status: 'active',
    inputs: ['Poster and radio materials', 'Hotline partnership'],
    activities: ['School assemblies', 'Transit advertising', 'Hotline number on youth-service websites'],
    outputs: ['Assemblies held', 'Advertising impressions'],
    intendedOutcomes: ['More people know how to report', 'More tips reported to the hotline'],
  },
  {
    organization: 'Projeto Proteger',
    name: 'Public-service announcements in six languages',
    summary:
      'Radio and online public-service announcements in Portuguese, Spanish, English, French, Guarani and Quechua along migration routes, naming the signs of recruitment and the hotline number.',
    strategy: 'educate_public',
    targetPopulations: ['general_public', 'children_youth_at_risk'],
    setting: 'online',
    countries: ['BR', 'PY', 'BO'],
    startDate: '2025-09-01',
    endDate: '2026-08-31',
    status: 'active',
    inputs: ['Scripts reviewed by native speakers', 'Air time donated by community radio'],
    activities: ['Radio spots', 'Short videos on social media'],
    outputs: ['Spots aired', 'Video views'],
    intendedOutcomes: ['Recognition of recruitment signs', 'More tips reported to the hotline'],
  },
  {
    organization: 'Safe Childhood Philippines',
    name: 'Animated film screenings for children at risk',
    summary:
      'Screenings of a short animated film about how traffickers and recruiters approach children, followed by facilitated discussion in schools and barangay halls. The report cites 90 % of viewers of a similar film saying they would not have migrated had they known the risk.',
    strategy: 'educate_potential_victims',
    targetPopulations: ['children_youth_at_risk', 'educators'],
    setting: 'school',
    countries: ['PH'],
    startDate: '2025-06-01',
    endDate: '2026-05-31',
    status: 'active',
    inputs: ['Animated film (Tagalog and Cebuano)', 'Two trained facilitators per province'],
    activities: ['Film screenings', 'Facilitated discussion', 'Take-home leaflet for parents'],
    outputs: ['Screenings held', 'Children reached'],
    intendedOutcomes: ['Children can name three recruitment tactics', 'Children know whom to tell'],
  },
  {
    organization: 'Fundación Niñez Segura',
    name: 'Recruiters’ tactics school curriculum',
    summary: 'Eight-session curriculum for grades 6–9 teaching how recruiters operate online and offline.',
    strategy: 'educate_potential_victims',
    targetPopulations: ['children_youth_at_risk', 'educators'],
    setting: 'school',
    countries: ['CO'],
    startDate: '2024-02-01',
    endDate: '2026-11-30',
    status: 'active',
    inputs: ['Curriculum manual', 'Teacher training days'],
    activities: ['Teacher training', 'Classroom sessions', 'School safety committee meetings'],
    outputs: ['Teachers trained', 'Students completing six or more sessions'],
    intendedOutcomes: ['Recognition of grooming and recruitment', 'Help-seeking intentions'],
  },
  {
    organization: 'Fundación Niñez Segura',
    name: 'Parents on guard: supervision workshops',
    summary: 'Evening workshops for parents and caregivers on supervision, online risks and warning signs.',
    strategy: 'parental_supervision',
    targetPopulations: ['parents_caregivers'],
    setting: 'community',
    countries: ['CO'],
    startDate: '2025-01-15',
    endDate: null,
    status: 'active',
    inputs: ['Workshop guide', 'Community venues'],
    activities: ['Four evening workshops', 'Follow-up phone call'],
    outputs: ['Parents completing the series'],
    intendedOutcomes: ['Parents use agreed supervision practices'],
  },
  {
    organization: 'Projeto Proteger',
    name: 'Demand reduction campaign for the carnival season',
    summary: 'Public-awareness campaign aimed at would-be buyers during carnival, with hotline promotion.',
    strategy: 'educate_public',
    targetPopulations: ['general_public', 'industry'],
    setting: 'community',
    countries: ['BR'],
    startDate: '2026-01-10',
    endDate: '2026-03-15',
    status: 'completed',
    inputs: ['Campaign materials', 'Partnerships with hotels and transport companies'],
    activities: ['Billboards and radio spots', 'Hotel staff briefings'],
    outputs: ['Campaign impressions', 'Hotel staff briefed'],
    intendedOutcomes: ['More tips reported to the hotline', 'Lower stated willingness to buy sex'],
  },
  {
    organization: 'Projeto Proteger',
    name: 'Law-enforcement task force training',
    summary:
      'Training for police and prosecutors on identifying exploited children as victims rather than offenders, modelled on the 40 regional task forces the report cites.',
    strategy: 'training',
    targetPopulations: ['law_enforcement', 'service_providers'],
    setting: 'justice_system',
    countries: ['BR'],
    startDate: '2025-03-01',
    endDate: '2026-02-28',
    status: 'completed',
    inputs: ['Training curriculum', 'Guest trainers from specialised units'],
    activities: ['Three-day training courses', 'Case reviews'],
    outputs: ['Officers trained'],
    intendedOutcomes: ['Victim-centred case handling', 'More referrals to victim services'],
  },
  {
    organization: 'Hope Street Youth Services',
    name: 'Drop-in centre and case management for exploited youth',
    summary: 'Trauma-informed case management, safe housing referrals and education support.',
    strategy: 'victim_services',
    targetPopulations: ['children_youth_at_risk', 'service_providers'],
    setting: 'community',
    countries: ['US'],
    startDate: '2023-09-01',
    endDate: null,
    status: 'active',
    inputs: ['Case managers', 'Drop-in centre'],
    activities: ['Outreach', 'Case management', 'Referrals to housing and health care'],
    outputs: ['Youth enrolled in case management'],
    intendedOutcomes: ['Stable housing at six months', 'Re-engagement with school'],
  },
  {
    organization: 'Hope Street Youth Services',
    name: 'Online safety for gamers',
    summary: 'Moderated sessions in online game communities about grooming tactics and reporting tools.',
    strategy: 'technology',
    targetPopulations: ['children_youth_at_risk', 'industry'],
    setting: 'online',
    countries: ['US', 'CA'],
    startDate: '2026-04-01',
    endDate: null,
    status: 'planned',
    inputs: ['Partnerships with game platforms'],
    activities: ['In-game safety events', 'Moderator training'],
    outputs: ['Players reached', 'Moderators trained'],
    intendedOutcomes: ['Use of in-game reporting tools'],
  },
  {
    organization: 'Safe Childhood Philippines',
    name: 'Girls’ leadership and livelihood circles',
    summary: 'Peer circles for adolescent girls combining life skills, savings groups and rights education.',
    strategy: 'empower_women_children',
    targetPopulations: ['children_youth_at_risk'],
    setting: 'community',
    countries: ['PH'],
    startDate: '2024-07-01',
    endDate: '2025-06-30',
    status: 'suspended',
    inputs: ['Trained mentors', 'Seed savings fund'],
    activities: ['Weekly circles', 'Savings group meetings'],
    outputs: ['Girls attending regularly'],
    intendedOutcomes: ['Self-efficacy', 'Economic independence'],
  },
];

/** Demo accounts (never created in production); the password is in the README and printed on start. */
export const DEMO_PASSWORD = 'demo-password-2026';
export const DEMO_USERS: { email: string; displayName: string; role: Role; organization: string }[] = [
  { email: 'admin@demo.org', displayName: 'Alex Admin', role: 'admin', organization: 'Outcome Ledger Platform' },
  {
    email: 'coordinator@demo.org',
    displayName: 'Camila Coordinator',
    role: 'coordinator',
    organization: 'Fundación Niñez Segura',
  },
  {
    email: 'coordinator2@demo.org',
    displayName: 'Carlo Coordinator',
    role: 'coordinator',
    organization: 'Safe Childhood Philippines',
  },
  { email: 'funder@demo.org', displayName: 'Fiona Funder', role: 'funder', organization: 'Northbridge Foundation' },
  {
    email: 'funder2@demo.org',
    displayName: 'Felix Funder',
    role: 'funder',
    organization: 'Global Fund for Child Safety',
  },
  {
    email: 'researcher@demo.org',
    displayName: 'Rosa Researcher',
    role: 'researcher',
    organization: 'Centre for Prevention Research',
  },
];

export interface SeedResult {
  organizations: number;
  programs: number;
  users: number;
  indicators: number;
  grants: number;
  evaluations: number;
}

export async function seedDemo(db: DataSource): Promise<SeedResult> {
  return db.transaction(async (manager) => {
    const result: SeedResult = { organizations: 0, programs: 0, users: 0, indicators: 0, grants: 0, evaluations: 0 };
    const ids = new Map<string, number>();
    for (const data of ORGANIZATIONS) {
      let organization = await manager
        .getRepository(Organization)
        .createQueryBuilder('o')
        .where('lower(o.name) = lower(:name)', { name: data.name })
        .getOne();
      if (!organization) {
        organization = await manager.save(manager.create(Organization, data));
        result.organizations++;
      }
      ids.set(data.name, organization.id);
    }
    for (const { organization, ...data } of PROGRAMS) {
      const organizationId = ids.get(organization);
      if (organizationId === undefined) throw new Error(`demo program refers to unknown organization ${organization}`);
      if (await manager.existsBy(Program, { organizationId, name: data.name })) continue;
      await manager.save(manager.create(Program, { ...data, organizationId }));
      result.programs++;
    }
    for (const indicator of DEMO_INDICATORS) {
      if (await manager.existsBy(Indicator, { code: indicator.code })) continue;
      await manager.save(
        manager.create(Indicator, {
          rateBase: null,
          contextSeries: [],
          contextSource: null,
          ...indicator,
          iatiVocabulary: null,
          iatiCode: null,
          active: true,
        }),
      );
      result.indicators++;
    }
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (const { organization, ...data } of DEMO_USERS) {
      const organizationId = ids.get(organization);
      if (organizationId === undefined) throw new Error(`demo user refers to unknown organization ${organization}`);
      if (await manager.existsBy(User, { email: data.email })) continue;
      await manager.save(
        manager.create(User, { ...data, organizationId, passwordHash, active: true, lastLoginAt: null }),
      );
      result.users++;
    }
    const portfolio = await seedDemoEvaluations(manager, ids);
    result.grants = portfolio.grants;
    result.evaluations = portfolio.evaluations;
    return result;
  });
}
