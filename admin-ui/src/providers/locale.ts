/** The UI's current language, for what is not React (the HTTP client's Accept-Language, error messages). */
let current = 'en';

export const uiLocale = {
  get: (): string => current,
  set(locale: string): void {
    current = locale;
  },
};
