/** react-admin validators for a field, from its metadata (the server checks again; these answer while typing). */
import { email, maxLength, required, type Validator } from 'react-admin';
import type { MetaField } from '../../meta/types.js';
import { checkDecimalInput } from '../../mapping/decimal.js';

type BoundsOf = Pick<MetaField, 'precision' | 'scale' | 'min' | 'max' | 'exclusiveMin' | 'exclusiveMax'>;

/** Scale, digits and bounds (exclusive ones included) by the server's own rule (@tessera/contract). */
export const decimalValidator =
  (f: BoundsOf): Validator =>
  (value: unknown) => {
    const problem = checkDecimalInput(value, f);
    return problem ? { message: problem.key, args: problem.args ?? {} } : undefined;
  };

const integerValidator: Validator = (value: unknown) =>
  value === null || value === undefined || value === '' || Number.isInteger(Number(value)) ? undefined : 'tessera.validation.integer';

/** An integer's bounds, exclusive ones included (whole numbers: scale 0, no digit limit). */
const integerBounds =
  (f: BoundsOf): Validator =>
  (value: unknown) => {
    if (value === null || value === undefined || value === '' || !Number.isInteger(Number(value))) return undefined;
    const problem = checkDecimalInput(String(Number(value)), { min: f.min, max: f.max, exclusiveMin: f.exclusiveMin, exclusiveMax: f.exclusiveMax, scale: 0 });
    return problem ? { message: problem.key, args: problem.args ?? {} } : undefined;
  };

export function validatorsFor(f: MetaField, isRequired: boolean): Validator[] {
  const out: Validator[] = [];
  if (isRequired) out.push(required());
  if (f.maxLength && ['string', 'text', 'email', 'url', 'phone'].includes(f.kind)) out.push(maxLength(f.maxLength));
  if (f.kind === 'email') out.push(email());
  if (f.kind === 'decimal') out.push(decimalValidator(f));
  if (f.kind === 'integer') {
    out.push(integerValidator);
    if (f.min !== undefined || f.max !== undefined) out.push(integerBounds(f));
  }
  return out;
}
