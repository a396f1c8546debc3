import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { initI18n, initialLanguage, LANGUAGE_STORAGE_KEY } from './i18n/i18n';
import './styles.css';

const language = initialLanguage(localStorage.getItem(LANGUAGE_STORAGE_KEY), navigator.languages);

void initI18n(language).then(() => {
  const root = document.getElementById('root');
  if (root === null) throw new Error('no #root element');
  createRoot(root).render(
    <StrictMode>
      <App initialLanguage={language} />
    </StrictMode>,
  );
});
