// The six sections of a generation prompt, in prompt order (context-builder renders and budgets them;
// fallback-strategies names them when it says what a retry changes).
export const SECTION_IDS = ['system', 'operation', 'patterns', 'references', 'constraints', 'instructions'] as const;
export type SectionId = (typeof SECTION_IDS)[number];
