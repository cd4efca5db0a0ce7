/** Days in charts are calendar days of this zone (IANA name); call centres think in local days. */
export const timeZone = (): string => process.env.APP_TIMEZONE || 'Asia/Shanghai';
