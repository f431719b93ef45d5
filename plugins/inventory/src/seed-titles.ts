/** The titles of what the inventory seed loads, in Lithuanian (lists, pickers and record pages show them in the user's language). */
export const seedTitles = {
  uom: {
    Nos: { lt: 'Vnt.' },
    Box: { lt: 'Dėžė' },
    Kg: { lt: 'Kg' },
    L: { lt: 'L' },
    M: { lt: 'M' },
    Pack: { lt: 'Pakuotė' },
  },
};
