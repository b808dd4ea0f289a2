// Which of the grid's page requests are taking long. The first deep page of a new sort on a large table
// builds the sort's order in the engine (about a second at 8.7M rows; later pages take tens of
// milliseconds): meanwhile the grid shows only empty loading rows, so the toolbar says what is going on.

/** A request pending this long is shown; faster ones never flash a message. */
export const SLOW_PAGE_MS = 300;

export type PageKind = 'sort' | 'read';

export class SlowPages {
  private readonly late = new Map<PageKind, number>();

  /** onChange: the kinds of the requests now pending for longer than ms, whenever that changes. */
  constructor(private readonly onChange: (kinds: PageKind[]) => void, private readonly ms = SLOW_PAGE_MS) {}

  /** Follow one request until it settles; its own result or failure is passed on unchanged. */
  track<T>(request: Promise<T>, kind: PageKind): Promise<T> {
    let isLate = false;
    const timer = setTimeout(() => { isLate = true; this.bump(kind, 1); }, this.ms);
    return request.finally(() => {
      clearTimeout(timer);
      if (isLate) this.bump(kind, -1);
    });
  }

  private bump(kind: PageKind, by: number): void {
    const n = (this.late.get(kind) ?? 0) + by;
    if (n > 0) this.late.set(kind, n); else this.late.delete(kind);
    this.onChange([...this.late.keys()]);
  }
}
