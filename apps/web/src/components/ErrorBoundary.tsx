import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Button, Result, Typography } from 'antd';
import { currentLang, translate } from '../i18n/i18n';

interface Props {
  children: ReactNode;
  /** changing it (e.g. the path) clears a shown error */
  resetKey?: string;
}
interface State {
  error: Error | null;
  resetKey?: string;
}

const CHUNK_ERROR = /dynamically imported module|Importing a module script failed|error loading dynamically/i;
const RELOADED_KEY = 'paidan.chunk-reload';

/** Catches render errors so one broken page does not blank the whole app. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    if (props.resetKey !== state.resetKey) return { error: null, resetKey: props.resetKey };
    return null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // After a new release the old page chunks are gone: load the new app once instead of showing an error.
    if (CHUNK_ERROR.test(error.message) && !sessionStorage.getItem(RELOADED_KEY)) {
      sessionStorage.setItem(RELOADED_KEY, '1');
      window.location.reload();
      return;
    }
    console.error('page crashed', error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const lang = currentLang();
    // Also used when a lazily loaded page chunk fails (e.g. after a deploy): a reload fetches the new one.
    return (
      <Result
        status="error"
        title={translate(lang, 'page.error')}
        subTitle={translate(lang, 'page.errorSub')}
        extra={[
          <Button key="reload" type="primary" onClick={() => window.location.reload()}>
            {translate(lang, 'page.reload')}
          </Button>,
          <Button key="home" onClick={() => window.location.assign('/workbench')}>
            {translate(lang, 'common.backHome')}
          </Button>,
        ]}
      >
        <Typography.Paragraph type="secondary" style={{ margin: 0, wordBreak: 'break-word' }}>
          {error.message}
        </Typography.Paragraph>
      </Result>
    );
  }
}
