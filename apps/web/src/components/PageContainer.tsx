import { useEffect, type ReactNode } from 'react';
import { Breadcrumb, Typography } from 'antd';
import { Link } from 'react-router';
import { groupOf, pageByKey } from '../app/pages';
import { useI18n } from '../i18n/i18n';

interface Props {
  /** key of the page in app/pages.tsx; gives title and breadcrumb */
  page: string;
  /** replaces the page title (e.g. a record's name) */
  title?: ReactNode;
  subTitle?: ReactNode;
  /** the primary action(s), shown top right */
  extra?: ReactNode;
  children: ReactNode;
}

export function PageContainer({ page, title, subTitle, extra, children }: Props) {
  const { t } = useI18n();
  const def = pageByKey(page);
  const pageTitle = t(def.titleKey);
  useEffect(() => {
    document.title = `${pageTitle} · ${t('app.name')}`;
  }, [pageTitle, t]);
  return (
    <div className="page">
      <Breadcrumb
        className="page-breadcrumb"
        items={[{ title: <Link to="/workbench">{t(groupOf(def.group).titleKey)}</Link> }, { title: pageTitle }]}
      />
      <div className="page-head">
        <div className="page-head-title">
          <Typography.Title level={4} style={{ margin: 0 }}>
            {title ?? pageTitle}
          </Typography.Title>
          {subTitle ? <Typography.Text type="secondary">{subTitle}</Typography.Text> : null}
        </div>
        {extra ? <div className="page-head-extra">{extra}</div> : null}
      </div>
      <div className="page-body">{children}</div>
    </div>
  );
}
