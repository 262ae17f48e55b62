/**
 * Analysis in the browser (issue 5): a researcher pools three approved trials on the Analysis page and sees the
 * forest plot, the funnel plot and the statistics the API computed; the funder opens one evaluation's Effects tab,
 * reads the effect and the suggested rating, confirms it on one evaluation and overrides it with a reason on another.
 * Skipped, loudly, when no Chromium is installed (see support/chromium.ts).
 */
import { api, baseUrl, unique } from '../support/api';
import { downloadText, eventually, logIn, pickSelect } from '../support/browser-helpers';
import { describeBrowser, useBrowserPage } from '../support/browser-suite';
import {
  createGrant,
  createIndicator,
  createOrganization,
  createProgram,
  evaluationInput,
  type Evaluation,
  type Indicator,
} from '../support/factories';
import { createTrial, THREE_TRIALS } from '../support/portfolio';
import { createToken, createUser, type TestUser } from '../support/sessions';

interface Pooled {
  k: number;
  estimate: number;
  ciLow: number;
  ciHigh: number;
  tau2: number | null;
  i2: number | null;
  q: number | null;
  qDf: number | null;
  qPValue: number | null;
  predictionLow: number | null;
  predictionHigh: number | null;
  studies: { evaluationId: number; label: string; yi: number; weight: number }[];
}
interface Effect {
  indicatorId: number;
  timepoint: string;
  measure: string;
  estimate: number;
  estimateCiLow: number;
  estimateCiHigh: number;
}
interface Rating {
  suggested: string;
  reasons: string[];
  confirmed: string | null;
  override: { rating: string; reason: string } | null;
}

const RATING_LABEL: Record<string, string> = {
  effective: 'Effective',
  promising: 'Promising',
  no_effects: 'No effects',
  insufficient: 'Insufficient evidence',
};

/** metafor-style numbers as the page shows them (en-US). */
const fixed = (value: number, digits: number) => value.toFixed(digits);
const ratio = (value: number) => fixed(Math.exp(value), 2);
const pText = (p: number) => (p < 0.001 ? '< 0.001' : `= ${fixed(p, 3)}`);

describeBrowser('admin: analysis (browser)', () => {
  const ui = useBrowserPage({ prefix: 'analysis', viewport: { width: 1440, height: 1000 } });
  const { shot } = ui;
  let indicator: Indicator & { name: string };
  let programName: string;
  let evaluations: Evaluation[];
  let researcher: TestUser;
  let researcherToken: string;
  let funder: TestUser;

  beforeAll(async () => {
    const ngo = await createOrganization({ name: unique('Analysis NGO') });
    const funderOrg = await createOrganization({ name: unique('Analysis Foundation'), kind: 'funder' });
    const program = await createProgram(ngo.id, {
      name: unique('Safe Schools'),
      strategy: 'educate_potential_victims',
    });
    programName = program.name;
    indicator = (await createIndicator({
      name: unique('Students who can name three recruitment tactics'),
      direction: 'increase',
    })) as Indicator & { name: string };
    const grant = await createGrant(funderOrg.id, ngo.id, [program.id]);

    evaluations = [];
    for (const trial of THREE_TRIALS) {
      evaluations.push(await createTrial(program, indicator, trial.counts, { title: trial.title, grantId: grant.id }));
    }
    researcher = await createUser('researcher');
    researcherToken = await createToken(researcher, 'read');
    funder = await createUser('funder', funderOrg.id);
  });

  const stat = (name: string) => ui.page.getByTestId(`stat-${name}`);
  const indicatorOption = () => `${indicator.code} — ${indicator.name}`;

  test('a researcher pools the three trials and sees the numbers the API computed', async () => {
    const { page } = ui;
    const pooled = await api<Pooled>(
      'GET',
      `/api/analysis/pooled?indicatorId=${indicator.id}&strategy=educate_potential_victims&measure=RR&method=REML&test=z`,
      undefined,
      { token: researcherToken },
    );
    expect(pooled.status).toBe(200);
    const expected = pooled.body;
    expect(expected.k).toBe(3);

    await logIn(page, researcher);
    await page.getByRole('menuitem', { name: 'Analysis' }).click();
    await page.waitForURL(/#\/analysis$/);
    await page.getByTestId('evidence-map').waitFor();
    await page.getByTestId('pooled-prompt').waitFor();

    await pickSelect(page, 'Strategy', 'Educate potential victims');
    await pickSelect(page, 'Indicator', indicatorOption());
    await page.getByTestId('pooled-result').waitFor();

    await eventually(async () => expect(await stat('k').innerText()).toBe('3'));
    const forest = page.getByTestId('forest-plot');
    expect(await forest.getByTestId('forest-study').count()).toBe(3);
    expect(await forest.getByTestId('forest-diamond').count()).toBe(1);
    expect(await forest.getByTestId('forest-prediction').count()).toBe(expected.predictionLow === null ? 0 : 1);
    expect(await page.getByTestId('funnel-plot').getByTestId('funnel-study').count()).toBe(3);

    // The numbers on the page are the API's, rounded (ratios back-transformed).
    expect(await stat('estimate').innerText()).toBe(ratio(expected.estimate));
    expect(await stat('ci').innerText()).toBe(`(${ratio(expected.ciLow)} to ${ratio(expected.ciHigh)})`);
    expect(await stat('tau2').innerText()).toBe(fixed(expected.tau2!, 4));
    expect(await stat('i2').innerText()).toBe(`${fixed(expected.i2!, 1)} %`);
    expect(await stat('q').innerText()).toBe(`${fixed(expected.q!, 2)} (p ${pText(expected.qPValue!)})`);
    expect(await page.getByText(`Q (df = ${expected.qDf})`).count()).toBe(1);
    if (expected.predictionLow !== null) {
      expect(await stat('prediction').innerText()).toBe(
        `(${ratio(expected.predictionLow)} to ${ratio(expected.predictionHigh!)})`,
      );
    }
    const diamondText = await forest.getByTestId('forest-diamond').textContent();
    expect(diamondText).toContain(`${ratio(expected.estimate)} [${ratio(expected.ciLow)}, ${ratio(expected.ciHigh)}]`);
    const rows = page.getByTestId('study-row');
    expect(await rows.count()).toBe(3);
    for (const study of expected.studies) {
      const row = rows.filter({ hasText: study.label });
      expect(await row.innerText()).toContain(`${fixed(study.weight, 1)} %`);
      expect(await row.innerText()).toContain(fixed(study.yi, 4));
    }
    // A researcher cannot open evaluations, so the study labels are not links.
    expect(await page.getByTestId('study-table').getByRole('link').count()).toBe(0);
    await shot('1-pooled');

    const csv = await downloadText(page, () => page.getByRole('button', { name: 'Download CSV' }).click());
    expect(csv.filename).toMatch(/^studies-.*\.csv$/);
    const lines = csv.text.trim().split(/\r\n/);
    expect(lines[0]).toBe(
      'evaluation_id,program_id,label,measure,yi,vi,se,ci_low,ci_high,ratio,ratio_ci_low,ratio_ci_high,weight_percent',
    );
    expect(lines).toHaveLength(4);
    for (const study of expected.studies) {
      const line = lines.find((l) => l.startsWith(`${study.evaluationId},`));
      expect(line).toContain(`,RR,${study.yi},`);
      expect(line).toMatch(new RegExp(`,${study.weight}$`));
    }
    const svg = await downloadText(page, () => page.getByRole('button', { name: 'Download SVG' }).click());
    expect(svg.filename).toMatch(/^forest-.*\.svg$/);
    expect(svg.text).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    expect(svg.text.match(/data-testid="forest-study"/g)).toHaveLength(3);
    expect(svg.text).toContain(programName.replace(/&/g, '&amp;').slice(0, 30));
    // The file stands on its own: render it outside the app and keep a picture of it.
    const viewer = await ui.browser.context.newPage();
    await viewer.setContent(svg.text.replace(/^<\?xml[^>]*>\s*/, ''));
    await viewer.locator('svg').screenshot({ path: ui.artifact('forest-download') });
    await viewer.close();

    // A strategy without evidence for this indicator is explained, not an error page.
    await pickSelect(page, 'Strategy', 'Other');
    await page.getByTestId('pooled-error').getByText('Nothing to pool yet').waitFor();
    await shot('2-nothing-to-pool');

    // The evidence map: the trials' cell is coloured with k = 3, and choosing it fills the selectors again.
    const cell = page.getByRole('button', {
      name: new RegExp(`^RR [\\d.]+\\s*k = 3 — Educate potential victims × ${indicator.code}: RR`),
    });
    expect(await cell.innerText()).toContain('k = 3');
    await pickSelect(page, 'Method', 'Fixed effect (inverse variance)');
    await cell.click();
    await eventually(async () =>
      expect(await page.getByRole('combobox', { name: 'Strategy' }).innerText()).toBe('Educate potential victims'),
    );
    await eventually(async () => expect(await stat('k').innerText()).toBe('3'));
    const fixedEffect = await api<Pooled>(
      'GET',
      `/api/analysis/pooled?indicatorId=${indicator.id}&strategy=educate_potential_victims&measure=RR&method=FE&test=z`,
      undefined,
      { token: researcherToken },
    );
    await eventually(async () => expect(await stat('estimate').innerText()).toBe(ratio(fixedEffect.body.estimate)));
    // Fixed effect has no prediction interval (waited for: the rounded estimate may read the same under REML).
    await eventually(async () =>
      expect(await page.getByTestId('forest-plot').getByTestId('forest-prediction').count()).toBe(0),
    );
    await shot('3-evidence-map');
  });

  test('the funder reads the Effects tab, confirms one rating and overrides another with a reason', async () => {
    const { page } = ui;
    const [first, second] = evaluations;
    const effects = await api<{ effects: Effect[] }>('GET', `/api/evaluations/${first.id}/effects`);
    expect(effects.status).toBe(200);
    const post = effects.body.effects.find((e) => e.timepoint === 'post' && e.indicatorId === indicator.id)!;
    expect(post.measure).toBe('RR');
    const rating = await api<Rating>('GET', `/api/evaluations/${first.id}/rating`);
    expect(rating.status).toBe(200);

    await logIn(page, funder);
    await page.goto(`${baseUrl()}/#/evaluations/${first.id}/show`);
    await page.getByRole('tab', { name: 'Effects' }).click();
    const table = page.getByTestId('effects-table');
    await table.waitFor();
    const postRow = page.getByTestId('effect-row').filter({ hasText: 'Post' });
    const rowText = await postRow.innerText();
    expect(rowText).toContain(`${indicator.code} — ${indicator.name}`);
    expect(rowText).toContain('Primary');
    expect(rowText).toContain(
      `RR ${fixed(post.estimate, 2)} (${fixed(post.estimateCiLow, 2)} to ${fixed(post.estimateCiHigh, 2)})`,
    );
    expect(rowText).toContain(`times as likely in the treatment group as in the comparison group`);
    const panel = page.getByTestId('rating-panel');
    expect(await panel.getByTestId('rating-suggested').innerText()).toBe(RATING_LABEL[rating.body.suggested]);
    for (const reason of rating.body.reasons) await panel.getByText(reason, { exact: true }).waitFor();
    await panel.getByText('Not yet confirmed by the reviewer.').waitFor();
    await shot('4-effects');

    // Odds ratio on request.
    await page.getByRole('button', { name: 'Odds ratio (OR)' }).click();
    await eventually(async () => expect(await postRow.innerText()).toMatch(/^OR \d/m));

    // Confirm the suggestion.
    const suggested = RATING_LABEL[rating.body.suggested];
    await panel.getByRole('button', { name: `Confirm “${suggested}”` }).click();
    await panel.getByTestId('rating-decision').getByText(`Confirmed as “${suggested}”`).waitFor();
    const confirmed = await api<Rating>('GET', `/api/evaluations/${first.id}/rating`);
    expect(confirmed.body.confirmed).toBe(rating.body.suggested);
    expect(confirmed.body.override).toBeNull();

    // Override another evaluation's suggestion: a reason is required.
    const secondRating = await api<Rating>('GET', `/api/evaluations/${second.id}/rating`);
    const other = secondRating.body.suggested === 'insufficient' ? 'promising' : 'insufficient';
    await page.goto(`${baseUrl()}/#/evaluations/${second.id}/show/effects`);
    const secondPanel = page.getByTestId('rating-panel');
    await secondPanel.getByRole('button', { name: 'Choose another rating' }).click();
    await pickSelect(page, 'Rating', RATING_LABEL[other]);
    await secondPanel.getByRole('button', { name: 'Save rating' }).click();
    await secondPanel.getByText('Say why you rate it differently from the suggestion.').waitFor();
    const reason = 'Attrition records from the second school were lost; the reviewer cannot verify the sample.';
    await secondPanel.getByRole('textbox', { name: 'Reason' }).fill(reason);
    await shot('5-override-form');
    await secondPanel.getByRole('button', { name: 'Save rating' }).click();
    await secondPanel.getByTestId('rating-decision').getByText(`Rated “${RATING_LABEL[other]}”`).waitFor();
    expect(await secondPanel.getByTestId('rating-decision').innerText()).toContain(reason);
    const overridden = await api<Rating>('GET', `/api/evaluations/${second.id}/rating`);
    expect(overridden.body.override).toEqual({ rating: other, reason });
    await shot('6-overridden');
  });

  test('a coordinator sees the effects of their own evaluation, without the reviewer’s controls', async () => {
    const { page } = ui;
    const coordinator = await createUser('coordinator', evaluations[0].organizationId);
    await logIn(page, coordinator);
    await page.goto(`${baseUrl()}/#/evaluations/${evaluations[2].id}/show/effects`);
    await page.getByTestId('effects-table').waitFor();
    await page.getByTestId('rating-panel').getByTestId('rating-suggested').waitFor();
    expect(await page.getByTestId('rating-controls').count()).toBe(0);
    await shot('7-coordinator-effects');
  });

  test('a one-group study shows its standardized mean change; missing numbers are explained, not hidden', async () => {
    const { page } = ui;
    const coordinator = await createUser('coordinator', evaluations[0].organizationId);
    const score = await createIndicator({
      name: unique('Knowledge of online grooming tactics, score'),
      measureType: 'mean',
      minValue: 0,
      maxValue: 100,
    });
    const prePost = await api<Evaluation>(
      'POST',
      '/api/evaluations',
      evaluationInput(evaluations[0].programId, {
        title: 'Parents’ evening, before and after',
        design: 'pre_post',
        primaryIndicatorIds: [score.id, indicator.id],
        plannedSizes: { single: 60 },
        achievedSizes: { single: 55 },
      }),
    );
    expect(prePost.status).toBe(201);
    for (const body of [
      { indicatorId: score.id, timepoint: 'baseline', n: 60, mean: 52, sd: 12 },
      { indicatorId: score.id, timepoint: 'post', n: 55, mean: 61, sd: 13 },
      { indicatorId: indicator.id, timepoint: 'post', n: 55, events: 30 },
    ]) {
      const m = await api('POST', '/api/outcome-measurements', {
        evaluationId: prePost.body.id,
        arm: 'single',
        ...body,
      });
      expect(m.status).toBe(201);
    }
    const effects = await api<{ effects: (Effect & { yi: number; ciLow: number; ciHigh: number })[] }>(
      'GET',
      `/api/evaluations/${prePost.body.id}/effects`,
    );
    const change = effects.body.effects.find((e) => e.indicatorId === score.id && e.timepoint === 'post')!;
    expect(change.measure).toBe('SMCR');

    await logIn(page, coordinator);
    await page.goto(`${baseUrl()}/#/evaluations/${prePost.body.id}/show/effects`);
    const table = page.getByTestId('effects-table');
    await table.waitFor();
    expect(await table.innerText()).toContain('n (after / before)');
    const row = page.getByTestId('effect-row').filter({ hasText: score.code });
    const text = await row.innerText();
    expect(text).toContain(`SMCR ${fixed(change.yi, 2)} (${fixed(change.ciLow, 2)} to ${fixed(change.ciHigh, 2)})`);
    expect(text).toContain('standard deviations (of the baseline) above the mean before it');
    expect(text).toContain('55 / 60');
    // No proportion rows, so no RR / OR / RD switch.
    expect(await page.getByRole('button', { name: 'Odds ratio (OR)' }).count()).toBe(0);
    const skipped = page.getByTestId('effects-skipped');
    expect(await skipped.innerText()).toContain(`${indicator.code}, Post:`);
    await shot('8-pre-post');

    const empty = await api<Evaluation>(
      'POST',
      '/api/evaluations',
      evaluationInput(evaluations[0].programId, { title: 'Next year’s trial', primaryIndicatorIds: [indicator.id] }),
    );
    await page.goto(`${baseUrl()}/#/evaluations/${empty.body.id}/show/effects`);
    await page
      .getByTestId('effects-empty')
      .getByText('Enter baseline and post numbers for both groups on the Outcomes tab to see effects.')
      .waitFor();
    await shot('9-empty');
  });

  test('a researcher is told what is withheld: a study with small numbers, and a result on too few studies', async () => {
    const { page } = ui;
    // A fourth trial of the same program whose treatment arm has 3 of 20 with the outcome.
    const small = await createTrial(
      { id: evaluations[0].programId } as Parameters<typeof createTrial>[0],
      indicator,
      {
        treatment: { baseline: [20, 2], post: [20, 3] },
        comparison: { baseline: [60, 15], post: [60, 40] },
      },
      { title: 'Pilot with 20 children' },
    );
    await logIn(page, researcher);
    await page.getByRole('menuitem', { name: 'Analysis' }).click();
    await page.getByTestId('pooled-prompt').waitFor();
    await pickSelect(page, 'Strategy', 'Educate potential victims');
    await pickSelect(page, 'Indicator', indicatorOption());
    await page.getByTestId('pooled-result').waitFor();
    await eventually(async () => expect(await page.getByTestId('withheld-row').count()).toBe(1));
    const withheld = page.getByTestId('withheld-row');
    expect(await withheld.innerText()).toContain('Pilot with 20 children');
    expect(await withheld.innerText()).toContain('withheld: small numbers');
    expect(await stat('k').innerText()).toBe('3');
    expect(await page.getByTestId('disclosure-notice').innerText()).toContain('counts from 1 to 10 are hidden');
    expect(await page.getByTestId('forest-plot').getByTestId('forest-study').count()).toBe(3);
    expect(await page.getByText('0.15', { exact: false }).count()).toBe(0); // 3 / 20 appears nowhere
    await shot('10-withheld-study');

    // The follow-up timepoint has no data, and a strategy without three evaluations is withheld whole.
    const lone = await createProgram(evaluations[0].organizationId, { strategy: 'technology' });
    await createTrial(lone, indicator, THREE_TRIALS[0].counts, {
      title: 'Lone app trial',
    });
    await page.reload();
    await page.getByTestId('pooled-prompt').waitFor();
    await pickSelect(page, 'Strategy', 'Keep pace with technology');
    await pickSelect(page, 'Indicator', indicatorOption());
    const whole = page.getByTestId('pooled-withheld');
    await whole.waitFor();
    expect(await whole.innerText()).toContain('This pooled result is withheld');
    expect(await whole.innerText()).toContain('It would rest on one evaluation');
    expect(await page.getByTestId('pooled-result').count()).toBe(0);
    await shot('11-withheld-result');
    expect(small.status).toBe('approved');
  });
});
