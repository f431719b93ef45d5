/** The crm plugin's error catalogue: each code it throws, its HTTP status and its meaning (EN, LT); listed in docs/api.md. */
import { defineErrors } from '@tessera/core';

export const errors = defineErrors('crm', {
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
});
