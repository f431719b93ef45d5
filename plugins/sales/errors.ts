/** The sales plugin's error catalogue: each code it throws, its HTTP status and its meaning (EN, LT); listed in docs/api.md. */
import { defineErrors } from '@tessera/core';

export const errors = defineErrors(
  'sales',
  {
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
    NOTHING_TO_BILL: { status: 409, en: 'the sales order has nothing left to bill', lt: 'pardavimo užsakyme neliko ką apmokestinti' },
    EXCHANGE_RATE_REQUIRED: {
      status: 422,
      en: 'the document is in another currency: enter its exchange rate to the company currency',
      lt: 'dokumentas kita valiuta: įveskite jo kursą įmonės valiutai',
    },
    INVALID_EXCHANGE_RATE: { status: 422, en: 'the exchange rate of the company currency must be 1', lt: 'įmonės valiutos kursas turi būti 1' },
  },
  {
    customer_missing: { en: 'customer {id} does not exist', lt: 'klientas {id} neegzistuoja' },
    rate_company_currency: { en: 'must be 1 for the company currency {currency}', lt: 'įmonės valiutai {currency} turi būti 1' },
    rate_required: {
      en: 'is required: the document is in {currency}; enter how many {company} one {currency} is worth (or record the rate in accounting)',
      lt: 'privalomas: dokumentas yra {currency} valiuta; įveskite, kiek {company} vertas vienas {currency} (arba įrašykite kursą apskaitoje)',
    },
    customer_disabled: { en: 'customer "{name}" is disabled', lt: 'klientas „{name}“ išjungtas' },
    customer_name_required: {
      en: 'is required (or link a CRM organization to take its name)',
      lt: 'privaloma užpildyti (arba susiekite CRM organizaciją, kad būtų paimtas jos pavadinimas)',
    },
    organization_missing: { en: 'organization {id} does not exist', lt: 'organizacija {id} neegzistuoja' },
    customer_exists: {
      en: 'organization "{name}" is already customer {id} "{customer}"',
      lt: 'organizacija „{name}“ jau yra klientas {id} „{customer}“',
    },
    item_missing: { en: 'item {id} does not exist', lt: 'prekė {id} neegzistuoja' },
    item_disabled: { en: 'item {code} is disabled', lt: 'prekė {code} išjungta' },
    line_warehouse_required: {
      en: "is required: set the order's warehouse or a default warehouse of item {code}",
      lt: 'privaloma: nurodykite užsakymo sandėlį arba numatytąjį prekės {code} sandėlį',
    },
    quotation_missing: { en: 'quotation {id} does not exist', lt: 'pasiūlymas {id} neegzistuoja' },
    quotation_not_submitted: {
      en: 'quotation {number} is {status}: only a submitted quotation can be ordered',
      lt: 'pasiūlymas {number} yra {status}: užsakyti galima tik pateiktą pasiūlymą',
    },
    quotation_customer: { en: "must be the quotation's customer ({customer})", lt: 'turi būti pasiūlymo klientas ({customer})' },
    quotation_ordered: {
      en: 'quotation {number} is already ordered: sales order {order}',
      lt: 'pasiūlymas {number} jau užsakytas: pardavimo užsakymas {order}',
    },
    valid_until_before: { en: 'must not be before the quotation date {date}', lt: 'negali būti ankstesnė nei pasiūlymo data {date}' },
    deal_with_lead: {
      en: 'deal "{deal}" is with lead {lead}, not an organization: convert the lead (its Convert action) or name a customer',
      lt: 'sandoris „{deal}“ sudarytas su potencialiu klientu {lead}, o ne su organizacija: konvertuokite jį (veiksmas „Konvertuoti“) arba nurodykite klientą',
    },
    order_missing: { en: 'sales order {id} does not exist', lt: 'pardavimo užsakymas {id} neegzistuoja' },
    order_customer: { en: "must be the sales order's customer ({customer})", lt: 'turi būti pardavimo užsakymo klientas ({customer})' },
    delivery_date_before: { en: 'must not be before the order date {date}', lt: 'negali būti ankstesnė nei užsakymo data {date}' },
    due_date_before: { en: 'must not be before the invoice date {date}', lt: 'negali būti ankstesnė nei sąskaitos data {date}' },
    deliver_submitted_order: {
      en: 'sales order {number} is {status}: deliver against a submitted order',
      lt: 'pardavimo užsakymas {number} yra {status}: pristatyti galima tik pagal pateiktą užsakymą',
    },
    bill_submitted_order: {
      en: 'sales order {number} is {status}: bill a submitted order',
      lt: 'pardavimo užsakymas {number} yra {status}: sąskaitą galima išrašyti tik pagal pateiktą užsakymą',
    },
    order_not_delivered: {
      en: 'sales order {number} is {status}: only a submitted order can be delivered',
      lt: 'pardavimo užsakymas {number} yra {status}: pristatyti galima tik pateiktą užsakymą',
    },
    order_not_billed: {
      en: 'sales order {number} is {status}: only a submitted order can be billed',
      lt: 'pardavimo užsakymas {number} yra {status}: sąskaitą galima išrašyti tik pateiktam užsakymui',
    },
    counter_negative: {
      en: 'sales order {number} line {line}: {column} would fall below zero',
      lt: 'pardavimo užsakymo {number} eilutė {line}: {column} taptų neigiamas',
    },
    nothing_to_bill: { en: 'sales order {number} has nothing left to bill', lt: 'pardavimo užsakyme {number} neliko ką apmokestinti' },
    nothing_delivered_to_bill: {
      en: 'sales order {number} has nothing delivered left to bill',
      lt: 'pardavimo užsakyme {number} neliko pristatytų, bet neapmokestintų prekių',
    },
    not_order_line: { en: '{line} is not a line of sales order {number}', lt: '{line} nėra pardavimo užsakymo {number} eilutė' },
    left_to_deliver: {
      en: 'only {left} of {item} left to deliver on {number} line {line} (ordered {ordered}, delivered {done})',
      lt: 'užsakymo {number} {line} eilutėje liko pristatyti tik {left} prekės {item} (užsakyta {ordered}, pristatyta {done})',
    },
    left_to_bill: {
      en: 'only {left} of {item} left to bill on {number} line {line} (ordered {ordered}, billed {done})',
      lt: 'užsakymo {number} {line} eilutėje liko apmokestinti tik {left} prekės {item} (užsakyta {ordered}, apmokestinta {done})',
    },
  },
);
