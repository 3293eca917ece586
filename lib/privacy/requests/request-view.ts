import { isOverdue, type PrivacyRequest } from './privacy-request';

/** A request as the API shows it: with its overdue flag, computed now. */
export const requestView = (r: PrivacyRequest, now = new Date()) => ({ ...r, overdue: isOverdue(r, now) });

export const requestIdSchemaPattern = /^req_[A-Za-z0-9_-]{6,40}$/;
