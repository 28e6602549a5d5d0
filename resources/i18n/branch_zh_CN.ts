<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ApprovalsPage</name>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="55" />
        <source>&lt;h2&gt;Reassignment approvals&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;客户划转审批&lt;/h2&gt;</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="56" />
        <source>&lt;h2&gt;My reassignment requests&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;我的划转申请&lt;/h2&gt;</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="60" />
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="68" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="74" />
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="99" />
        <source>&amp;Approve…</source>
        <translation>批准(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="100" />
        <source>&amp;Reject…</source>
        <translation>驳回(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="101" />
        <source>&amp;Withdraw</source>
        <translation>撤回(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="115" />
        <source>Mark all read</source>
        <translation>全部标为已读</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="117" />
        <source>Notifications</source>
        <translation>通知</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="166" />
        <source>{n} pending</source>
        <translation>{n} 个待审批</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="211" />
        <source>&lt;p&gt;Select one or more requests.&lt;/p&gt;</source>
        <translation>&lt;p&gt;请选择一个或多个申请。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="214" />
        <source>&lt;p&gt;&lt;b&gt;{n} requests selected&lt;/b&gt;; {b} breach the matching or capacity rules.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;已选择 {n} 个申请&lt;/b&gt;；其中 {b} 个违反匹配或容量规则。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="218" />
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="219" />
        <source>Rules</source>
        <translation>规则检查</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="220" />
        <source>Engine suggests</source>
        <translation>评分引擎建议</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="220" />
        <source>nothing for this client</source>
        <translation>对此客户无建议</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="221" />
        <source>Comment</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="222" />
        <source>Handover note</source>
        <translation>交接说明</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="223" />
        <source>Requested by</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="226" />
        <source>Decided by</source>
        <translation>审批人</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="227" />
        <source>Decision comment</source>
        <translation>审批意见</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="229" />
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="259" />
        <source>Override reason</source>
        <translation>超规则理由</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="252" />
        <source>Rules breached</source>
        <translation>违反规则</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="253" />
        <source>Approving breaches the matching or capacity rules:</source>
        <translation>批准将违反匹配或容量规则：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="255" />
        <source>Approve with override…</source>
        <translation>超规则批准…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="259" />
        <source>Why approve despite the breach? (recorded)</source>
        <translation>为什么仍然批准？（将被记录）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="266" />
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="266" />
        <source>Comment for {n} request(s) (optional):</source>
        <translation>{n} 个申请的审批意见（可不填）：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="287" />
        <source>Approved: {ids}</source>
        <translation>已批准：{ids}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="293" />
        <source>Reject</source>
        <translation>驳回</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="293" />
        <source>Why are these {n} request(s) rejected? (required)</source>
        <translation>驳回这 {n} 个申请的理由（必填）：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="300" />
        <source>Rejected: {ids}</source>
        <translation>已驳回：{ids}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="310" />
        <source>Withdrawn: #{id}</source>
        <translation>已撤回：#{id}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="352" />
        <source>Request reassignment…</source>
        <translation>申请划转…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/approvals.py" line="365" />
        <source>{n} unread notifications: see Approvals.</source>
        <translation>有 {n} 条未读通知：请到审批页查看。</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../crm_desktop/gui/areas/dashboard.py" line="67" />
        <source>&lt;h2&gt;Branch dashboard&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;营业部看板&lt;/h2&gt;</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/dashboard.py" line="70" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/dashboard.py" line="72" />
        <source>Export &amp;Excel…</source>
        <translation>导出 Excel(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/dashboard.py" line="73" />
        <source>Export &amp;PDF…</source>
        <translation>导出 PDF(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/dashboard.py" line="74" />
        <source>Manager &amp;departure…</source>
        <translation>经理离职(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/dashboard.py" line="106" />
        <source>&amp;Accept as request</source>
        <translation>采纳为申请(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/dashboard.py" line="107" />
        <source>D&amp;ismiss</source>
        <translation>忽略(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/dashboard.py" line="122" />
        <source>Overview</source>
        <translation>概况</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/dashboard.py" line="123" />
        <source>Churn risk</source>
        <translation>流失风险</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/dashboard.py" line="124" />
        <source>Managers</source>
        <translation>经理排行</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/dashboard.py" line="125" />
        <source>Matching suggestions</source>
        <translation>匹配建议</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/dashboard.py" line="150" />
        <source>Scores as of {d}</source>
        <translation>评分日期 {d}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/dashboard.py" line="152" />
        <source>Not scored yet: run scoring to see grades, churn and capability.</source>
        <translation>尚未评分：运行评分后才能看到等级、流失风险和服务能力。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/dashboard.py" line="157" />
        <source>&lt;b&gt;{clients}&lt;/b&gt; clients · scored assets &lt;b&gt;{assets}&lt;/b&gt; (10k CNY) · net flow last month &lt;b&gt;{flow}&lt;/b&gt; (10k CNY) · &lt;b&gt;{high}&lt;/b&gt; at high churn risk</source>
        <translation>客户 &lt;b&gt;{clients}&lt;/b&gt; 位 · 评分资产 &lt;b&gt;{assets}&lt;/b&gt; 万元 · 最近一月净流入 &lt;b&gt;{flow}&lt;/b&gt; 万元 · 高流失风险 &lt;b&gt;{high}&lt;/b&gt; 位</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/dashboard.py" line="167" />
        <source>{n} open suggestions from the latest score run.</source>
        <translation>最近一次评分提出的待处理建议 {n} 条。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/dashboard.py" line="168" />
        <source>Not scored yet: no suggestions.</source>
        <translation>尚未评分：暂无建议。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/dashboard.py" line="195" />
        <source>Requests filed: {ids}</source>
        <translation>已提交申请：{ids}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/dashboard.py" line="220" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/dashboard.py" line="220" />
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/dashboard.py" line="221" />
        <source>Export dashboard</source>
        <translation>导出看板</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/dashboard.py" line="245" />
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
</context>
<context>
    <name>DepartureDialog</name>
    <message>
        <location filename="../../crm_desktop/gui/branch/departure.py" line="67" />
        <source>Manager departure: move all clients</source>
        <translation>经理离职：划转全部客户</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/departure.py" line="80" />
        <source> — disabled</source>
        <translation> — 已停用</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/departure.py" line="82" />
        <source>&amp;Propose distribution</source>
        <translation>生成分配方案(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/departure.py" line="85" />
        <source>Leaving manager:</source>
        <translation>离职经理：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/departure.py" line="109" />
        <source>e.g. leaves the branch on 2026-12-31</source>
        <translation>例如：2026-12-31 离职</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/departure.py" line="111" />
        <source>Handover note for every new manager</source>
        <translation>给各接收经理的交接说明</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/departure.py" line="113" />
        <source>&amp;Comment:</source>
        <translation>说明(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/departure.py" line="114" />
        <source>&amp;Handover note:</source>
        <translation>交接说明(&amp;H)：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/departure.py" line="117" />
        <source>&amp;Submit batch for approval</source>
        <translation>整批提交审批(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/departure.py" line="140" />
        <source>Working out a distribution…</source>
        <translation>正在生成分配方案…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/departure.py" line="150" />
        <source>Choose the leaving manager and propose a distribution.</source>
        <translation>请选择离职经理并生成分配方案。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/departure.py" line="154" />
        <source>{name} has no clients left to move (or all have pending requests).</source>
        <translation>{name} 没有需要划转的客户（或都已有待审批的申请）。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/departure.py" line="165" />
        <source>{n} clients: {spread}.</source>
        <translation>共 {n} 位客户：{spread}。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/departure.py" line="167" />
        <source>{b} lines breach the rules and will need an override at approval.</source>
        <translation>其中 {b} 行违反规则，审批时需要填写超规则理由。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/departure.py" line="183" />
        <source>{n} departure requests filed for approval.</source>
        <translation>已提交 {n} 个离职划转申请，等待审批。</translation>
    </message>
</context>
<context>
    <name>DeparturePlanModel</name>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="273" />
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="274" />
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="275" />
        <source>Assets (CNY)</source>
        <translation>资产（元）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="276" />
        <source>New manager</source>
        <translation>接收经理</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="277" />
        <source>Rules</source>
        <translation>规则检查</translation>
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
        <location filename="../../crm_desktop/gui/branch/request_dialog.py" line="72" />
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
        <location filename="../../crm_desktop/gui/branch/models.py" line="117" />
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="118" />
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="119" />
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="120" />
        <source>Assets (CNY)</source>
        <translation>资产（元）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="121" />
        <source>From (tier · load)</source>
        <translation>原经理（层级 · 客户数）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="122" />
        <source>To (tier · load/capacity)</source>
        <translation>接收经理（层级 · 客户数/容量）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="123" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="124" />
        <source>Rules</source>
        <translation>规则检查</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="125" />
        <source>Requested by</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="126" />
        <source>Requested at</source>
        <translation>申请时间</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="127" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="128" />
        <source>Decision</source>
        <translation>审批结果</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="157" />
        <source>Comment: {c}</source>
        <translation>说明：{c}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="158" />
        <source>Handover note: {c}</source>
        <translation>交接说明：{c}</translation>
    </message>
</context>
<context>
    <name>SuggestionModel</name>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="211" />
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="212" />
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="213" />
        <source>Assets (CNY)</source>
        <translation>资产（元）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="214" />
        <source>Finding</source>
        <translation>发现</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="215" />
        <source>Current manager</source>
        <translation>当前经理</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="216" />
        <source>Suggested manager</source>
        <translation>建议经理</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="217" />
        <source>Why</source>
        <translation>依据</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="218" />
        <source>Pending request</source>
        <translation>待审批申请</translation>
    </message>
</context>
<context>
    <name>branch</name>
    <message>
        <location filename="../../crm_desktop/gui/branch/models.py" line="56" />
        <source>not scored</source>
        <translation>未评分</translation>
    </message>
</context>
</TS>