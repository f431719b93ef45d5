/** react-admin validators for a field, from its metadata (the server checks again; these answer while typing). */
import { email, maxLength, maxValue, minValue, required, type Validator } from 'react-admin';
import type { MetaField } from '../../meta/types.js';
import { checkDecimalInput } from '../../mapping/decimal.js';

export const decimalValidator = (f: Pick<MetaField, 'precision' | 'scale' | 'min' | 'max'>): Validator => (value: unknown) => {
  const problem = checkDecimalInput(value, f);
  return problem ? { message: problem.key, args: problem.args ?? {} } : undefined;
};

const integerValidator: Validator = (value: unknown) =>
  value === null || value === undefined || value === '' || Number.isInteger(Number(value)) ? undefined : 'tessera.validation.integer';

export function validatorsFor(f: MetaField, isRequired: boolean): Validator[] {
  const out: Validator[] = [];
  if (isRequired) out.push(required());
  if (f.maxLength && ['string', 'text', 'email', 'url', 'phone'].includes(f.kind)) out.push(maxLength(f.maxLength));
  if (f.kind === 'email') out.push(email());
  if (f.kind === 'decimal') out.push(decimalValidator(f));
  if (f.kind === 'integer') {
    out.push(integerValidator);
    if (typeof f.min === 'number') out.push(minValue(f.min));
    if (typeof f.max === 'number') out.push(maxValue(f.max));
  }
  return out;
}
