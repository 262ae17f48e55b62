/** Outcome measurements are entered in their evaluation's outcome grid: no menu entry or pages of their own. */
export default {};
