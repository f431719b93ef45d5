/** Rules of the master records: contacts' display name, owners, stages and campaigns. */
import type { Hook, HookArgs } from '@tessera/core';
import { fieldError, userId } from './util.js';
import { errors } from '../errors.js';

/** A new record belongs to the user who creates it unless an owner is given. */
export const defaultOwner: Hook = (args: HookArgs) => {
  if (args.doc.owner == null) args.doc.owner = userId(args);
};

/** full_name = first + last name (the contact's title everywhere). */
export const contactName: Hook = ({ doc }) => {
  doc.full_name = [doc.first_name, doc.last_name]
    .map((s) => (s ?? '').trim())
    .filter(Boolean)
    .join(' ');
};

export const checkStage: Hook = ({ doc }) => {
  if (doc.is_won && doc.is_lost) throw fieldError('is_lost', errors.t('stage_won_and_lost'));
};

export const checkCampaign: Hook = ({ doc }) => {
  if (doc.start_date && doc.end_date && doc.end_date < doc.start_date)
    throw fieldError('end_date', errors.t('end_before_start', { date: String(doc.start_date) }));
};
