/** One step of generation: a label for the progress bar and the statements it runs, in order. */
export interface GenStep {
  zh: string;
  en: string;
  sql: string[];
}
