// app/view still imports the class from here; the kit in ./ui is its home.
export { textLinkClass } from './ui/text-link';
