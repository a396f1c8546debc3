import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../format/format';
import { RESOURCES } from './messages';

export const LANGUAGE_STORAGE_KEY = 'cuakhau.language';

/** The saved choice, else the browser's language when we have it, else Vietnamese. */
export function initialLanguage(saved: string | null, browser: readonly string[]): Language {
  if (isLanguage(saved)) return saved;
  for (const tag of browser) {
    if (tag.toLowerCase().startsWith('zh')) return 'zh-CN';
    if (tag.toLowerCase().startsWith('vi')) return 'vi';
    if (tag.toLowerCase().startsWith('en')) return 'en';
  }
  return DEFAULT_LANGUAGE;
}

export async function initI18n(language: Language): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources: {
      vi: { translation: RESOURCES.vi },
      en: { translation: RESOURCES.en },
      'zh-CN': { translation: RESOURCES['zh-CN'] },
    },
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: ['vi', 'en', 'zh-CN'],
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18next;
}
