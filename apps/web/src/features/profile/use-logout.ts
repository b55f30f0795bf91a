import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { toastSuccess } from '../../api/feedback';
import { useSignedOut } from '../../auth/session';
import { useI18n } from '../../i18n/i18n';

export function useLogout() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const signedOut = useSignedOut();
  return useMutation({
    mutationFn: () => api.post('/auth/logout'),
    // signed out locally even when the server could not be reached
    onSettled: () => {
      signedOut();
      toastSuccess(t('header.loggedOut'));
      void navigate('/login', { replace: true });
    },
    meta: { manualError: true },
  });
}
