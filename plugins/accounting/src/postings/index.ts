/** Posting rules of every document type with accounting effect (owned by the postings part). */
import type { EntityHooks } from '@tessera/core';
import type { PostingRule } from '../contract.js';

export const postingRules: PostingRule[] = [];

/** Hooks on other plugins' documents (entity key -> hooks), post on submit, reverse on cancel. */
export const postingHooks: Record<string, EntityHooks> = {};
