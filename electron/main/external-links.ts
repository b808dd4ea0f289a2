// The one way out of the app to the web: the user's browser, and only for http(s) pages on these hosts
// (public sources an analyst checks a clue against). Everything else is refused.
export const EXTERNAL_HOSTS: readonly string[] = [
  'www.ccdi.gov.cn',          // 中央纪委国家监委
  'www.ggzy.gov.cn',          // 全国公共资源交易平台
  'www.gsxt.gov.cn',          // 国家企业信用信息公示系统
  'www.creditchina.gov.cn',   // 信用中国
  'zxgk.court.gov.cn',        // 中国执行信息公开网
  'wenshu.court.gov.cn',      // 中国裁判文书网
  'www.ccgp.gov.cn',          // 中国政府采购网
];

/** The URL to hand to shell.openExternal, or null when it is not allowed. */
export function allowedExternalUrl(url: string, hosts: readonly string[] = EXTERNAL_HOSTS): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  if (u.username !== '' || u.password !== '') return null;
  if (u.port !== '') return null;
  return hosts.includes(u.hostname.toLowerCase()) ? u.href : null;
}
