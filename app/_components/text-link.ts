/** The look of an inline text link, light and dark; one string so every page's links match. */
export const textLinkClass = 'text-blue-700 underline dark:text-blue-300';
