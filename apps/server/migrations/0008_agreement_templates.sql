-- Agreement templates with versions: what a customer accepts in the shop and what a signer signs. A signed or
-- accepted document records the template row (code + version) it used; published versions are never edited, a change
-- is a new version. One published version per code at a time.
CREATE TABLE agreement_templates (
  id serial PRIMARY KEY,
  code text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  version int NOT NULL CHECK (version > 0),
  title text NOT NULL,
  body text NOT NULL,
  -- 'acceptance': ticked in the shop; 'signature': signed online; 'download': a form customers download and fill in
  usage text NOT NULL CHECK (usage IN ('acceptance', 'signature', 'download')),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'retired')),
  note text,
  created_by int REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  retired_at timestamptz,
  version_lock int NOT NULL DEFAULT 1,
  UNIQUE (code, version)
);
CREATE UNIQUE INDEX agreement_templates_one_published ON agreement_templates (code) WHERE status = 'published';

INSERT INTO agreement_templates (code, version, title, usage, status, published_at, body) VALUES
('marketing', 1, '营销活动协议', 'acceptance', 'published', now(), $t$
# 营销活动协议

甲方（客户）：{{customerName}}
乙方：中国电信股份有限公司上海分公司

一、甲方自愿参加乙方推出的政企营销活动，所享受的优惠以订单确认页所列资费为准，优惠期限自业务起租之日起计算。
二、活动期内甲方如办理降档、拆机或转网，乙方有权按订单所列标准资费补收已享受的优惠差额。
三、活动资费与其他优惠不同时享受；活动规则以乙方营业厅及官方渠道公示为准。
四、甲方同意乙方通过短信、电话向订单联系人发送与本业务相关的开通、施工、计费及服务质量回访信息。
五、本协议自甲方在线确认之日起生效，至活动期满且双方义务履行完毕之日终止。
$t$),
('security', 1, '网络与信息安全责任书（通用安全协议）', 'acceptance', 'published', now(), $t$
# 网络与信息安全责任书

为落实《中华人民共和国网络安全法》《中华人民共和国电信条例》及电话用户真实身份信息登记的相关规定，甲方（{{customerName}}）
在使用乙方提供的通信服务时承诺如下：

一、如实提供单位名称、统一社会信用代码、经办人身份信息，并在信息变更后三十日内通知乙方。
二、不利用乙方提供的线路、号码、云资源从事危害国家安全、扰乱社会秩序、侵犯他人合法权益的活动，不发送违法和不良信息及未经用户同意的商业短信。
三、不得私自转租、转售乙方提供的号码资源和接入线路；语音专线仅用于本单位自用业务。
四、建立内部网络安全管理制度，落实账号口令、访问控制等安全措施，发现安全事件时立即报告乙方并配合处置。
五、甲方违反上述承诺的，乙方有权依法依约暂停或终止服务，由此产生的责任由甲方承担。
$t$),
('order_service', 1, '业务受理确认书', 'signature', 'published', now(), $t$
# 业务受理确认书

订单号：{{orderNumber}}
客户名称：{{customerName}}（统一社会信用代码 {{creditCode}}）
联系人：{{contactName}}　装机地址：{{installAddress}}

本单位确认向中国电信股份有限公司上海分公司申请办理下列业务：

{{items}}

一次性费用合计：{{oneTimeTotal}}；月使用费合计：{{monthlyTotal}}。

本单位已阅读并同意《营销活动协议》《网络与信息安全责任书》的全部条款，确认上述业务信息真实、准确，
同意乙方据此开通服务并按约定计收费用。
$t$),
('power_of_attorney', 1, '授权委托书', 'download', 'published', now(), $t$
# 授权委托书

委托单位：{{customerName}}
统一社会信用代码：{{creditCode}}
法定代表人：{{legalRepName}}

兹委托 ______（身份证号码 ____________________）作为本单位的经办人，代表本单位向中国电信股份有限公司上海分公司
办理政企业务的申请、变更、签约及相关手续。受托人在上述范围内签署的文件，本单位均予以承认并承担相应责任。

委托期限：自 ____ 年 __ 月 __ 日至 ____ 年 __ 月 __ 日。受托人无转委托权。

委托单位（盖章）：　　　　　　法定代表人（签字）：　　　　　　日期：
$t$),
('usage_statement', 1, '业务用途说明', 'download', 'published', now(), $t$
# 业务用途说明

单位名称：{{customerName}}
统一社会信用代码：{{creditCode}}

本单位申请的以下业务（号码、线路或资源）仅用于本单位的以下用途，不转让、不出租、不用于营销外呼及其他违法违规用途：

业务名称 / 号码或线路：____________________
使用用途：____________________
使用地址：____________________

本单位对以上说明的真实性负责，如有不实，愿承担相应法律责任。

单位（盖章）：　　　　　　经办人（签字）：　　　　　　日期：
$t$);

-- the texts above start and end with a line break of the quoting
UPDATE agreement_templates SET body = btrim(body, E'\n ');
