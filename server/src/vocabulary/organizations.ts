/** Organization kinds (PRODUCT.md). Plain constants: the admin app imports this file too. */
export const ORGANIZATION_KINDS = ['ngo', 'funder', 'research', 'platform'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];
