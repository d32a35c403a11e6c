import type { CellValue, MatrixView } from './matrix';
import { sameCellValue } from '../../rules/value-rules';

export interface MatrixFilter {
  /** Row slugs every shown mesh must support. */
  needs: string[];
  /** Count `partial` as support for `needs`. */
  countPartial: boolean;
  /** Case-insensitive text matched against row names and definitions. */
  text?: string;
  /** Keep only rows whose values are not all the same. */
  onlyDiffering?: boolean;
}

function supports(value: CellValue | undefined, countPartial: boolean): boolean {
  return value?.support === 'yes' || (countPartial && value?.support === 'partial');
}

/** Narrows a matrix to the meshes that meet every need and the rows that match the text; pure, so the URL fully describes the view. */
export function filterMatrix(matrix: MatrixView, filter: MatrixFilter): MatrixView {
  const columns = matrix.columns.filter(({ mesh }) =>
    filter.needs.every((need) => supports(matrix.cells[mesh.slug]?.[need], filter.countPartial)),
  );
  const text = filter.text?.trim().toLowerCase();
  const categories = matrix.categories
    .map((category) => ({
      ...category,
      features: category.features.filter((feature) => {
        if (text && !`${feature.name} ${feature.definition}`.toLowerCase().includes(text)) return false;
        if (filter.onlyDiffering) {
          const values = columns.map(({ mesh }) => matrix.cells[mesh.slug]?.[feature.slug]);
          return values.some((value) => !sameCellValue(value, values[0]));
        }
        return true;
      }),
    }))
    .filter((category) => category.features.length > 0);
  return { ...matrix, columns, categories };
}
