/** The crm plugin's error catalogue: each code it throws, its HTTP status and its meaning (EN, LT); listed in docs/api.md. */
import { defineErrors } from '@tessera/core';

export const errors = defineErrors(
  'crm',
  {
    POSSIBLE_DUPLICATE: {
      status: 409,
      en: 'the record may already exist; use it, or send "allow_duplicate": true',
      lt: 'įrašas gali jau egzistuoti; naudokite jį arba siųskite "allow_duplicate": true',
    },
    LEAD_ALREADY_CONVERTED: { status: 409, en: 'the lead is already converted', lt: 'potencialus klientas jau konvertuotas' },
    DEAL_CONVERTED: { status: 409, en: 'the deal was ordered; its stage can no longer change', lt: 'sandoris užsakytas; jo etapo keisti nebegalima' },
    NO_WON_STAGE: {
      status: 422,
      en: 'no enabled won stage exists: add one under Pipeline stages',
      lt: 'nėra įjungto laimėjimo etapo: pridėkite jį prie piltuvo etapų',
    },
    NO_LOST_STAGE: {
      status: 422,
      en: 'no enabled lost stage exists: add one under Pipeline stages',
      lt: 'nėra įjungto pralaimėjimo etapo: pridėkite jį prie piltuvo etapų',
    },
  },
  {
    reference_id_required: {
      en: 'is required with reference_type (the {type} this activity is about)',
      lt: 'privaloma, kai nurodytas reference_type (įrašas „{type}“, apie kurį ši veikla)',
    },
    reference_type_required: { en: 'is required with reference_id', lt: 'privaloma, kai nurodytas reference_id' },
    record_missing: { en: '{entity} {id} does not exist', lt: '{entity} {id} neegzistuoja' },
    duplicate_visible: { en: '{entity} {id} "{title}" has the same {by}', lt: '{entity} {id} „{title}“ turi tą patį {by}' },
    duplicate_hidden: { en: 'a {entity} you cannot see has the same {by}', lt: 'jums nematomas įrašas ({entity}) turi tą patį {by}' },
    possible_duplicate: {
      en: '{entity} may already exist: {list}. Use the existing record, or send "allow_duplicate": true to save anyway',
      lt: '{entity} gali jau egzistuoti: {list}. Naudokite esamą įrašą arba siųskite "allow_duplicate": true, kad išsaugotumėte vis tiek',
    },
    lead_convert_by_action: {
      en: 'a lead becomes Converted through the Convert action, which creates and links the organization, contact or deal',
      lt: 'potencialus klientas tampa konvertuotu tik veiksmu „Konvertuoti“, kuris sukuria ir susieja organizaciją, kontaktą ar sandorį',
    },
    lead_stays_converted: {
      en: 'a converted lead stays converted; work with the organization, contact or deal it became',
      lt: 'konvertuotas potencialus klientas tokiu ir lieka; dirbkite su organizacija, kontaktu ar sandoriu, kuriuo jis tapo',
    },
    lead_already_converted: { en: 'lead "{name}" is already converted', lt: 'potencialus klientas „{name}“ jau konvertuotas' },
    lead_no_company: {
      en: 'lead "{name}" has no company name to create an organization from',
      lt: 'potencialus klientas „{name}“ neturi įmonės pavadinimo, iš kurio būtų galima sukurti organizaciją',
    },
    nothing_to_convert: {
      en: 'nothing to convert to: create an organization, a contact or a deal',
      lt: 'nėra į ką konvertuoti: sukurkite organizaciją, kontaktą ar sandorį',
    },
    organization_missing: { en: 'organization {id} does not exist', lt: 'organizacija {id} neegzistuoja' },
    deal_needs_party: {
      en: 'a deal needs a party: set the organization or the lead',
      lt: 'sandoriui reikia šalies: nurodykite organizaciją arba potencialų klientą',
    },
    no_open_stage_add: {
      en: 'no open pipeline stage exists: add one under Pipeline stages',
      lt: 'nėra atviro piltuvo etapo: pridėkite jį prie piltuvo etapų',
    },
    no_open_stage: { en: 'no open pipeline stage exists', lt: 'nėra atviro piltuvo etapo' },
    stage_missing: { en: 'pipeline stage {id} does not exist', lt: 'piltuvo etapas {id} neegzistuoja' },
    deal_converted: {
      en: 'deal "{name}" was ordered (a sales order was made from its quotation); its stage can no longer change',
      lt: 'sandoris „{name}“ užsakytas (iš jo pasiūlymo sukurtas pardavimo užsakymas); jo etapo keisti nebegalima',
    },
    stage_disabled: { en: 'the stage "{name}" is disabled', lt: 'etapas „{name}“ išjungtas' },
    lost_reason_required: { en: 'is required: the deal is in the lost stage "{name}"', lt: 'privaloma: sandoris yra pralaimėjimo etape „{name}“' },
    no_won_stage: {
      en: 'no enabled won stage exists: add one under Pipeline stages',
      lt: 'nėra įjungto laimėjimo etapo: pridėkite jį prie piltuvo etapų',
    },
    no_lost_stage: {
      en: 'no enabled lost stage exists: add one under Pipeline stages',
      lt: 'nėra įjungto pralaimėjimo etapo: pridėkite jį prie piltuvo etapų',
    },
    lost_reason_missing: { en: 'lost reason {id} does not exist', lt: 'pralaimėjimo priežastis {id} neegzistuoja' },
    stage_closed: { en: '"{name}" is a closed stage; choose an open one', lt: '„{name}“ yra uždarytas etapas; pasirinkite atvirą' },
    stage_won_and_lost: { en: 'a stage cannot be both won and lost', lt: 'etapas negali būti ir laimėtas, ir pralaimėtas' },
    end_before_start: { en: 'must not be before the start date {date}', lt: 'negali būti ankstesnė nei pradžios data {date}' },
  },
);
