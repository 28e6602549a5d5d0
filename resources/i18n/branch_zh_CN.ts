<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ApprovalsPage</name>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="58" />
        <source>&lt;h2&gt;Reassignment approvals&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;客户划转审批&lt;/h2&gt;</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="60" />
        <source>&lt;h2&gt;My reassignment requests&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;我的划转申请&lt;/h2&gt;</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="65" />
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="72" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="78" />
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="103" />
        <source>&amp;Approve…</source>
        <translation>批准(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="104" />
        <source>&amp;Reject…</source>
        <translation>驳回(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="105" />
        <source>&amp;Withdraw</source>
        <translation>撤回(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="124" />
        <source>Mark all read</source>
        <translation>全部标为已读</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="126" />
        <source>Notifications</source>
        <translation>通知</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="177" />
        <source>{n} pending</source>
        <translation>{n} 个待审批</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="231" />
        <source>&lt;p&gt;Select one or more requests.&lt;/p&gt;</source>
        <translation>&lt;p&gt;请选择一个或多个申请。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="235" />
        <source>&lt;p&gt;&lt;b&gt;{n} requests selected&lt;/b&gt;; {b} breach the matching or capacity rules.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;已选择 {n} 个申请&lt;/b&gt;；其中 {b} 个违反匹配或容量规则。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="241" />
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="242" />
        <source>Rules</source>
        <translation>规则检查</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="243" />
        <source>Engine suggests</source>
        <translation>评分引擎建议</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="243" />
        <source>nothing for this client</source>
        <translation>对此客户无建议</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="244" />
        <source>Comment</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="245" />
        <source>Handover note</source>
        <translation>交接说明</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="246" />
        <source>Requested by</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="251" />
        <source>Decided by</source>
        <translation>审批人</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="255" />
        <source>Decision comment</source>
        <translation>审批意见</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="257" />
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="297" />
        <source>Override reason</source>
        <translation>超规则理由</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="287" />
        <source>Rules breached</source>
        <translation>违反规则</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="288" />
        <source>Approving breaches the matching or capacity rules:</source>
        <translation>批准将违反匹配或容量规则：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="292" />
        <source>Approve with override…</source>
        <translation>超规则批准…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="297" />
        <source>Why approve despite the breach? (recorded)</source>
        <translation>为什么仍然批准？（将被记录）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="305" />
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="306" />
        <source>Comment for {n} request(s) (optional):</source>
        <translation>{n} 个申请的审批意见（可不填）：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="328" />
        <source>Approved: {ids}</source>
        <translation>已批准：{ids}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="335" />
        <source>Reject</source>
        <translation>驳回</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="336" />
        <source>Why are these {n} request(s) rejected? (required)</source>
        <translation>驳回这 {n} 个申请的理由（必填）：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="345" />
        <source>Rejected: {ids}</source>
        <translation>已驳回：{ids}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="357" />
        <source>Withdrawn: #{id}</source>
        <translation>已撤回：#{id}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="402" />
        <source>Request reassignment…</source>
        <translation>申请划转…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="415" />
        <source>{n} unread notifications: see Approvals.</source>
        <translation>有 {n} 条未读通知：请到审批页查看。</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../crm_desktop/gui/areas/dashboard.py" line="78" />
        <source>&lt;h2&gt;Branch dashboard&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;营业部看板&lt;/h2&gt;</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/dashboard.py" line="81" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/dashboard.py" line="83" />
        <source>Export &amp;Excel…</source>
        <translation>导出 Excel(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/dashboard.py" line="84" />
        <source>Export &amp;PDF…</source>
        <translation>导出 PDF(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/dashboard.py" line="85" />
        <source>Manager &amp;departure…</source>
        <translation>经理离职(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/dashboard.py" line="92" />
        <source>&lt;h2&gt;Branch figures&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;各营业部数据&lt;/h2&gt;</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/dashboard.py" line="95" />
        <source>All branches</source>
        <translation>全部营业部</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/dashboard.py" line="138" />
        <source>&amp;Accept as request</source>
        <translation>采纳为申请(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/dashboard.py" line="139" />
        <source>D&amp;ismiss</source>
        <translation>忽略(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/dashboard.py" line="154" />
        <source>Overview</source>
        <translation>概况</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/dashboard.py" line="155" />
        <source>Churn risk</source>
        <translation>流失风险</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/dashboard.py" line="156" />
        <source>Managers</source>
        <translation>经理</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/dashboard.py" line="160" />
        <source>Matching suggestions</source>
        <translation>匹配建议</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/dashboard.py" line="164" />
        <source>Client flow</source>
        <translation>客户流动</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/dashboard.py" line="166" />
        <source>Performance</source>
        <translation>业绩</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/dashboard.py" line="169" />
        <source>Service compliance</source>
        <translation>服务合规</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/dashboard.py" line="209" />
        <source>Scores as of {d}</source>
        <translation>评分日期 {d}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/dashboard.py" line="211" />
        <source>Not scored yet: run scoring to see grades, churn and capability.</source>
        <translation>尚未评分：运行评分后才能看到等级、流失风险和服务能力。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/dashboard.py" line="217" />
        <source>&lt;b&gt;{clients}&lt;/b&gt; clients · scored assets &lt;b&gt;{assets}&lt;/b&gt; (10k CNY) · net flow last month &lt;b&gt;{flow}&lt;/b&gt; (10k CNY) · &lt;b&gt;{high}&lt;/b&gt; at high churn risk</source>
        <translation>客户 &lt;b&gt;{clients}&lt;/b&gt; 位 · 评分资产 &lt;b&gt;{assets}&lt;/b&gt; 万元 · 最近一月净流入 &lt;b&gt;{flow}&lt;/b&gt; 万元 · 高流失风险 &lt;b&gt;{high}&lt;/b&gt; 位</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/dashboard.py" line="230" />
        <source>{n} open suggestions from the latest score run.</source>
        <translation>最近一次评分提出的待处理建议 {n} 条。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/dashboard.py" line="232" />
        <source>Not scored yet: no suggestions.</source>
        <translation>尚未评分：暂无建议。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/dashboard.py" line="260" />
        <source>Requests filed: {ids}</source>
        <translation>已提交申请：{ids}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/dashboard.py" line="289" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/dashboard.py" line="289" />
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/dashboard.py" line="290" />
        <source>Export dashboard</source>
        <translation>导出看板</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/dashboard.py" line="316" />
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
</context>
<context>
    <name>DepartureDialog</name>
    <message>
        <location filename="../../crm_desktop/gui/branch/departure.py" line="68" />
        <source>Manager departure: move all clients</source>
        <translation>经理离职：划转全部客户</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/departure.py" line="84" />
        <source> — disabled</source>
        <translation> — 已停用</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/departure.py" line="86" />
        <source>&amp;Propose distribution</source>
        <translation>生成分配方案(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/departure.py" line="89" />
        <source>Leaving manager:</source>
        <translation>离职经理：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/departure.py" line="113" />
        <source>e.g. leaves the branch on 2026-12-31</source>
        <translation>例如：2026-12-31 离职</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/departure.py" line="115" />
        <source>Handover note for every new manager</source>
        <translation>给各接收经理的交接说明</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/departure.py" line="117" />
        <source>&amp;Comment:</source>
        <translation>说明(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/departure.py" line="118" />
        <source>&amp;Handover note:</source>
        <translation>交接说明(&amp;H)：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/departure.py" line="122" />
        <source>&amp;Submit batch for approval</source>
        <translation>整批提交审批(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/departure.py" line="145" />
        <source>Working out a distribution…</source>
        <translation>正在生成分配方案…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/departure.py" line="155" />
        <source>Choose the leaving manager and propose a distribution.</source>
        <translation>请选择离职经理并生成分配方案。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/departure.py" line="160" />
        <source>{name} has no clients left to move (or all have pending requests).</source>
        <translation>{name} 没有需要划转的客户（或都已有待审批的申请）。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/departure.py" line="173" />
        <source>{n} clients: {spread}.</source>
        <translation>共 {n} 位客户：{spread}。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/departure.py" line="176" />
        <source>{b} lines breach the rules and will need an override at approval.</source>
        <translation>其中 {b} 行违反规则，审批时需要填写超规则理由。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/departure.py" line="199" />
        <source>{n} departure requests filed for approval.</source>
        <translation>已提交 {n} 个离职划转申请，等待审批。</translation>
    </message>
</context>
<context>
    <name>DeparturePlanModel</name>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="263" />
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="264" />
        <source>Grade</source>
        <translation>客户等级</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="265" />
        <source>Assets (CNY)</source>
        <translation>资产（元）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="266" />
        <source>New manager</source>
        <translation>接收经理</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="267" />
        <source>Rules</source>
        <translation>规则检查</translation>
    </message>
</context>
<context>
    <name>FlowView</name>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="59" />
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="60" />
        <source>Not scored</source>
        <translation>未评分</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="61" />
        <source>No manager</source>
        <translation>无经理</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="62" />
        <source>Grade</source>
        <translation>客户等级</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="63" />
        <source>Not recorded yet</source>
        <translation>尚未记录</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="64" />
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="65" />
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="66" />
        <source>Team (lead)</source>
        <translation>团队（组长）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="67" />
        <source>Not enough data</source>
        <translation>数据不足</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="68" />
        <source>Net flow per month (10k CNY)</source>
        <translation>每月资金净流入（万元）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="69" />
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="137" />
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="205" />
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="514" />
        <source>Manager</source>
        <translation>经理</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="138" />
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="515" />
        <source>New accounts</source>
        <translation>新开户</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="139" />
        <source>Transfers in</source>
        <translation>转入</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="140" />
        <source>Closed</source>
        <translation>销户</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="141" />
        <source>Transferred out</source>
        <translation>转出</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="142" />
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="520" />
        <source>Regained</source>
        <translation>挽回</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="143" />
        <source>Asset inflow (CNY)</source>
        <translation>资金流入（元）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="144" />
        <source>Asset outflow (CNY)</source>
        <translation>资金流出（元）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="145" />
        <source>Net flow (CNY)</source>
        <translation>资金净流入（元）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="201" />
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="202" />
        <source>Lost on</source>
        <translation>流失日期</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="203" />
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="204" />
        <source>Other broker</source>
        <translation>对方券商</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="206" />
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="241" />
        <source>Reason</source>
        <translation>流失原因</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="207" />
        <source>Come back</source>
        <translation>已回流</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="242" />
        <source>Clients lost</source>
        <translation>流失客户数</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="243" />
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="348" />
        <source>&amp;Show</source>
        <translation>查询(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="354" />
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="356" />
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="380" />
        <source>Per manager (servicing manager)</source>
        <translation>按经理（服务人）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="381" />
        <source>Per client grade</source>
        <translation>按客户等级</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="386" />
        <source>Lost clients (double-click to open)</source>
        <translation>流失客户（双击打开）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="387" />
        <source>Losses by reason</source>
        <translation>流失原因分布</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="443" />
        <source>In &lt;b&gt;{inn}&lt;/b&gt; (new {new}, transfers in {ti}) · out &lt;b&gt;{out}&lt;/b&gt; (closed {c}, transferred out {to}) · regained &lt;b&gt;{r}&lt;/b&gt; · net flow &lt;b&gt;{net}&lt;/b&gt; CNY · reason missing for &lt;b&gt;{m}&lt;/b&gt;</source>
        <translation>流入 &lt;b&gt;{inn}&lt;/b&gt;（新开户 {new}，转入 {ti}）· 流出 &lt;b&gt;{out}&lt;/b&gt;（销户 {c}，转出 {to}）· 挽回 &lt;b&gt;{r}&lt;/b&gt; · 资金净流入 &lt;b&gt;{net}&lt;/b&gt; 元 · 未记录原因 &lt;b&gt;{m}&lt;/b&gt; 户</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="516" />
        <source>Net new assets (CNY)</source>
        <translation>净新增资产（元）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="517" />
        <source>Commission after shares (CNY)</source>
        <translation>佣金（分成后，元）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="518" />
        <source>Products sold (CNY)</source>
        <translation>产品销售（元）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="519" />
        <source>Lost</source>
        <translation>流失</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="521" />
        <source>On-time service</source>
        <translation>服务按时率</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="522" />
        <source>Call-back satisfaction</source>
        <translation>回访满意度</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="523" />
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
</context>
<context>
    <name>PerformanceView</name>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="585" />
        <source>Payroll &amp;Excel…</source>
        <translation>薪酬 Excel(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="586" />
        <source>&amp;Print summary (PDF)…</source>
        <translation>汇总报表打印（PDF）(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="590" />
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="602" />
        <source>Select a manager to see their figures against the month before.</source>
        <translation>选择一位经理，查看其本月与上月的业绩对比。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="609" />
        <source>Commission and net new assets count after the developer/servicer shares. “Not enough data” means the figure cannot be measured this month, not zero.</source>
        <translation>佣金与净新增资产按开发人/服务人分成后计入。“数据不足”表示该项本月无法计量，不是零。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="616" />
        <source>Managers</source>
        <translation>经理</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="617" />
        <source>Teams</source>
        <translation>团队</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="622" />
        <source>Manager's figures</source>
        <translation>经理业绩明细</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="692" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="692" />
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="694" />
        <source>Save performance</source>
        <translation>保存业绩</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/flow_views.py" line="721" />
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
</context>
<context>
    <name>ReassignRequestDialog</name>
    <message>
        <location filename="../../crm_desktop/gui/branch/request_dialog.py" line="42" />
        <source>Submit request</source>
        <translation>提交申请</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/request_dialog.py" line="53" />
        <source>not scored yet</source>
        <translation>尚未评分</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/request_dialog.py" line="56" />
        <source>Capability tier: {tier} · serves {load} clients · capacity {cap}</source>
        <translation>能力层级：{tier} · 当前服务 {load} 位客户 · 容量 {cap}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/request_dialog.py" line="78" />
        <source>Reassignment request filed: {ids}</source>
        <translation>已提交划转申请：{ids}</translation>
    </message>
    <message>
        <location filename="../../ui/reassign_request.ui" line="9" />
        <source>Request reassignment</source>
        <translation>申请客户划转</translation>
    </message>
    <message>
        <location filename="../../ui/reassign_request.ui" line="17" />
        <source>Clients:</source>
        <translation>客户：</translation>
    </message>
    <message>
        <location filename="../../ui/reassign_request.ui" line="34" />
        <source>&amp;New manager:</source>
        <translation>接收经理(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../ui/reassign_request.ui" line="57" />
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../ui/reassign_request.ui" line="70" />
        <source>&amp;Comment:</source>
        <translation>说明(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../ui/reassign_request.ui" line="80" />
        <source>Why the client should move (for the approver)</source>
        <translation>为什么要划转（供审批人参考）</translation>
    </message>
    <message>
        <location filename="../../ui/reassign_request.ui" line="87" />
        <source>&amp;Handover note:</source>
        <translation>交接说明(&amp;H)：</translation>
    </message>
    <message>
        <location filename="../../ui/reassign_request.ui" line="97" />
        <source>What the new manager should know: preferences, open matters, best time to call</source>
        <translation>接收经理需要知道的：客户偏好、未了事项、方便联系的时间</translation>
    </message>
</context>
<context>
    <name>RequestModel</name>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="113" />
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="114" />
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="115" />
        <source>Grade</source>
        <translation>客户等级</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="116" />
        <source>Assets (CNY)</source>
        <translation>资产（元）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="117" />
        <source>From (tier · load)</source>
        <translation>原经理（层级 · 客户数）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="118" />
        <source>To (tier · load/capacity)</source>
        <translation>接收经理（层级 · 客户数/容量）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="119" />
        <source>Reason</source>
        <translation>流失原因</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="120" />
        <source>Rules</source>
        <translation>规则检查</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="121" />
        <source>Requested by</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="122" />
        <source>Requested at</source>
        <translation>申请时间</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="123" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="124" />
        <source>Decision</source>
        <translation>审批结果</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="150" />
        <source>Comment: {c}</source>
        <translation>说明：{c}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="152" />
        <source>Handover note: {c}</source>
        <translation>交接说明：{c}</translation>
    </message>
</context>
<context>
    <name>SuggestionModel</name>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="207" />
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="208" />
        <source>Grade</source>
        <translation>客户等级</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="209" />
        <source>Assets (CNY)</source>
        <translation>资产（元）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="210" />
        <source>Finding</source>
        <translation>发现</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="211" />
        <source>Current manager</source>
        <translation>当前经理</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="212" />
        <source>Suggested manager</source>
        <translation>建议经理</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="213" />
        <source>Why</source>
        <translation>依据</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="214" />
        <source>Pending request</source>
        <translation>待审批申请</translation>
    </message>
</context>
<context>
    <name>branch</name>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="52" />
        <source>not scored</source>
        <translation>未评分</translation>
    </message>
</context>
</TS>