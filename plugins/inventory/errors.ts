/** The inventory plugin's error catalogue: each code it throws, its HTTP status and its meaning (EN, LT); listed in docs/api.md. */
import { defineErrors } from '@tessera/core';

export const errors = defineErrors(
  'inventory',
  {
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
  },
  {
    warehouse_does_not_exist: { en: 'warehouse {id} does not exist', lt: 'sandėlis {id} neegzistuoja' },
    group_warehouse_choose_one_warehouses: {
      en: '{name} is a group warehouse: choose one of its warehouses',
      lt: '{name} yra sandėlių grupė: pasirinkite vieną jos sandėlių',
    },
    disabled: { en: '{name} is disabled', lt: '{name} išjungtas' },
    cannot_one_descendants: { en: 'cannot be this {label} or one of its descendants', lt: 'negali būti šis {label} arba vienas jo palikuonių' },
    not_group_warehouse_groups_can: {
      en: '{name} is not a group warehouse: only groups can contain warehouses',
      lt: '{name} nėra sandėlių grupė: sandėlius gali turėti tik grupės',
    },
    stock_transactions_cannot_become_group: {
      en: '{name} has stock transactions and cannot become a group',
      lt: '{name} turi atsargų operacijų ir negali tapti grupe',
    },
    contains_warehouses_move_them_first: { en: '{name} contains warehouses: move them first', lt: '{name} turi sandėlių: pirmiau perkelkite juos' },
    cannot_change_item_already_stock: {
      en: 'cannot change: item {code} already has stock transactions',
      lt: 'keisti negalima: prekė {code} jau turi atsargų operacijų',
    },
    stock_check_compares_every_balance: {
      en: 'the stock check compares every balance with every ledger entry: it needs read access to all of them, without a row rule',
      lt: 'atsargų patikra lygina kiekvieną likutį su kiekvienu žurnalo įrašu: jai reikia skaitymo teisės į visus juos, be eilučių taisyklės',
    },
    decimal_number_got: { en: 'must be a decimal number, got {value}', lt: 'turi būti dešimtainis skaičius, gauta {value}' },
    finite_decimal_number: { en: 'must be a finite decimal number', lt: 'turi būti baigtinis dešimtainis skaičius' },
    have_most_decimal_places: { en: 'must have at most {QTY_SCALE} decimal places', lt: 'turi būti ne daugiau kaip {QTY_SCALE} skaitm. po kablelio' },
    item_does_not_exist: { en: 'item {item} does not exist', lt: 'prekė {item} neegzistuoja' },
    warehouse_does_not_exist_2: { en: 'warehouse {warehouse} does not exist', lt: 'sandėlis {warehouse} neegzistuoja' },
    group_warehouse_stock_kept_child: {
      en: '{name} is a group warehouse: stock is kept in its child warehouses',
      lt: '{name} yra sandėlių grupė: atsargos laikomos jos vaikiniuose sandėliuose',
    },
    not_enough_stock_hand_needed: {
      en: 'not enough stock of {code} ({name}) in {name2}: {value} on hand, {value2} needed, short by {value3}',
      lt: 'nepakanka prekės {code} ({name}) atsargų sandėlyje {name2}: turima {value}, reikia {value2}, trūksta {value3}',
    },
    incoming_rate_not_negative: { en: 'the incoming rate must not be negative', lt: 'pajamavimo kaina negali būti neigiama' },
    counted_qty_cannot_negative: { en: 'a counted qty cannot be negative', lt: 'suskaičiuotas kiekis negali būti neigiamas' },
    listed_twice: { en: 'is listed twice', lt: 'nurodytas du kartus' },
    stock_unit: { en: 'must be 1 for the stock unit', lt: 'atsargų matavimo vienetui turi būti 1' },
    reorder_level_already_one_per: { en: 'has a reorder level already: one per warehouse', lt: 'jau turi papildymo lygį: vienas sandėliui' },
    group_warehouse_reorder_levels_are: {
      en: 'is a group warehouse: reorder levels are kept per stock warehouse',
      lt: 'yra sandėlių grupė: papildymo lygiai nustatomi atsargų sandėliams',
    },
    required_set_default_source_warehouse: {
      en: 'is required for {value} (or set the default source warehouse)',
      lt: 'privaloma {value} (arba nurodykite numatytąjį šaltinio sandėlį)',
    },
    required_set_default_target_warehouse: {
      en: 'is required for {value} (or set the default target warehouse)',
      lt: 'privaloma {value} (arba nurodykite numatytąjį paskirties sandėlį)',
    },
    differ_from_source_warehouse: { en: 'must differ from the source warehouse', lt: 'turi skirtis nuo šaltinio sandėlio' },
    required_goods_come_rate: { en: 'is required for {value}: the goods come in at this rate', lt: 'privaloma {value}: prekės pajamuojamos šia kaina' },
    not_stock_item: { en: '{value} is not a stock item', lt: '{value} nėra atsargų prekė' },
    counted_twice_warehouse: { en: 'is counted twice in this warehouse', lt: 'šiame sandėlyje suskaičiuota du kartus' },
    item_disabled: { en: 'item {code} is disabled', lt: 'prekė {code} išjungta' },
    not_unit_item_add_under: {
      en: "{value} is not a unit of item {code}: add it under the item's unit conversions",
      lt: '{value} nėra prekės {code} matavimo vienetas: pridėkite jį prie prekės vienetų perskaičiavimų',
    },
    whole_number_counted_whole_units: {
      en: 'must be a whole number: {value} is counted in whole units',
      lt: 'turi būti sveikasis skaičius: {value} skaičiuojama sveikais vienetais',
    },
  },
);
