/** The sales plugin's error catalogue: each code it throws, its HTTP status and its meaning (EN, LT); listed in docs/api.md. */
import { defineErrors } from '@tessera/core';

export const errors = defineErrors('sales', {
  CUSTOMER_EXISTS: { status: 409, en: 'the organization is already a customer', lt: 'organizacija jau yra klientas' },
  OVER_DELIVERY: { status: 422, en: 'the delivery would exceed the ordered quantity', lt: 'pristatymas viršytų užsakytą kiekį' },
  ORDER_NOT_SUBMITTED: {
    status: 409,
    en: 'only a submitted sales order can be delivered or billed',
    lt: 'pristatyti ar apmokestinti galima tik pateiktą pardavimo užsakymą',
  },
  ORDER_COUNTER_NEGATIVE: {
    status: 409,
    en: "an order line's delivered or billed quantity would fall below zero",
    lt: 'užsakymo eilutės pristatytas ar apmokestintas kiekis taptų neigiamas',
  },
  QUOTATION_ALREADY_ORDERED: { status: 409, en: 'the quotation is already ordered', lt: 'pasiūlymas jau užsakytas' },
  OVER_BILLING: {
    status: 422,
    en: 'the invoice would bill more than was ordered or delivered',
    lt: 'sąskaita apmokestintų daugiau, nei užsakyta ar pristatyta',
  },
  INVALID_ORDER_LINES: {
    status: 422,
    en: 'order lines are not valid (item, warehouse, quantity)',
    lt: 'užsakymo eilutės netinkamos (prekė, sandėlis, kiekis)',
  },
  INVALID_DELIVERY_LINES: {
    status: 422,
    en: 'delivery lines are not valid (order line, item, warehouse)',
    lt: 'pristatymo eilutės netinkamos (užsakymo eilutė, prekė, sandėlis)',
  },
  INVALID_INVOICE_LINES: {
    status: 422,
    en: 'invoice lines are not valid (order line, item, amount)',
    lt: 'sąskaitos eilutės netinkamos (užsakymo eilutė, prekė, suma)',
  },
  EXCHANGE_RATE_REQUIRED: {
    status: 422,
    en: 'the document is in another currency: enter its exchange rate to the company currency',
    lt: 'dokumentas kita valiuta: įveskite jo kursą įmonės valiutai',
  },
  INVALID_EXCHANGE_RATE: { status: 422, en: 'the exchange rate of the company currency must be 1', lt: 'įmonės valiutos kursas turi būti 1' },
  NOTHING_TO_BILL: { status: 409, en: 'the sales order has nothing left to bill', lt: 'pardavimo užsakyme neliko ką apmokestinti' },
});
