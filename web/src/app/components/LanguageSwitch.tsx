// SPDX-License-Identifier: AGPL-3.0-or-later
// Language switch: one button per other language, named in that language
// ("Español" while reading English), so a reader finds their own.
import { currentLanguage, kLanguageNames, kLanguages, setLanguage } from '../../i18n';
import { useLanguage, useMessages } from '../../i18n/hooks';
import { messages } from '../l10n/messages';

export function LanguageSwitch() {
  const t = useMessages(messages);
  const lang = useLanguage();
  const others = kLanguages.filter((l) => l !== lang);
  return (
    <div class="app-lang" role="group" aria-label={t('language.label')}>
      {others.map((l) => (
        <button
          key={l}
          type="button"
          class="app-lang__button"
          lang={l}
          title={t('language.switchTo', { language: kLanguageNames[l] })}
          onClick={() => {
            if (currentLanguage() !== l) void setLanguage(l);
          }}
        >
          {kLanguageNames[l]}
        </button>
      ))}
    </div>
  );
}
