/** Targets are edited in their grant's targets grid: a resource without a menu entry or pages of its own. */
export default {};
