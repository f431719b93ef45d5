/** The production plugin's error catalogue: each code it throws, its HTTP status and its meaning (EN, LT); listed in docs/api.md. */
import { defineErrors } from '@tessera/core';

export const errors = defineErrors('production', {
  UNIT_NOT_CONVERTIBLE: { status: 422, en: "a unit has no conversion to the item's stock unit", lt: 'vienetas neturi perskaičiavimo į prekės atsargų vienetą' },
  BOM_CYCLE: { status: 422, en: 'the bill of materials would contain itself', lt: 'komplektavimo žiniaraštis apimtų pats save' },
  INVALID_COMPONENT_BOM: { status: 422, en: "a component's bill of materials is not valid for it", lt: 'komponento komplektavimo žiniaraštis jam netinka' },
  DEFAULT_BOM_EXISTS: { status: 409, en: 'the item already has a default bill of materials', lt: 'prekė jau turi numatytąjį komplektavimo žiniaraštį' },
  BOM_IN_USE: { status: 409, en: 'a work order uses the bill; deactivate it instead', lt: 'žiniaraštį naudoja gamybos užsakymas; verčiau jį išjunkite' },
  BOM_INACTIVE: { status: 409, en: 'the bill is not active: activate it first', lt: 'žiniaraštis neaktyvus: pirmiau jį aktyvuokite' },
  INVALID_WORK_ORDER: { status: 422, en: 'the work order is not valid (details name each field)', lt: 'gamybos užsakymas netinkamas (detalės nurodo laukus)' },
  WORK_ORDER_STOPPED: { status: 409, en: 'the work order is stopped: resume it first', lt: 'gamybos užsakymas sustabdytas: pirmiau jį tęskite' },
  ALREADY_TRANSFERRED: { status: 409, en: 'the materials are already in work in progress', lt: 'medžiagos jau perkeltos į nebaigtą gamybą' },
  OVER_TRANSFER: { status: 422, en: 'the transfer would exceed the quantity to make', lt: 'perkėlimas viršytų gaminamą kiekį' },
  COMPONENT_SHORTAGE: { status: 422, en: 'there are not enough components in work in progress', lt: 'nebaigtoje gamyboje nepakanka komponentų' },
  OVER_PRODUCTION: { status: 422, en: 'producing this quantity would exceed the order', lt: 'šis kiekis viršytų užsakymą' },
});
