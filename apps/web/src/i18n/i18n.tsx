import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { z } from 'zod';
import { en as zodEn, zhCN as zodZh } from 'zod/locales';
import { en, zh, ZH_ONLY_MESSAGES_EN, type MsgKey } from './dict';

export type Lang = 'zh' | 'en';
export type Vars = Record<string, string | number>;
export interface Labelled {
  zh: string;
  en: string;
}

const STORAGE_KEY = 'paidan.lang';

export function storedLang(): Lang | null {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'en' || v === 'zh' ? v : null;
  } catch {
    return null;
  }
}

export function translate(lang: Lang, key: MsgKey, vars?: Vars): string {
  const text: string = lang === 'en' ? en[key] : zh[key];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** Shared schemas write messages as "中文 / English" or Chinese only; show the user's half. */
export function localizeMessage(msg: string, lang: Lang): string {
  const parts = msg.split(' / ');
  if (parts.length === 2) return (lang === 'en' ? parts[1] : parts[0])!.trim();
  if (lang === 'en') return ZH_ONLY_MESSAGES_EN[msg] ?? msg;
  return msg;
}

let current: Lang = storedLang() ?? 'zh';
export const currentLang = (): Lang => current;

function applyLang(lang: Lang) {
  current = lang;
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  z.config(lang === 'en' ? zodEn() : zodZh());
  document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
}
applyLang(current);

interface I18nValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MsgKey, vars?: Vars) => string;
  /** picks the label of a shared {zh, en} pair */
  l: (label: Labelled | undefined) => string;
  m: (serverOrSchemaMessage: string) => string;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(current);
  const setLang = useCallback((next: Lang) => {
    applyLang(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // private mode: the choice lasts for this tab only
    }
    setLangState(next);
  }, []);
  const value = useMemo<I18nValue>(
    () => ({
      lang,
      setLang,
      t: (key, vars) => translate(lang, key, vars),
      l: (label) => (label ? label[lang] : ''),
      m: (msg) => localizeMessage(msg, lang),
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

export type { MsgKey };
