/** The inventory plugin's error catalogue: each code it throws, its HTTP status and its meaning (EN, LT); listed in docs/api.md. */
import { defineErrors } from '@tessera/core';

export const errors = defineErrors('inventory', {
  INVALID_ITEM: { status: 422, en: 'the item is not valid (details name each field)', lt: 'prekė netinkama (detalės nurodo laukus)' },
  INVALID_STOCK_ENTRY: {
    status: 422,
    en: 'the stock entry is not valid (details name each line and field)',
    lt: 'atsargų operacija netinkama (detalės nurodo eilutes ir laukus)',
  },
  INVALID_STOCK_MOVE: {
    status: 422,
    en: 'a stock movement is not valid (group warehouse, disabled item, unit)',
    lt: 'atsargų judėjimas netinkamas (grupinis sandėlis, išjungta prekė, matavimo vienetas)',
  },
  INSUFFICIENT_STOCK: { status: 422, en: 'there is not enough stock for the issue', lt: 'nepakanka atsargų išdavimui' },
  INVALID_STOCK_RECONCILIATION: {
    status: 422,
    en: 'the stock count is not valid (details name each line)',
    lt: 'inventorizacija netinkama (detalės nurodo eilutes)',
  },
});
