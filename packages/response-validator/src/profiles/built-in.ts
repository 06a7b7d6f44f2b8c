// The profiles shipped in data/profiles/ (kept free of imports: the CLI's --help reads it).
export const BUILT_IN_PROFILES = ['onex-v2', 'generic-python'] as const;
