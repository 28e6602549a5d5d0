<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CampaignCard</name>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="393" />
        <source>Campaigns</source>
        <translation>营销活动</translation>
    </message>
</context>
<context>
    <name>CampaignView</name>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="183" />
        <source>Launch</source>
        <translation>启动</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="186" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="195" />
        <source>Manager</source>
        <translation>投资经理</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="196" />
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="198" />
        <source>By manager</source>
        <translation>按经理</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="199" />
        <source>By grade</source>
        <translation>按等级</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="242" />
        <source>No campaign yet</source>
        <translation>还没有营销活动</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="262" />
        <source>Left out: %1</source>
        <translation>未列入：%1</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="264" />
        <source>Talking points: %1</source>
        <translation>话术要点：%1</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="265" />
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
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="373" />
        <source>Campaigns</source>
        <translation>营销活动</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="374" />
        <source>Segments</source>
        <translation>客群</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="375" />
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
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="300" />
        <source>Make send list</source>
        <translation>生成发送清单</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="302" />
        <source>Confirm as sent</source>
        <translation>确认已发送</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="309" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="310" />
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="311" />
        <source>Body</source>
        <translation>正文</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="312" />
        <source>Clients (filter)</source>
        <translation>客户（筛选条件）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="343" />
        <source>Push %1: %2 clients; %3 opted out and %4 closed accounts left out.</source>
        <translation>推送 %1：%2 位客户；拒绝营销 %3 位、已销户 %4 位未列入。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="363" />
        <source>Confirmed: %1 message touches recorded.</source>
        <translation>已确认发送：记录消息服务 %1 条。</translation>
    </message>
</context>
<context>
    <name>SegmentEditor</name>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="75" />
        <source>Fields: %1</source>
        <translation>可用字段：%1</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="81" />
        <source>Segment name</source>
        <translation>客群名称</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="82" />
        <source>Save segment</source>
        <translation>保存客群</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="87" />
        <source>Filter</source>
        <translation>筛选条件</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="88" />
        <source>Matching clients</source>
        <translation>符合条件的客户</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="92" />
        <source>Save as</source>
        <translation>保存为</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="95" />
        <source>Saved segments (double-click to edit)</source>
        <translation>已保存的客群（双击编辑）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="112" />
        <source>counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/campaigns/views.py" line="122" />
        <source>%1 clients</source>
        <translation>%1 位客户</translation>
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