/**
 * Demo data: campaigns, organizations with contacts, leads in every status (one converted),
 * deals in every pipeline stage (lost ones with a reason) and activities, some overdue.
 * Dates are relative to today so the pipeline and the overdue list look alive.
 */
import type { DataContext, Doc } from '@tessera/core';
import { firstStage } from './opportunity.js';

async function day(ctx: DataContext, offset: number): Promise<string> {
  return (await ctx.sql<{ d: string }>(`select (current_date + $1::int)::text as d`, [offset]))[0]!.d;
}

async function idByName(ctx: DataContext, table: string, name: string): Promise<number | null> {
  return (await ctx.sql<{ id: number }>(`select id from ${table} where name = $1`, [name]))[0]?.id ?? null;
}

const ORGANIZATIONS = [
  {
    name: 'Baltic Hardware UAB',
    industry: 'Retail',
    city: 'Vilnius',
    country: 'LT',
    email: 'info@baltichardware.lt',
    phone: '+370 5 210 0001',
    relationship: 'customer',
  },
  {
    name: 'Nemunas Builders',
    industry: 'Construction',
    city: 'Kaunas',
    country: 'LT',
    email: 'office@nemunasbuild.lt',
    phone: '+370 37 200 002',
    relationship: 'customer',
  },
  {
    name: 'Amber Furniture',
    industry: 'Manufacturing',
    city: 'Klaipėda',
    country: 'LT',
    email: 'sales@amberfurniture.lt',
    phone: '+370 46 300 003',
    relationship: 'prospect',
  },
  {
    name: 'Riga Tools SIA',
    industry: 'Wholesale',
    city: 'Riga',
    country: 'LV',
    email: 'hello@rigatools.lv',
    phone: '+371 6 700 0004',
    relationship: 'prospect',
  },
  {
    name: 'Tallinn Marine OÜ',
    industry: 'Shipbuilding',
    city: 'Tallinn',
    country: 'EE',
    email: 'contact@tallinnmarine.ee',
    phone: '+372 600 0005',
    relationship: 'prospect',
  },
  {
    name: 'Vilnius Tech Park',
    industry: 'Real estate',
    city: 'Vilnius',
    country: 'LT',
    email: 'park@vtp.lt',
    phone: '+370 5 210 0006',
    relationship: 'partner',
  },
];

const CONTACTS: [number, string, string, string, string][] = [
  [0, 'Rūta', 'Kazlauskienė', 'Purchasing manager', 'ruta@baltichardware.lt'],
  [0, 'Tomas', 'Petrauskas', 'CEO', 'tomas@baltichardware.lt'],
  [1, 'Jonas', 'Jonaitis', 'Site manager', 'jonas@nemunasbuild.lt'],
  [2, 'Eglė', 'Stankevičiūtė', 'Production lead', 'egle@amberfurniture.lt'],
  [3, 'Andris', 'Ozols', 'Buyer', 'andris@rigatools.lv'],
  [4, 'Kadri', 'Tamm', 'Procurement', 'kadri@tallinnmarine.ee'],
  [5, 'Mantas', 'Vaitkus', 'Facility manager', 'mantas@vtp.lt'],
];

/** The demo's sales representative (a user per declared role exists in demo mode), if any. */
async function demoRep(ctx: DataContext): Promise<number | null> {
  return ((await ctx.entity('auth.user').list({ filter: { username: 'crm.sales_rep' }, limit: 1, fields: ['id'] })).data[0]?.id as number | undefined) ?? null;
}

export async function crmDemo(ctx: DataContext): Promise<void> {
  const rep = await demoRep(ctx);
  const campaigns = ctx.entity('crm.campaign');
  const spring = await campaigns.create({
    name: 'Spring trade fair',
    campaign_type: 'event',
    status: 'completed',
    start_date: await day(ctx, -60),
    end_date: await day(ctx, -57),
    budget: '4500.00',
  });
  const newsletter = await campaigns.create({
    name: 'Tools newsletter',
    campaign_type: 'email',
    status: 'active',
    start_date: await day(ctx, -20),
    budget: '800.00',
  });
  const website = await idByName(ctx, 'crm_lead_source', 'Website');
  const tradeShow = await idByName(ctx, 'crm_lead_source', 'Trade show');
  const referral = await idByName(ctx, 'crm_lead_source', 'Referral');

  const orgs: Doc[] = [];
  for (const o of ORGANIZATIONS)
    orgs.push(await ctx.entity('crm.organization').create({ ...o, source: referral, tags: o.relationship === 'customer' ? ['key account'] : [] }));
  const contacts: Doc[] = [];
  for (const [org, first_name, last_name, job_title, email] of CONTACTS)
    contacts.push(
      await ctx.entity('crm.contact').create({ organization: orgs[org]!.id, first_name, last_name, job_title, email, country: orgs[org]!.country }),
    );

  const leads = ctx.entity('crm.lead');
  const leadRows = [
    {
      name: 'Laura Mikalauskė',
      company_name: 'Green Garden UAB',
      email: 'laura@greengarden.lt',
      status: 'new',
      source: website,
      campaign: newsletter.id,
      needs: 'Garden tools for 3 shops, delivery before May.',
    },
    {
      name: 'Paulius Urbonas',
      company_name: 'Urbonas Workshop',
      email: 'paulius@urbonas.lt',
      status: 'contacted',
      source: tradeShow,
      campaign: spring.id,
      rating: 'warm',
      needs: 'Bolts and nuts in bulk; prefers monthly invoicing.',
    },
    {
      name: 'Ieva Žukauskaitė',
      company_name: 'Žuko Statyba',
      email: 'ieva@zukostatyba.lt',
      status: 'qualified',
      source: tradeShow,
      campaign: spring.id,
      rating: 'hot',
      needs: 'Fasteners for a 40-flat project; price-sensitive.',
    },
    {
      name: 'Mark Evans',
      company_name: 'Evans Imports Ltd',
      email: 'mark@evansimports.co.uk',
      status: 'unqualified',
      source: website,
      needs: 'Only one-off small order.',
    },
    {
      name: 'Gintarė Balčiūnė',
      company_name: 'Balčiūnas ir partneriai',
      email: 'gintare@balciunas.lt',
      status: 'qualified',
      source: referral,
      campaign: newsletter.id,
      rating: 'hot',
      needs: 'Office renovation: tools and consumables.',
    },
  ];
  const createdLeads: Doc[] = [];
  for (const [i, l] of leadRows.entries()) createdLeads.push(await leads.create({ ...l, owner: i % 2 === 0 ? rep : null }));
  // One lead converted into an organization, a contact and a deal.
  await leads.action(createdLeads[4]!.id, 'convert', {
    create_opportunity: true,
    opportunity_name: 'Office renovation supplies',
    amount: '6400.00',
    expected_close: await day(ctx, 30),
  });

  const stages = await ctx.sql<{ id: number; name: string; is_won: boolean; is_lost: boolean }>(
    `select id, name, is_won, is_lost from crm_stage where not disabled order by sort_order, id`,
  );
  const lostReason = await idByName(ctx, 'crm_lost_reason', 'Price too high');
  const deals = ctx.entity('crm.opportunity');
  const amounts = ['12000.00', '8500.00', '23000.00', '4750.00', '15600.00', '9900.00', '3100.00'];
  let i = 0;
  for (const s of stages) {
    const org = orgs[i % orgs.length]!;
    await deals.create({
      name: `${org.name}: ${s.is_won ? 'annual supply contract' : s.is_lost ? 'warehouse racking' : 'tools and fasteners'}`,
      organization: org.id,
      contact: contacts.find((c) => c.organization === org.id)?.id ?? null,
      amount: amounts[i % amounts.length],
      expected_close: await day(ctx, 10 + i * 7),
      stage: s.id,
      lost_reason: s.is_lost ? lostReason : null,
      lost_detail: s.is_lost ? 'A competitor offered 12% less.' : null,
      campaign: i % 2 ? spring.id : null,
      owner: i % 2 === 0 ? rep : null,
    });
    i++;
  }
  // A lead-only deal (the lead is not converted yet).
  const open = await firstStage(ctx, 'open');
  await deals.create({
    name: 'Žuko Statyba: project fasteners',
    lead: createdLeads[2]!.id,
    amount: '18250.00',
    stage: open?.id,
    expected_close: await day(ctx, 45),
  });

  const activities = ctx.entity('crm.activity');
  await ctx.entity('crm.organization').action(orgs[0]!.id, 'log_call', {
    subject: 'Quarterly review call',
    body: 'Happy with delivery times; asked about volume discounts.',
    outcome: 'Send a discount proposal',
    duration_minutes: 25,
    contact: contacts[0]!.id,
  });
  await ctx.entity('crm.organization').action(orgs[0]!.id, 'schedule_task', {
    subject: 'Send volume discount proposal',
    due_date: await day(ctx, -3),
    priority: 'high',
    ...(rep ? { owner: rep } : {}),
  });
  await ctx
    .entity('crm.contact')
    .action(contacts[2]!.id, 'schedule_task', { subject: 'Visit the Kaunas site', activity_type: 'meeting', due_date: await day(ctx, 5) });
  await ctx.entity('crm.lead').action(createdLeads[1]!.id, 'log_call', { subject: 'First call after the fair', outcome: 'Interested, wants a price list' });
  await ctx.entity('crm.lead').action(createdLeads[1]!.id, 'schedule_task', {
    subject: 'E-mail the price list',
    activity_type: 'email',
    due_date: await day(ctx, -1),
    ...(rep ? { owner: rep } : {}),
  });
  await activities.create({
    activity_type: 'support_case',
    subject: 'Damaged box in last delivery',
    body: 'Two boxes of M8 bolts arrived damaged; replacement requested.',
    reference_type: 'crm.organization',
    reference_id: orgs[1]!.id,
    due_date: await day(ctx, -7),
    priority: 'high',
  });
  await activities.create({
    activity_type: 'meeting',
    subject: 'Product demo at Amber Furniture',
    reference_type: 'crm.organization',
    reference_id: orgs[2]!.id,
    activity_at: `${await day(ctx, -10)}T09:00:00Z`,
    done: true,
    outcome: 'Positive; proposal requested',
  });
  await activities.create({
    activity_type: 'note',
    subject: 'Prefers communication in English',
    reference_type: 'crm.contact',
    reference_id: contacts[4]!.id,
    done: true,
  });
}
