// Public entry of @onexgen/fallback-strategies. Filled by its issue; nothing here pretends to work yet.
export const PACKAGE_NAME = '@onexgen/fallback-strategies';
