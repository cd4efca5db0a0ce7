// Respondent pages are plain server-rendered HTML: they work, and stay light, without JavaScript.
export const csr = false;
