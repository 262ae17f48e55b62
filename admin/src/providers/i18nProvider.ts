import polyglotI18nProvider from 'ra-i18n-polyglot';
import { en } from '../i18n/en';

/** The languages of the admin; Spanish and French load on first use (their own chunks). */
export const LOCALES = [
  { locale: 'en', name: 'English' },
  { locale: 'es', name: 'Español' },
  { locale: 'fr', name: 'Français' },
];

const messagesFor = (locale: string) => {
  if (locale === 'es') return import('../i18n/es').then((m) => m.es);
  if (locale === 'fr') return import('../i18n/fr').then((m) => m.fr);
  return en;
};

export const i18nProvider = polyglotI18nProvider(messagesFor, 'en', LOCALES, { allowMissing: false });
