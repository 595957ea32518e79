/**
 * List endpoints answer a page at a time ({items, nextCursor}). A page holds DEFAULT_PAGE rows unless
 * the client asks for up to MAX_PAGE; the console's own lists ask for MAX_PAGE, so 25,000 products
 * arrive in five requests rather than twenty-five.
 */
export const DEFAULT_PAGE = 1000;
export const MAX_PAGE = 5000;
