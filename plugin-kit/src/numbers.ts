/** Exact numbers for plugin code: one decimal engine (the core's, from @tessera/contract), never floats. */
import { Decimal, toDecimal } from '@tessera/contract';

/** A decimal from a stored or sent value; null, undefined and '' are zero. */
export const D = (v: unknown): Decimal => toDecimal(v);

/** Rounded half-up to `places` decimal places (the scale of the field it goes into). */
export const roundTo = (d: Decimal, places: number): Decimal => d.toDecimalPlaces(places, Decimal.ROUND_HALF_UP);

/** For messages: 12.500000 -> "12.5". */
export const show = (v: unknown): string => D(v).toFixed();
