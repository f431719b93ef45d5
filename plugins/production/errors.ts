/** The production plugin's error catalogue: each code it throws, its HTTP status and its meaning (EN, LT); listed in docs/api.md. */
import { defineErrors } from '@tessera/core';

export const errors = defineErrors(
  'production',
  {
    UNIT_NOT_CONVERTIBLE: {
      status: 422,
      en: "a unit has no conversion to the item's stock unit",
      lt: 'vienetas neturi perskaičiavimo į prekės atsargų vienetą',
    },
    BOM_CYCLE: { status: 422, en: 'the bill of materials would contain itself', lt: 'komplektavimo žiniaraštis apimtų pats save' },
    INVALID_COMPONENT_BOM: { status: 422, en: "a component's bill of materials is not valid for it", lt: 'komponento komplektavimo žiniaraštis jam netinka' },
    DEFAULT_BOM_EXISTS: { status: 409, en: 'the item already has a default bill of materials', lt: 'prekė jau turi numatytąjį komplektavimo žiniaraštį' },
    BOM_IN_USE: { status: 409, en: 'a work order uses the bill; deactivate it instead', lt: 'žiniaraštį naudoja gamybos užsakymas; verčiau jį išjunkite' },
    BOM_INACTIVE: { status: 409, en: 'the bill is not active: activate it first', lt: 'žiniaraštis neaktyvus: pirmiau jį aktyvuokite' },
    INVALID_WORK_ORDER: {
      status: 422,
      en: 'the work order is not valid (details name each field)',
      lt: 'gamybos užsakymas netinkamas (detalės nurodo laukus)',
    },
    WORK_ORDER_STOPPED: { status: 409, en: 'the work order is stopped: resume it first', lt: 'gamybos užsakymas sustabdytas: pirmiau jį tęskite' },
    ALREADY_TRANSFERRED: { status: 409, en: 'the materials are already in work in progress', lt: 'medžiagos jau perkeltos į nebaigtą gamybą' },
    OVER_TRANSFER: { status: 422, en: 'the transfer would exceed the quantity to make', lt: 'perkėlimas viršytų gaminamą kiekį' },
    COMPONENT_SHORTAGE: { status: 422, en: 'there are not enough components in work in progress', lt: 'nebaigtoje gamyboje nepakanka komponentų' },
    OVER_PRODUCTION: { status: 422, en: 'producing this quantity would exceed the order', lt: 'šis kiekis viršytų užsakymą' },
  },
  {
    default_already_default_bill_materials: {
      en: 'is_default: {number} is already the default bill of materials of {value}; use its "Make default" action on this bill instead, or untick Default',
      lt: 'is_default: {number} jau yra numatytoji {value} komplektacija; naudokite šios komplektacijos veiksmą „Padaryti numatytąja“ arba nuimkite žymę „Numatytoji“',
    },
    cannot_deleted_work_order_uses: {
      en: '{number} cannot be deleted: work order {number2} uses it; deactivate the bill instead',
      lt: '{number} negalima ištrinti: ją naudoja gamybos užsakymas {number2}; vietoj to išjunkite komplektaciją',
    },
    not_active_activate_before_making: {
      en: '{number} is not active: activate it before making it the default',
      lt: '{number} neaktyvi: prieš padarydami ją numatytąja, aktyvuokite',
    },
    items_item_bill_would_contain: {
      en: 'items/{line}/item: the bill would contain itself: {value}',
      lt: 'items/{line}/item: komplektacija turėtų pati save: {value}',
    },
    bills_materials_form_cycle: { en: 'the bills of materials form a cycle: {path}', lt: 'komplektacijos sudaro ciklą: {path}' },
    no_conversion_unit_add_item: {
      en: "{value} has no conversion for this unit: add it to the item's unit conversions or use its stock unit",
      lt: '{value} neturi šio vieneto perskaičiavimo: pridėkite jį prie prekės vienetų perskaičiavimų arba naudokite atsargų vienetą',
    },
    bill_would_contain_itself: { en: 'the bill would contain itself: {value}', lt: 'komplektacija turėtų pati save: {value}' },
    bill_cannot_use_itself_component: { en: 'a bill cannot use itself for a component', lt: 'komplektacija negali naudoti savęs kaip komponento' },
    makes_not: { en: '{number} makes {value}, not {value2}', lt: '{number} gamina {value}, o ne {value2}' },
    not_active: { en: '{number} is not active', lt: '{number} neaktyvi' },
    cannot_component_own_bill: { en: '{value} cannot be a component of its own bill', lt: '{value} negali būti savo komplektacijos komponentas' },
    stopped_resume_first: { en: '{number} is stopped: resume it first', lt: '{number} sustabdytas: pirmiau atnaujinkite' },
    materials_all_are_already_work: {
      en: 'the materials for all {ordered} of {number} are already in work in progress; enter a qty to transfer more (up to {value})',
      lt: 'medžiagos visam {ordered} kiekiui užsakyme {number} jau perduotos į nebaigtą gamybą; norėdami perduoti daugiau, įveskite kiekį (iki {value})',
    },
    not_before_planned_start: {
      en: 'must not be before the planned start ({planned_start_date})',
      lt: 'negali būti ankstesnė nei planuota pradžia ({planned_start_date})',
    },
    item_does_not_exist: { en: 'item {item} does not exist', lt: 'prekė {item} neegzistuoja' },
    does_not_maintain_stock_so: {
      en: '{value} does not maintain stock, so it cannot be produced into a warehouse',
      lt: '{value} neturi atsargų, todėl negali būti gaminama į sandėlį',
    },
    no_default_bill_materials_create: {
      en: '{value} has no default bill of materials: create one or choose a bill',
      lt: '{value} neturi numatytosios komplektacijos: sukurkite ją arba pasirinkite komplektaciją',
    },
    bill_materials_does_not_exist: { en: 'bill of materials {bom} does not exist', lt: 'komplektacija {bom} neegzistuoja' },
    makes_another_item_not: { en: '{number} makes another item, not {value}', lt: '{number} gamina kitą prekę, o ne {value}' },
    bill_materials_no_components: { en: 'the bill of materials has no components', lt: 'komplektacija neturi komponentų' },
    decimal_number_most_decimal_places: {
      en: 'must be a decimal number with at most 6 decimal places, such as "2.5"',
      lt: 'turi būti dešimtainis skaičius su ne daugiau kaip 6 skaitm. po kablelio, pvz., „2.5“',
    },
    must_be_positive: { en: 'must be > 0', lt: 'turi būti > 0' },
    materials_would_exceed_make_most: {
      en: 'materials for {forQty} would exceed the {ordered} to make{value}; at most {value2} more',
      lt: 'medžiagos kiekiui {forQty} viršytų gaminamą kiekį {ordered}{value}; daugiausia dar {value2}',
    },
    short_needed_stock: {
      en: '{value} is short by {value2} in {value3}: {qty} needed, {onHand} in stock',
      lt: '{value} trūksta {value2} sandėlyje {value3}: reikia {qty}, turima {onHand}',
    },
    producing_would_make_ordered_already: {
      en: 'producing {qty} would make {after} of the {ordered} ordered{value}; {produced} already produced, at most {value2} more',
      lt: 'pagaminus {qty} būtų {after} iš užsakytų {ordered}{value}; jau pagaminta {produced}, daugiausia dar {value2}',
    },
    short_needed_transferred_work_progress: {
      en: '{value} is short by {value2}: {qty} needed, {value3} transferred to work in progress and not consumed; transfer the materials first',
      lt: '{value} trūksta {value2}: reikia {qty}, į nebaigtą gamybą perduota ir nesunaudota {value3}; pirmiau perduokite medžiagas',
    },
  },
);
