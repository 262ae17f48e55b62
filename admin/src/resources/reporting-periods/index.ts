/** Reporting periods are edited on their grant's page: a resource without a menu entry or pages of its own. */
export default { recordRepresentation: 'label' };
