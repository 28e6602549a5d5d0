<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CampaignCard</name>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="469" />
        <source>Campaigns</source>
        <translation>营销活动</translation>
    </message>
</context>
<context>
    <name>CampaignView</name>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="205" />
        <source>Launch</source>
        <translation>启动</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="208" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="217" />
        <source>Manager</source>
        <translation>投资经理</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="218" />
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="220" />
        <source>By manager</source>
        <translation>按经理</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="221" />
        <source>By grade</source>
        <translation>按等级</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="264" />
        <source>No campaign yet</source>
        <translation>还没有营销活动</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="283" />
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="284" />
        <source>Left out: %1</source>
        <translation>未列入：%1</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="286" />
        <source>Talking points: %1</source>
        <translation>话术要点：%1</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="287" />
        <source>every client</source>
        <translation>全部客户</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="290" />
        <source>segment “%1”: %2</source>
        <translation>客群“%1”：%2</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="292" />
        <source>Filter: %1</source>
        <translation>筛选条件：%1</translation>
    </message>
</context>
<context>
    <name>CampaignsArea</name>
    <message>
        <location filename="../../crm_desktop/gui/areas/campaigns.py" line="21" />
        <source>Marketing consent…</source>
        <translation>营销联系许可…</translation>
    </message>
</context>
<context>
    <name>CampaignsPage</name>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="449" />
        <source>Campaigns</source>
        <translation>营销活动</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="450" />
        <source>Segments</source>
        <translation>客群</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="451" />
        <source>Information push</source>
        <translation>资讯推送</translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/consent_dialog.py" line="29" />
        <source>Marketing consent – %1</source>
        <translation>营销联系许可 – %1</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/consent_dialog.py" line="32" />
        <source>allowed (nothing recorded)</source>
        <translation>允许（未登记）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/consent_dialog.py" line="34" />
        <source>allowed</source>
        <translation>允许</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/consent_dialog.py" line="34" />
        <source>not allowed</source>
        <translation>不允许</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/consent_dialog.py" line="42" />
        <source>Marketing contact allowed</source>
        <translation>允许营销联系</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/consent_dialog.py" line="43" />
        <source>No marketing contact</source>
        <translation>不允许营销联系</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/consent_dialog.py" line="47" />
        <source>e.g. the client called and asked for no more marketing</source>
        <translation>例如：客户来电要求不再接收营销信息</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/consent_dialog.py" line="54" />
        <source>Now</source>
        <translation>当前</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/consent_dialog.py" line="55" />
        <source>Change to</source>
        <translation>改为</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/consent_dialog.py" line="56" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/consent_dialog.py" line="60" />
        <source>Call-backs and risk disclosures required by the rules are not marketing: they go on.</source>
        <translation>按规定进行的回访和风险揭示不属于营销，不受影响。</translation>
    </message>
</context>
<context>
    <name>PushView</name>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="327" />
        <source>Make send list</source>
        <translation>生成发送清单</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="329" />
        <source>Save send list (CSV)…</source>
        <translation>保存发送清单（CSV）…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="332" />
        <source>Client number, masked phone and message, for the firm's SMS or app platform to send</source>
        <translation>客户号、脱敏手机号和消息，交由公司短信或 App 平台发送</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="335" />
        <source>Confirm as sent</source>
        <translation>确认已发送</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="342" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="343" />
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="344" />
        <source>Body</source>
        <translation>正文</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="345" />
        <source>Clients (filter)</source>
        <translation>客户（筛选条件）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="381" />
        <source>Push %1: %2 clients; left out: opted out of marketing %3, closed accounts %4. Save the send list for the firm's platform (this app sends nothing), then confirm once it has been sent.</source>
        <translation>推送 %1：%2 位客户；未列入：拒绝营销 %3 位、已销户 %4 位。请保存发送清单交公司平台发送（本系统不发送任何消息），平台发送后再确认。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="395" />
        <source>Save send list</source>
        <translation>保存发送清单</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="397" />
        <source>CSV file (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="413" />
        <source>Send list of %1 clients saved to %2</source>
        <translation>%1 位客户的发送清单已保存到 %2</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="439" />
        <source>Confirmed: %1 message touches recorded.</source>
        <translation>已确认发送：记录消息服务 %1 条。</translation>
    </message>
</context>
<context>
    <name>SegmentEditor</name>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="78" />
        <source>Fields: %1</source>
        <translation>可用字段：%1</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="84" />
        <source>Segment name</source>
        <translation>客群名称</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="85" />
        <source>Save segment</source>
        <translation>保存客群</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="90" />
        <source>Filter</source>
        <translation>筛选条件</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="91" />
        <source>Matching clients</source>
        <translation>符合条件的客户</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="95" />
        <source>Save as</source>
        <translation>保存为</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="98" />
        <source>Saved segments (double-click to edit)</source>
        <translation>已保存的客群（双击编辑）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="115" />
        <source>counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="125" />
        <source>%1 clients</source>
        <translation>%1 位客户</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="144" />
        <source>every client you may see</source>
        <translation>您可查看的全部客户</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="146" />
        <source>mine</source>
        <translation>本人</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="148" />
        <source>shared by %1</source>
        <translation>%1 共享</translation>
    </message>
</context>
<context>
    <name>campaigns</name>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/models.py" line="33" />
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/models.py" line="34" />
        <location filename="../../crm_desktop/gui/campaigns/models.py" line="150" />
        <source>Campaign</source>
        <translation>活动</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/models.py" line="35" />
        <location filename="../../crm_desktop/gui/campaigns/models.py" line="151" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/models.py" line="36" />
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/models.py" line="37" />
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/models.py" line="38" />
        <location filename="../../crm_desktop/gui/campaigns/models.py" line="79" />
        <location filename="../../crm_desktop/gui/campaigns/models.py" line="152" />
        <source>Targeted</source>
        <translation>目标客户</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/models.py" line="80" />
        <location filename="../../crm_desktop/gui/campaigns/models.py" line="153" />
        <source>Contacted</source>
        <translation>已联系</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/models.py" line="81" />
        <source>Responded</source>
        <translation>有反馈</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/models.py" line="82" />
        <location filename="../../crm_desktop/gui/campaigns/models.py" line="154" />
        <source>Converted</source>
        <translation>已认购</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/models.py" line="83" />
        <location filename="../../crm_desktop/gui/campaigns/models.py" line="155" />
        <source>Conversion</source>
        <translation>转化率</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/models.py" line="84" />
        <location filename="../../crm_desktop/gui/campaigns/models.py" line="156" />
        <source>Amount (CNY)</source>
        <translation>认购金额（元）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/models.py" line="120" />
        <source>Client no.</source>
        <translation>客户号</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/models.py" line="121" />
        <source>Phone (masked)</source>
        <translation>手机号（脱敏）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/models.py" line="122" />
        <source>Message</source>
        <translation>消息</translation>
    </message>
</context>
</TS>