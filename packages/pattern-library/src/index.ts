// Public entry of @onexgen/pattern-library. Filled by its issue; nothing here pretends to work yet.
export const PACKAGE_NAME = '@onexgen/pattern-library';
