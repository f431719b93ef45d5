/** The purchasing plugin's error catalogue: each code it throws, its HTTP status and its meaning (EN, LT); listed in docs/api.md. */
import { defineErrors } from '@tessera/core';

export const errors = defineErrors(
  'purchasing',
  {
    INVALID_GOODS_RECEIPT: {
      status: 422,
      en: 'the goods receipt is not valid (details name each line and field)',
      lt: 'prekių priėmimas netinkamas (detalės nurodo eilutes ir laukus)',
    },
    OVER_RECEIPT: { status: 422, en: 'the receipt would exceed the ordered quantity', lt: 'priėmimas viršytų užsakytą kiekį' },
    INVALID_PURCHASE_ORDER: {
      status: 422,
      en: 'the purchase order is not valid (details name each line and field)',
      lt: 'pirkimo užsakymas netinkamas (detalės nurodo eilutes ir laukus)',
    },
    INVALID_PURCHASE_REQUEST: {
      status: 422,
      en: 'the purchase request is not valid (details name each line and field)',
      lt: 'pirkimo prašymas netinkamas (detalės nurodo eilutes ir laukus)',
    },
    INVALID_SUPPLIER_INVOICE: {
      status: 422,
      en: 'the supplier invoice is not valid (details name each line and field)',
      lt: 'tiekėjo sąskaita netinkama (detalės nurodo eilutes ir laukus)',
    },
    OVER_BILLING: { status: 422, en: 'the invoice would bill more than was ordered or received', lt: 'sąskaita apmokestintų daugiau, nei užsakyta ar priimta' },
    EXCHANGE_RATE_REQUIRED: {
      status: 422,
      en: 'the purchase order is in another currency: enter its exchange rate to the company currency',
      lt: 'pirkimo užsakymas kita valiuta: įveskite jo kursą įmonės valiutai',
    },
  },
  {
    submitted_purchase_order_can_received: {
      en: '{number} is {docstatus}: only a submitted purchase order can be received or billed',
      lt: '{number} yra {docstatus}: priimti ar apmokestinti galima tik pateiktą pirkimo užsakymą',
    },
    required_name_purchase_order_line: { en: 'is required (or name the purchase order line)', lt: 'privaloma (arba nurodykite pirkimo užsakymo eilutę)' },
    differs_from_item_line: {
      en: 'differs from the item {item_code} of {po_number} line {value}',
      lt: 'skiriasi nuo prekės {item_code} užsakymo {po_number} {value} eilutėje',
    },
    belongs_not_document_s_purchase: {
      en: "belongs to {po_number}, not to this document's purchase order",
      lt: 'priklauso {po_number}, o ne šio dokumento pirkimo užsakymui',
    },
    from_another_supplier: { en: '{po_number} is from another supplier', lt: '{po_number} yra kito tiekėjo' },
    submitted_purchase_order_can_received_2: {
      en: '{po_number} is {po_docstatus}: only a submitted purchase order can be received or billed',
      lt: '{po_number} yra {po_docstatus}: priimti ar apmokestinti galima tik pateiktą pirkimo užsakymą',
    },
    required_name_purchase_order: { en: 'is required (or name the purchase order)', lt: 'privaloma (arba nurodykite pirkimo užsakymą)' },
    accepted_rejected_qty_are_both: { en: 'accepted and rejected qty are both zero', lt: 'priimtas ir atmestas kiekiai abu lygūs nuliui' },
    required_stock_item_set_accepted: {
      en: 'is required for a stock item (or set the accepted warehouse)',
      lt: 'privaloma atsargų prekei (arba nurodykite priėmimo sandėlį)',
    },
    differ_from_accepted_warehouse: { en: 'must differ from the accepted warehouse', lt: 'turi skirtis nuo priėmimo sandėlio' },
    over_receipt_line_ordered_received: {
      en: 'over-receipt on {po_number} line {value} ({item_code}): ordered {value2}, received {value3}, open {value4}, this receipt {value5}{value6}',
      lt: 'perteklinis priėmimas pagal {po_number} {value} eilutę ({item_code}): užsakyta {value2}, priimta {value3}, liko {value4}, šis priėmimas {value5}{value6}',
    },
    disabled: { en: '{name} is disabled', lt: '{name} išjungtas' },
    company_currency: { en: 'must be 1 for the company currency {currency}', lt: 'įmonės valiutai {currency} turi būti 1' },
    exchange_rate_required: {
      en: 'is required: the order is in {currency}; enter how many {company} one {currency} is worth (or record the rate in accounting)',
      lt: 'privalomas: užsakymas yra {currency} valiuta; įveskite, kiek {company} vertas vienas {currency} (arba įrašykite kursą apskaitoje)',
    },
    required_item_no_standard_buying: {
      en: 'is required: the supplier has no buying price for the item and the item has no standard buying rate',
      lt: 'privaloma: tiekėjas neturi šios prekės pirkimo kainos, o prekė neturi standartinės pirkimo kainos',
    },
    required_stock_item_set_deliver: {
      en: 'is required for a stock item (or set "Deliver to warehouse")',
      lt: 'privaloma atsargų prekei (arba nurodykite „Pristatyti į sandėlį“)',
    },
    cannot_before_order_date: { en: 'cannot be before the order date {order_date}', lt: 'negali būti ankstesnė nei užsakymo data {order_date}' },
    purchase_request_line_does_not: {
      en: 'purchase request line {purchase_request_line} does not exist',
      lt: 'pirkimo prašymo eilutė {purchase_request_line} neegzistuoja',
    },
    differs_from_item_purchase_request: { en: 'differs from the item of the purchase request line', lt: 'skiriasi nuo pirkimo prašymo eilutės prekės' },
    purchase_request_not_submitted: { en: 'the purchase request is {docstatus}, not submitted', lt: 'pirkimo prašymas yra {docstatus}, o ne pateiktas' },
    over_billing_line_ordered_billed: {
      en: 'over-billing on {po_number} line {value} ({item_code}): ordered {value2}, billed {value3}, this invoice {value4}',
      lt: 'perteklinis apmokestinimas pagal {po_number} {value} eilutę ({item_code}): užsakyta {value2}, apmokestinta {value3}, ši sąskaita {value4}',
    },
    over_receipt: { en: '{problems}', lt: '{problems}' },
    over_receipt_draft: {
      en: '{problems} (save it as a draft that may exceed the order with allow_over_receipt: true; the submit still refuses it)',
      lt: '{problems} (išsaugokite juodraštį, kuris gali viršyti užsakymą, su allow_over_receipt: true; pateikimas vis tiek bus atmestas)',
    },
  },
);
