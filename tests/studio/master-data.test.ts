/**
 * The configuration's master data on existing rows (real PostgreSQL, plan and apply on a running
 * server): pipeline stages keyed by name get the configuration's probability, flags, order and
 * Lithuanian names; each difference is a change of the plan in EN and LT, and applying the same
 * configuration again changes nothing. A stage's Lithuanian name is one mechanism: the titles
 * of /api/meta (seeded by the plugin, from settings.crm.stages labels.lt, from
 * customizations.<entity>.titles); the old crm_stage.name_lt column is moved into the
 * configuration on start and dropped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, startApp, type TestApp } from '../helpers.js';

const STAGES = [
  { name: 'New', probability: '10', labels: { lt: 'Naujas' } },
  { name: 'Offer', probability: '50', labels: { lt: 'Pasiūlymas' } },
  { name: 'Contract', probability: '80' },
  { name: 'Won', probability: '100', is_won: true, labels: { lt: 'Laimėta' } },
  { name: 'Lost', probability: '0', is_lost: true, labels: { lt: 'Pralaimėta' } },
];

let t: TestApp;
let url: string;
beforeAll(async () => {
  url = await createTestDatabase('studio_master');
  t = await startApp({ plugins: ['crm'], settings: { crm: { stages: STAGES } } }, { url });
});
afterAll(async () => {
  await t?.close();
});

const stages = async (app: TestApp) =>
  (await app.db.query<any>('select name, probability, is_won, is_lost, sort_order from crm_stage order by sort_order, id')).rows.map((r) => [
    r.name,
    r.probability,
    r.is_won,
    r.is_lost,
  ]);
const titles = async (app: TestApp) => (await app.req('GET', '/api/meta')).body.entities.find((e: any) => e.key === 'crm.stage').titleTranslations.lt;

describe('master data of the configuration', () => {
  it('serves the stage names in Lithuanian from the settings, over the seeded titles', async () => {
    const lt = await titles(t);
    expect(lt).toMatchObject({ New: 'Naujas', Offer: 'Pasiūlymas', Won: 'Laimėta', Prospecting: 'Paieška' });
    expect(lt.Contract).toBeUndefined();
  });

  it('renames, reorders and re-flags existing stages through the plan, idempotently', async () => {
    const base = (await t.req('GET', '/api/config')).body.config;
    const next = structuredClone(base);
    next.settings.crm.stages = [
      { name: 'New', probability: '15', labels: { lt: 'Naujas' } },
      { name: 'Contract', probability: '80', labels: { lt: 'Sutartis' } },
      { name: 'Offer', probability: '50', labels: { lt: 'Komercinis pasiūlymas' } },
      { name: 'Won', probability: '100', is_won: true, labels: { lt: 'Laimėta' } },
      { name: 'Lost', probability: '0', is_lost: true, labels: { lt: 'Pralaimėta' } },
    ];
    next.customizations = { 'crm.lost_reason': { titles: { 'No budget': { lt: 'Biudžeto nėra' } } } };
    const plan = await t.req('POST', '/api/config/plan', { config: next });
    expect(plan.status).toBe(200);
    const byId = Object.fromEntries(plan.body.changes.map((c: any) => [c.id, c]));
    expect(byId['masterdata.update:crm.stage.New'].description).toEqual({
      en: 'change the pipeline stage "New": Probability % 10.00 → 15.00',
      lt: 'pakeisti įrašą „New“ (Piltuvo etapas): Tikimybė % 10.00 → 15.00',
    });
    expect(byId['masterdata.order:crm.stage'].description.en).toBe('new order of the pipeline stages: New, Contract, Offer, Won, Lost');
    expect(byId['masterdata.order:crm.stage'].description.lt).toMatch(/^nauja įrašų „Piltuvo etapai“ tvarka: New, Contract, Offer/);
    expect(byId['masterdata.relabel:crm.stage.Offer.lt'].description).toEqual({
      en: 'the pipeline stage "Offer" in LT: Pasiūlymas → Komercinis pasiūlymas',
      lt: 'įrašo „Offer“ (Piltuvo etapas) pavadinimas kalba LT: Pasiūlymas → Komercinis pasiūlymas',
    });
    expect(byId['masterdata.relabel:crm.stage.Contract.lt'].description.en).toMatch(/— → Sutartis/);
    expect(byId['masterdata.relabel:crm.lost_reason.No budget.lt'].description.en).toMatch(/Nėra biudžeto → Biudžeto nėra/);
    expect(Object.keys(byId).filter((id) => id.startsWith('masterdata.update'))).toEqual(['masterdata.update:crm.stage.New']);

    const applied = await t.req('POST', '/api/config/apply', { hash: plan.body.hash, comment: 'stages' });
    expect(applied.status).toBe(200);
    expect(await stages(t)).toEqual([
      ['New', '15.00', false, false],
      ['Contract', '80.00', false, false],
      ['Offer', '50.00', false, false],
      ['Won', '100.00', true, false],
      ['Lost', '0.00', false, true],
    ]);
    expect(await titles(t)).toMatchObject({ Offer: 'Komercinis pasiūlymas', Contract: 'Sutartis' });
    const reasons = (await t.req('GET', '/api/meta')).body.entities.find((e: any) => e.key === 'crm.lost_reason').titleTranslations.lt;
    expect(reasons['No budget']).toBe('Biudžeto nėra');

    // The same configuration again: nothing of the master data changes.
    const again = await t.req('POST', '/api/config/plan', { config: (await t.req('GET', '/api/config')).body.config });
    expect(again.body.changes.filter((c: any) => c.kind.startsWith('masterdata.'))).toEqual([]);

    // A flag changed in the admin screens is brought back by the configuration, and the plan says so.
    const won = (await t.db.query<{ id: number }>(`select id from crm_stage where name = 'Contract'`)).rows[0]!.id;
    await t.req('PATCH', `/api/crm/stage/${won}`, { probability: '70' });
    const drift = await t.req('POST', '/api/config/plan', { config: (await t.req('GET', '/api/config')).body.config });
    expect(drift.body.changes.map((c: any) => c.id)).toEqual(['masterdata.update:crm.stage.Contract']);
    expect((await t.req('POST', '/api/config/apply', { hash: drift.body.hash })).status).toBe(200);
    expect((await stages(t))[1]).toEqual(['Contract', '80.00', false, false]);
  });

  it('moves the Lithuanian names of the old name_lt column into the configuration on start and drops the column', async () => {
    // The database as the previous version left it: the names in crm_stage.name_lt.
    await t.db.query('alter table crm_stage add column name_lt varchar(80)');
    await t.db.query(`insert into crm_stage (name, probability, sort_order, is_won, is_lost, disabled) values ('Demo', 40, 25, false, false, false)`);
    await t.db.query(`update crm_stage set name_lt = 'Demonstracija' where name = 'Demo'`);
    await t.db.query(`update crm_stage set name_lt = 'Sutarties etapas' where name = 'Contract'`);
    await t.db.query(`update crm_stage set name_lt = 'Kitas vertimas' where name = 'Offer'`);
    const before = (await t.req('GET', '/api/config')).body.version;
    await t.close();
    t = await startApp({ plugins: ['crm'], settings: { crm: { stages: STAGES } } }, { url });

    const column = await t.db.query(`select 1 from information_schema.columns where table_name = 'crm_stage' and column_name = 'name_lt'`);
    expect(column.rows).toEqual([]);
    const cfg = (await t.req('GET', '/api/config')).body;
    expect(cfg.version).toBe(before + 1);
    const revision = (await t.req('GET', `/api/config/revisions/${cfg.version}`)).body;
    expect(revision.diff.length).toBeGreaterThan(0);
    // A stage the settings list keeps its own labels.lt; a listed one without gets the column's; an unlisted one goes to titles.
    const listed = Object.fromEntries(cfg.config.settings.crm.stages.map((s: any) => [s.name, s.labels?.lt]));
    expect(listed).toMatchObject({ Offer: 'Komercinis pasiūlymas', Contract: 'Sutartis' });
    expect(cfg.config.customizations['crm.stage'].titles).toEqual({ Demo: { lt: 'Demonstracija' } });
    expect(await titles(t)).toMatchObject({ Demo: 'Demonstracija', Offer: 'Komercinis pasiūlymas' });
    expect(JSON.stringify((await t.req('GET', '/api/crm/stage?limit=50')).body.data)).not.toMatch(/name_lt/);
  });
});
