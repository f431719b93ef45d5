/** The titles of what the accounting seed loads (the default chart, the tax templates), in Lithuanian. */
const accounts: Record<string, string> = {
  Assets: 'Turtas',
  'Current assets': 'Trumpalaikis turtas',
  Bank: 'Bankas',
  Cash: 'Kasa',
  'Accounts receivable': 'Pirkėjų įsiskolinimai',
  'Stock in hand': 'Atsargos',
  'Work in progress': 'Nebaigta gamyba',
  'VAT receivable (input)': 'Gautinas PVM (pirkimo)',
  'Fixed assets': 'Ilgalaikis turtas',
  Equipment: 'Įranga',
  'Accumulated depreciation': 'Sukauptas nusidėvėjimas',
  Liabilities: 'Įsipareigojimai',
  'Current liabilities': 'Trumpalaikiai įsipareigojimai',
  'Accounts payable': 'Skolos tiekėjams',
  'Stock received but not billed': 'Gautos, bet neapmokestintos atsargos',
  'VAT payable (output)': 'Mokėtinas PVM (pardavimo)',
  'Payroll payable': 'Mokėtinas darbo užmokestis',
  'Long-term liabilities': 'Ilgalaikiai įsipareigojimai',
  'Long-term loans': 'Ilgalaikės paskolos',
  Equity: 'Nuosavas kapitalas',
  'Share capital': 'Įstatinis kapitalas',
  'Retained earnings': 'Nepaskirstytasis pelnas',
  'Temporary opening': 'Laikinoji pradinių likučių',
  Income: 'Pajamos',
  Sales: 'Pardavimai',
  'Service income': 'Paslaugų pajamos',
  'Other income': 'Kitos pajamos',
  Expenses: 'Sąnaudos',
  'Cost of sales': 'Pardavimų savikaina',
  'Cost of goods sold': 'Parduotų prekių savikaina',
  'Stock adjustment': 'Atsargų koregavimas',
  'Purchase price difference': 'Pirkimo kainos skirtumas',
  'Operating expenses': 'Veiklos sąnaudos',
  Salaries: 'Darbo užmokestis',
  Rent: 'Nuoma',
  Utilities: 'Komunalinės paslaugos',
  Depreciation: 'Nusidėvėjimas',
  'Other expenses': 'Kitos sąnaudos',
  'Financial expenses': 'Finansinės sąnaudos',
  Interest: 'Palūkanos',
  'Exchange gain/loss': 'Valiutų kursų pokytis',
  'Round off': 'Apvalinimas',
  'Income tax': 'Pelno mokestis',
};

const RATES = ['0 %', '21 %', '5 % (reduced)', '9 % (reduced)', 'exempt'];
const rateLt = (r: string) => (r === 'exempt' ? 'neapmokestinama' : r.replace('(reduced)', '(lengvatinis)'));
const taxTemplates: Record<string, string> = Object.fromEntries(
  RATES.flatMap((r) => [
    [`LT VAT ${r} (sales)`, `LT PVM ${rateLt(r)} (pardavimai)`],
    [`LT VAT ${r} (purchases)`, `LT PVM ${rateLt(r)} (pirkimai)`],
  ]),
);

const lt = (m: Record<string, string>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, { lt: v }]));

export const seedTitles = { account: lt(accounts), tax_template: lt(taxTemplates) };
