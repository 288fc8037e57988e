/** One file of a chart, path relative to the chart's root (`templates/secret.yaml`). */
export interface ChartFile {
  path: string;
  data: Buffer;
}

/** A chart's files as read from a folder or an archive, never written to disk. */
export interface ChartFiles {
  files: ChartFile[];
  /** The archive's top-level folder (the chart's name as `helm package` writes it). */
  top?: string;
}

export class ChartInputError extends Error {}
