// What the native dialogs show, per language: titles, buttons and file filters. index.ts passes these to
// dialog.showOpenDialog / showSaveDialog; the paths they return are the only ones the dialogs hand on.
import type { OpenDialogOptions, SaveDialogOptions } from 'electron';
import type { EXPORT_FORMATS } from '../contract/desktop.ts';
import type { Lang } from './menu-template.ts';

const zh = (lang: Lang, a: string, b: string) => (lang === 'zh' ? a : b);

export function workspaceDialog(lang: Lang, create: boolean, defaultPath?: string): OpenDialogOptions {
  return {
    title: create ? zh(lang, '新建工作区：选择一个空文件夹', 'New workspace: choose an empty folder') : zh(lang, '打开工作区', 'Open workspace'),
    buttonLabel: create ? zh(lang, '在此新建', 'Create here') : zh(lang, '打开', 'Open'),
    properties: create ? ['openDirectory', 'createDirectory', 'promptToCreate'] : ['openDirectory'],
    ...(defaultPath ? { defaultPath } : {}),
  };
}

export function importDialog(lang: Lang, multiple: boolean): OpenDialogOptions {
  return {
    title: zh(lang, '导入文件', 'Import files'),
    buttonLabel: zh(lang, '导入', 'Import'),
    properties: multiple ? ['openFile', 'multiSelections'] : ['openFile'],
    filters: [
      { name: zh(lang, '数据文件', 'Data files'), extensions: ['csv', 'tsv', 'txt', 'xlsx', 'parquet', 'json', 'jsonl', 'ftm', 'ijson'] },
      { name: zh(lang, '所有文件', 'All files'), extensions: ['*'] },
    ],
  };
}

const FORMAT_NAMES: Record<(typeof EXPORT_FORMATS)[number], [string, string]> = {
  csv: ['CSV 文本', 'CSV text'], parquet: ['Parquet', 'Parquet'], xlsx: ['Excel 工作簿', 'Excel workbook'],
};

export function exportDialog(lang: Lang, suggestedName: string, format: (typeof EXPORT_FORMATS)[number], defaultDir?: string): SaveDialogOptions {
  const name = suggestedName.toLowerCase().endsWith(`.${format}`) ? suggestedName : `${suggestedName}.${format}`;
  return {
    title: zh(lang, '导出到', 'Export to'),
    buttonLabel: zh(lang, '导出', 'Export'),
    defaultPath: defaultDir ? `${defaultDir}/${name}` : name,
    filters: [{ name: FORMAT_NAMES[format][lang === 'zh' ? 0 : 1], extensions: [format] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
}
