import { useCallback } from 'react';
import { useLocation, useNavigate } from 'react-router';

/**
 * Where "back" goes: the page the user came from, so a list keeps its tab, filters and page; a page opened straight
 * from a link (SMS, notification, new tab) has nothing to go back to in the app and goes to `fallback`.
 */
export function backTarget(locationKey: string, fallback: string): -1 | string {
  return locationKey === 'default' ? fallback : -1;
}

export function useBack(fallback: string) {
  const navigate = useNavigate();
  const { key } = useLocation();
  return useCallback(() => {
    const to = backTarget(key, fallback);
    void (to === -1 ? navigate(-1) : navigate(to));
  }, [navigate, key, fallback]);
}
