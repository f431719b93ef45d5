/**
 * The two chart-of-accounts templates (setting `chart`). Each row: number, parent number,
 * group?, root type, account type, current?, English name, Lithuanian name. The `lt` chart
 * follows the Lithuanian standard classes (1 long-term assets, 2 current assets, 3 equity,
 * 4 liabilities, 5 income, 6 expenses) and is seeded with its Lithuanian names; the generic
 * one with English names. Both carry both labels (name_en, name_lt).
 */
import type { ChartTemplate } from '../settings.js';

export type RootType = 'asset' | 'liability' | 'equity' | 'income' | 'expense';

export interface TemplateAccount {
  number: string;
  parent: string | null;
  group: boolean;
  root: RootType;
  type: string | null;
  current: boolean;
  en: string;
  lt: string;
}

type Row = [number: string, parent: string | null, group: boolean, root: RootType, type: string | null, current: boolean, en: string, lt: string];

const rows = (list: Row[]): TemplateAccount[] =>
  list.map(([number, parent, group, root, type, current, en, lt]) => ({ number, parent, group, root, type, current, en, lt }));

const G = true;
const L = false;

export const LT_CHART: TemplateAccount[] = rows([
  ['1', null, G, 'asset', null, false, 'Long-term assets', 'Ilgalaikis turtas'],
  ['11', '1', G, 'asset', null, false, 'Intangible assets', 'Nematerialusis turtas'],
  ['1130', '11', L, 'asset', 'fixed_asset', false, 'Software', 'Programinė įranga'],
  ['1139', '11', L, 'asset', 'accumulated_depreciation', false, 'Amortisation of software', 'Programinės įrangos amortizacija'],
  ['12', '1', G, 'asset', null, false, 'Tangible assets', 'Materialusis turtas'],
  ['1203', '12', L, 'asset', 'fixed_asset', false, 'Buildings and structures', 'Pastatai ir statiniai'],
  ['1205', '12', L, 'asset', 'fixed_asset', false, 'Machinery and equipment', 'Mašinos ir įrengimai'],
  ['1206', '12', L, 'asset', 'fixed_asset', false, 'Vehicles', 'Transporto priemonės'],
  ['1207', '12', L, 'asset', 'fixed_asset', false, 'Other equipment, tools and fittings', 'Kita įranga, prietaisai, įrankiai ir įrenginiai'],
  ['1219', '12', L, 'asset', 'accumulated_depreciation', false, 'Accumulated depreciation of tangible assets', 'Materialiojo turto sukauptas nusidėvėjimas'],
  ['16', '1', G, 'asset', null, false, 'Financial assets', 'Finansinis turtas'],
  ['1600', '16', L, 'asset', null, false, 'Long-term investments', 'Ilgalaikės investicijos'],

  ['2', null, G, 'asset', null, true, 'Current assets', 'Trumpalaikis turtas'],
  ['20', '2', G, 'asset', null, true, 'Inventories', 'Atsargos'],
  ['2010', '20', L, 'asset', 'stock', true, 'Raw materials and consumables', 'Žaliavos ir komplektavimo gaminiai'],
  ['2030', '20', L, 'asset', 'wip', true, 'Work in progress', 'Nebaigta gamyba'],
  ['2040', '20', L, 'asset', 'stock', true, 'Goods for resale', 'Atsargos (pirktos prekės, skirtos perparduoti)'],
  ['2050', '20', L, 'asset', 'stock', true, 'Finished goods', 'Pagaminta produkcija'],
  ['24', '2', G, 'asset', null, true, 'Amounts receivable within one year', 'Per vienerius metus gautinos sumos'],
  ['2410', '24', L, 'asset', 'receivable', true, 'Trade receivables', 'Pirkėjų įsiskolinimas'],
  ['2441', '24', L, 'asset', 'tax', true, 'VAT receivable (input VAT)', 'Gautinas PVM'],
  ['2450', '24', L, 'asset', 'current_asset', true, 'Other receivables', 'Kitos gautinos sumos'],
  ['27', '2', G, 'asset', null, true, 'Cash and cash equivalents', 'Pinigai ir pinigų ekvivalentai'],
  ['271', '27', L, 'asset', 'bank', true, 'Bank', 'Bankas'],
  ['272', '27', L, 'asset', 'cash', true, 'Cash in hand', 'Kasa'],

  ['3', null, G, 'equity', null, false, 'Equity', 'Nuosavas kapitalas'],
  ['30', '3', G, 'equity', null, false, 'Capital', 'Kapitalas'],
  ['3010', '30', L, 'equity', 'equity', false, 'Share capital', 'Įstatinis kapitalas'],
  ['34', '3', G, 'equity', null, false, 'Retained earnings', 'Nepaskirstytasis pelnas (nuostoliai)'],
  ['3411', '34', L, 'equity', 'retained_earnings', false, 'Retained earnings', 'Nepaskirstytasis pelnas'],
  ['39', '3', G, 'equity', null, false, 'Temporary accounts', 'Laikinosios sąskaitos'],
  ['3990', '39', L, 'equity', 'temporary', false, 'Temporary opening balances', 'Laikinoji pradinių likučių sąskaita'],

  ['4', null, G, 'liability', null, false, 'Amounts payable and liabilities', 'Mokėtinos sumos ir įsipareigojimai'],
  ['41', '4', G, 'liability', null, false, 'Amounts payable after one year', 'Po vienerių metų mokėtinos sumos'],
  ['4110', '41', L, 'liability', null, false, 'Long-term loans', 'Ilgalaikės paskolos'],
  ['44', '4', G, 'liability', null, true, 'Amounts payable within one year', 'Per vienerius metus mokėtinos sumos'],
  ['4430', '44', L, 'liability', 'payable', true, 'Trade payables (suppliers)', 'Skolos tiekėjams'],
  ['4432', '44', L, 'liability', 'srnb', true, 'Goods received not yet invoiced', 'Gautos, bet neapskaitytos sąskaitomis prekės'],
  ['4470', '44', L, 'liability', 'current_liability', true, 'Salaries payable', 'Mokėtinas darbo užmokestis'],
  ['4480', '44', L, 'liability', 'current_liability', true, 'Advances received', 'Gauti išankstiniai apmokėjimai'],
  ['4492', '44', L, 'liability', 'tax', true, 'VAT payable (output VAT)', 'Mokėtinas PVM'],
  ['4493', '44', L, 'liability', 'tax', true, 'Other taxes payable', 'Kiti mokėtini mokesčiai'],

  ['5', null, G, 'income', null, false, 'Income', 'Pajamos'],
  ['50', '5', G, 'income', null, false, 'Sales revenue', 'Pardavimo pajamos'],
  ['5000', '50', L, 'income', 'income', false, 'Revenue from sales of goods', 'Pardavimo pajamos'],
  ['5010', '50', L, 'income', 'income', false, 'Revenue from services', 'Paslaugų pajamos'],
  ['52', '5', G, 'income', null, false, 'Other operating income', 'Kitos veiklos pajamos'],
  ['5200', '52', L, 'income', 'income', false, 'Other income', 'Kitos pajamos'],
  ['58', '5', G, 'income', null, false, 'Financial income', 'Finansinės ir investicinės veiklos pajamos'],
  ['5800', '58', L, 'income', 'income', false, 'Interest income', 'Palūkanų pajamos'],

  ['6', null, G, 'expense', null, false, 'Expenses', 'Sąnaudos'],
  ['60', '6', G, 'expense', null, false, 'Cost of sales', 'Pardavimo savikaina'],
  ['6000', '60', L, 'expense', 'cogs', false, 'Cost of goods sold', 'Parduotų prekių savikaina'],
  ['6010', '60', L, 'expense', 'stock_adjustment', false, 'Stock write-offs and adjustments', 'Atsargų nurašymo ir koregavimo sąnaudos'],
  ['6020', '60', L, 'expense', 'price_difference', false, 'Purchase price differences', 'Pirkimo kainų skirtumai'],
  ['61', '6', G, 'expense', null, false, 'Selling expenses', 'Pardavimo sąnaudos'],
  ['6100', '61', L, 'expense', 'expense', false, 'Selling and marketing expenses', 'Pardavimo ir rinkodaros sąnaudos'],
  ['62', '6', G, 'expense', null, false, 'General and administrative expenses', 'Bendrosios ir administracinės sąnaudos'],
  ['6200', '62', L, 'expense', 'expense', false, 'Salaries and social security', 'Darbo užmokesčio ir socialinio draudimo sąnaudos'],
  ['6210', '62', L, 'expense', 'depreciation', false, 'Depreciation and amortisation', 'Nusidėvėjimo ir amortizacijos sąnaudos'],
  ['6220', '62', L, 'expense', 'expense', false, 'Rent', 'Nuomos sąnaudos'],
  ['6230', '62', L, 'expense', 'expense', false, 'Utilities', 'Komunalinių paslaugų sąnaudos'],
  ['6240', '62', L, 'expense', 'expense', false, 'Communications', 'Ryšių sąnaudos'],
  ['6250', '62', L, 'expense', 'expense', false, 'Transport', 'Transporto sąnaudos'],
  ['6290', '62', L, 'expense', 'expense', false, 'Other administrative expenses', 'Kitos administracinės sąnaudos'],
  ['68', '6', G, 'expense', null, false, 'Financial expenses', 'Finansinės ir investicinės veiklos sąnaudos'],
  ['6800', '68', L, 'expense', 'expense', false, 'Interest expense', 'Palūkanų sąnaudos'],
  ['6803', '68', L, 'expense', 'exchange_gain_loss', false, 'Exchange rate differences', 'Valiutų kursų pasikeitimo rezultatas'],
  ['6890', '68', L, 'expense', 'round_off', false, 'Rounding differences', 'Apvalinimo skirtumai'],
  ['69', '6', G, 'expense', null, false, 'Income tax', 'Pelno mokestis'],
  ['6900', '69', L, 'expense', 'expense', false, 'Income tax expense', 'Pelno mokesčio sąnaudos'],
]);

export const GENERIC_CHART: TemplateAccount[] = rows([
  ['1000', null, G, 'asset', null, false, 'Assets', 'Turtas'],
  ['1100', '1000', G, 'asset', null, true, 'Current assets', 'Trumpalaikis turtas'],
  ['1110', '1100', L, 'asset', 'bank', true, 'Bank', 'Bankas'],
  ['1120', '1100', L, 'asset', 'cash', true, 'Cash', 'Kasa'],
  ['1200', '1100', L, 'asset', 'receivable', true, 'Accounts receivable', 'Pirkėjų įsiskolinimas'],
  ['1300', '1100', L, 'asset', 'stock', true, 'Stock in hand', 'Atsargos'],
  ['1310', '1100', L, 'asset', 'wip', true, 'Work in progress', 'Nebaigta gamyba'],
  ['1400', '1100', L, 'asset', 'tax', true, 'VAT receivable (input)', 'Gautinas PVM'],
  ['1500', '1000', G, 'asset', null, false, 'Fixed assets', 'Ilgalaikis turtas'],
  ['1510', '1500', L, 'asset', 'fixed_asset', false, 'Equipment', 'Įranga'],
  ['1590', '1500', L, 'asset', 'accumulated_depreciation', false, 'Accumulated depreciation', 'Sukauptas nusidėvėjimas'],

  ['2000', null, G, 'liability', null, false, 'Liabilities', 'Įsipareigojimai'],
  ['2100', '2000', G, 'liability', null, true, 'Current liabilities', 'Trumpalaikiai įsipareigojimai'],
  ['2110', '2100', L, 'liability', 'payable', true, 'Accounts payable', 'Skolos tiekėjams'],
  ['2120', '2100', L, 'liability', 'srnb', true, 'Stock received but not billed', 'Gautos, bet neapskaitytos sąskaitomis prekės'],
  ['2200', '2100', L, 'liability', 'tax', true, 'VAT payable (output)', 'Mokėtinas PVM'],
  ['2300', '2100', L, 'liability', 'current_liability', true, 'Payroll payable', 'Mokėtinas darbo užmokestis'],
  ['2500', '2000', G, 'liability', null, false, 'Long-term liabilities', 'Ilgalaikiai įsipareigojimai'],
  ['2510', '2500', L, 'liability', null, false, 'Long-term loans', 'Ilgalaikės paskolos'],

  ['3000', null, G, 'equity', null, false, 'Equity', 'Nuosavas kapitalas'],
  ['3100', '3000', L, 'equity', 'equity', false, 'Share capital', 'Įstatinis kapitalas'],
  ['3200', '3000', L, 'equity', 'retained_earnings', false, 'Retained earnings', 'Nepaskirstytasis pelnas'],
  ['3900', '3000', L, 'equity', 'temporary', false, 'Temporary opening', 'Laikinoji pradinių likučių sąskaita'],

  ['4000', null, G, 'income', null, false, 'Income', 'Pajamos'],
  ['4100', '4000', L, 'income', 'income', false, 'Sales', 'Pardavimo pajamos'],
  ['4200', '4000', L, 'income', 'income', false, 'Service income', 'Paslaugų pajamos'],
  ['4900', '4000', L, 'income', 'income', false, 'Other income', 'Kitos pajamos'],

  ['5000', null, G, 'expense', null, false, 'Expenses', 'Sąnaudos'],
  ['5050', '5000', G, 'expense', null, false, 'Cost of sales', 'Pardavimo savikaina'],
  ['5100', '5050', L, 'expense', 'cogs', false, 'Cost of goods sold', 'Parduotų prekių savikaina'],
  ['5110', '5050', L, 'expense', 'stock_adjustment', false, 'Stock adjustment', 'Atsargų koregavimas'],
  ['5120', '5050', L, 'expense', 'price_difference', false, 'Purchase price difference', 'Pirkimo kainų skirtumai'],
  ['5200', '5000', G, 'expense', null, false, 'Operating expenses', 'Veiklos sąnaudos'],
  ['5210', '5200', L, 'expense', 'expense', false, 'Salaries', 'Darbo užmokestis'],
  ['5220', '5200', L, 'expense', 'expense', false, 'Rent', 'Nuoma'],
  ['5230', '5200', L, 'expense', 'expense', false, 'Utilities', 'Komunalinės paslaugos'],
  ['5240', '5200', L, 'expense', 'depreciation', false, 'Depreciation', 'Nusidėvėjimas'],
  ['5290', '5200', L, 'expense', 'expense', false, 'Other expenses', 'Kitos sąnaudos'],
  ['5300', '5000', G, 'expense', null, false, 'Financial expenses', 'Finansinės sąnaudos'],
  ['5310', '5300', L, 'expense', 'expense', false, 'Interest', 'Palūkanos'],
  ['5320', '5300', L, 'expense', 'exchange_gain_loss', false, 'Exchange gain/loss', 'Valiutų kursų pokytis'],
  ['5330', '5300', L, 'expense', 'round_off', false, 'Round off', 'Apvalinimo skirtumai'],
  ['5900', '5000', L, 'expense', 'expense', false, 'Income tax', 'Pelno mokestis'],
]);

export const CHART_TEMPLATES: Record<ChartTemplate, TemplateAccount[]> = { generic: GENERIC_CHART, lt: LT_CHART };
