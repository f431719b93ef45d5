/** The titles of what the CRM seed loads (default stages, lost reasons, lead sources), in Lithuanian. */
export const seedTitles = {
  stage: {
    Prospecting: { lt: 'Paieška' },
    Qualification: { lt: 'Kvalifikavimas' },
    'Needs analysis': { lt: 'Poreikių analizė' },
    Proposal: { lt: 'Pasiūlymas' },
    Negotiation: { lt: 'Derybos' },
    Won: { lt: 'Laimėta' },
    Lost: { lt: 'Pralaimėta' },
  },
  lost_reason: {
    'Price too high': { lt: 'Per didelė kaina' },
    'Chose a competitor': { lt: 'Pasirinko konkurentą' },
    'No budget': { lt: 'Nėra biudžeto' },
    'No decision / not responding': { lt: 'Nėra sprendimo / neatsako' },
    'Requirements not met': { lt: 'Neatitinka reikalavimų' },
    'Bad timing': { lt: 'Netinkamas laikas' },
  },
  lead_source: {
    Website: { lt: 'Svetainė' },
    Referral: { lt: 'Rekomendacija' },
    'Cold call': { lt: 'Šaltas skambutis' },
    'E-mail campaign': { lt: 'El. pašto kampanija' },
    'Trade show': { lt: 'Paroda' },
    'Social media': { lt: 'Socialiniai tinklai' },
    Advertising: { lt: 'Reklama' },
    Partner: { lt: 'Partneris' },
  },
};
