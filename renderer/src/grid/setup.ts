// ag-grid Community: the modules the app uses, registered once, and the grid's own words in Chinese.
import { AllCommunityModule, ModuleRegistry, themeQuartz } from 'ag-grid-community';
import type { Locale } from '../i18n/messages.ts';

ModuleRegistry.registerModules([AllCommunityModule]);

export const gridTheme = themeQuartz.withParams({
  fontFamily: 'inherit',
  fontSize: 13,
  headerFontWeight: 600,
  spacing: 5,
  rowHeight: 30,
  headerHeight: 34,
  accentColor: '#b4232a',
});

/** The grid texts the workbench shows (filter options, paging, loading), in Chinese. */
const ZH: Record<string, string> = {
  loadingOoo: '加载中…', noRowsToShow: '没有数据', loadingError: '加载出错',
  contains: '包含', notContains: '不包含', equals: '等于', notEqual: '不等于', startsWith: '开头是', endsWith: '结尾是',
  blank: '为空', notBlank: '不为空', lessThan: '小于', greaterThan: '大于', lessThanOrEqual: '小于等于',
  greaterThanOrEqual: '大于等于', inRange: '介于', inRangeStart: '从', inRangeEnd: '到',
  filterOoo: '筛选…', applyFilter: '应用', resetFilter: '重置', clearFilter: '清除', cancelFilter: '取消',
  andCondition: '且', orCondition: '或', dateFormatOoo: '年-月-日',
  sortAscending: '升序', sortDescending: '降序', sortUnSort: '取消排序',
  columnFilter: '列筛选', columnMenu: '列菜单', ariaFilterInput: '筛选输入', ariaFilteringOperator: '筛选条件',
  // What a screen reader is told (aria labels and announcements): English otherwise.
  ariaFilterMenuOpen: '打开筛选菜单', ariaFilterColumn: '按 Ctrl+Enter 打开筛选', ariaFilterValue: '筛选值',
  ariaFilterFromValue: '筛选起始值', ariaFilterToValue: '筛选结束值', ariaDateFilterInput: '日期筛选输入',
  ariaLabelColumnFilter: '列筛选', ariaLabelColumnMenu: '列菜单', ariaLabelInputClear: '清除', ariaColumnFiltered: '已筛选',
  ariaMenuColumn: '按 Alt+↓ 打开列菜单', ariaSortableColumn: '按 Enter 排序', ariaSortableColumnWithCellSelection: '按 Alt+Enter 排序',
  ariaRowToggleSelection: '按空格键勾选或取消勾选此行', ariaRowSelectAll: '按空格键勾选或取消勾选全部行',
  ariaRowSelect: '按空格键勾选此行', ariaRowDeselect: '按空格键取消勾选此行', ariaRowSelectionDisabled: '此行不可勾选',
  ariaChecked: '已勾选', ariaUnchecked: '未勾选', ariaIndeterminate: '部分勾选', ariaHeaderSelection: '勾选列',
  ariaSkeletonCellLoading: '正在加载行数据', ariaDeferSkeletonCellLoading: '单元格加载中', ariaSkeletonCellLoadingFailed: '行加载失败',
  ariaLabelTooltip: '提示', noMatchingRows: '没有符合条件的行', invalidDate: '日期无效', invalidNumber: '数字无效',
  // The paging panel is never shown (the grids scroll), but its labels are in the page.
  ariaPageSizeSelectorLabel: '每页行数', pageSizeSelectorLabel: '每页行数：', page: '页', of: '共', to: '至',
  firstPage: '第一页', previousPage: '上一页', nextPage: '下一页', lastPage: '最后一页',
};

/**
 * Tab and Shift+Tab move past a grid instead of through each of its header and body cells (hundreds in a page),
 * so the controls after a grid stay reachable; inside, the arrow keys, PageUp/PageDown, Home/End move.
 */
export const TAB_LEAVES_GRID = { tabToNextCell: () => false, tabToNextHeader: () => false } as const;

export function gridLocaleText(locale: Locale): Record<string, string> | undefined {
  return locale === 'zh-CN' ? ZH : undefined;
}

/** Which of ag-grid's filters fits a DuckDB type; the engine turns each into SQL. */
export function filterFor(type: string): 'agNumberColumnFilter' | 'agDateColumnFilter' | 'agTextColumnFilter' {
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL)/i.test(type)) return 'agNumberColumnFilter';
  if (/^(DATE|TIMESTAMP)/i.test(type)) return 'agDateColumnFilter';
  return 'agTextColumnFilter';
}

/** DECIMAL(18,2) → DECIMAL, TIMESTAMP WITH TIME ZONE → TIMESTAMPTZ: short enough for a header. */
export function shortType(type: string): string {
  return type.replace(/\(.*\)/, '').replace('TIMESTAMP WITH TIME ZONE', 'TIMESTAMPTZ');
}
