/**
 * Receiving goods at an exact total value. The stock ledger keeps rates at 9 places and
 * values at 6, and a receipt adds qty x rate: when value / qty does not terminate within
 * 9 places, no single rate gives the exact value. Finished goods must carry exactly the
 * value of the components consumed, so such a receipt is split in two moves whose products
 * qty x rate are exact at 6 places (so neither moving average nor FIFO rounds them):
 *
 *   3 units worth 10.00  ->  2 @ 3.333333 (6.666666) + 1 @ 3.333334 (3.333334) = 10.000000
 *
 * With a qty of d decimal places the first rate has 6 - d places and the second move is one
 * unit of the qty's last place (10^-d), which takes the remainder exactly.
 */
import { Decimal } from '@tessera/core';
import { RATE_SCALE, VALUE_SCALE } from './common.js';

export interface ReceiptPart {
  qty: Decimal;
  rate: Decimal;
}

export function exactValueReceipt(qty: Decimal, value: Decimal): ReceiptPart[] {
  if (!qty.gt(0)) throw new RangeError(`a receipt needs a positive qty, got ${qty.toFixed()}`);
  if (value.isZero()) return [{ qty, rate: new Decimal(0) }];
  const single = value.div(qty);
  if (single.decimalPlaces() <= RATE_SCALE && single.mul(qty).eq(value)) return [{ qty, rate: single }];
  const d = qty.decimalPlaces();
  const unit = new Decimal(10).pow(-d);
  const rateA = single.toDecimalPlaces(Math.max(VALUE_SCALE - d, 0), Decimal.ROUND_DOWN);
  const qtyA = qty.sub(unit);
  const rateB = value.sub(qtyA.mul(rateA)).div(unit);
  return [
    { qty: qtyA, rate: rateA },
    { qty: unit, rate: rateB },
  ];
}
