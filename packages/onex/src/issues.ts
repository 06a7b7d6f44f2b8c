// What a validation issue is about and how bad it is (response-validator reports them,
// fallback-strategies decides on them, metrics stores them).
import { z } from 'zod';

/** `behaviour`: a spec example failed, timed out or crashed when the code ran in the sandbox. */
export const ISSUE_CATEGORIES = ['syntax', 'compliance', 'security', 'quality', 'pattern', 'behaviour'] as const;
export type IssueCategory = (typeof ISSUE_CATEGORIES)[number];
export const issueCategorySchema = z.enum(ISSUE_CATEGORIES);

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const severitySchema = z.enum(SEVERITIES);
