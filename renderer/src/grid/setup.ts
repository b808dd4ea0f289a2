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
};

export function gridLocaleText(locale: Locale): Record<string, string> | undefined {
  return locale === 'zh-CN' ? ZH : undefined;
}

/** Which of ag-grid's filters fits a DuckDB type; the engine turns each into SQL. */
export function filterFor(type: string): 'agNumberColumnFilter' | 'agDateColumnFilter' | 'agTextColumnFilter' {
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|REAL|DECIMAL)/i.test(type)) return 'agNumberColumnFilter';
  if (/^(DATE|TIMESTAMP)/i.test(type)) return 'agDateColumnFilter';
  return 'agTextColumnFilter';
}

/** DECIMAL(18,2) → DECIMAL, TIMESTAMP WITH TIME ZONE → TIMESTAMPTZ: short enough for a header. */
export function shortType(type: string): string {
  return type.replace(/\(.*\)/, '').replace('TIMESTAMP WITH TIME ZONE', 'TIMESTAMPTZ');
}
