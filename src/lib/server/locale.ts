export const LOCALE_COOKIE = 'hf_lang';
