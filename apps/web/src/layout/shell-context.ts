import { createContext, useContext } from 'react';

/** 'mobile': the antd-mobile shell with a bottom tab bar (customers and technicians on a phone). */
export type ShellKind = 'desktop' | 'mobile';
export const ShellContext = createContext<ShellKind>('desktop');
export const useShell = () => useContext(ShellContext);
