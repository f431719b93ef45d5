/** The purchasing plugin's error catalogue: each code it throws, its HTTP status and its meaning (EN, LT); listed in docs/api.md. */
import { defineErrors } from '@tessera/core';

export const errors = defineErrors('purchasing', {
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
});
