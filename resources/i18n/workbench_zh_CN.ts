<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CommandBar</name>
    <message>
        <location filename="../../crm_desktop/gui/workbench/command_bar.py" line="81" />
        <source>Search and commands</source>
        <translation>搜索与命令</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/command_bar.py" line="100" />
        <source>Add:</source>
        <translation>添加：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/command_bar.py" line="123" />
        <source>↑ ↓ to move · Enter to open · Esc to close · F1 for all shortcuts</source>
        <translation>↑ ↓ 选择 · 回车打开 · Esc 关闭 · F1 查看全部快捷键</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/command_bar.py" line="145" />
        <source>Client number, name or last 4 digits of the phone; a task, a request, an area…</source>
        <translation>客户号、姓名或手机尾号后 4 位；待办、申请、功能区……</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/command_bar.py" line="151" />
        <source>&lt;b&gt;{action}&lt;/b&gt;: choose the client</source>
        <translation>&lt;b&gt;{action}&lt;/b&gt;：请选择客户</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/command_bar.py" line="153" />
        <source>Client number, name or last 4 digits of the phone</source>
        <translation>客户号、姓名或手机尾号后 4 位</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/command_bar.py" line="159" />
        <location filename="../../crm_desktop/gui/workbench/command_bar.py" line="173" />
        <source>This action is not available to your role.</source>
        <translation>您的角色不能使用此操作。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/command_bar.py" line="161" />
        <source>Quick add</source>
        <translation>快速添加</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/command_bar.py" line="184" />
        <source>Searching…</source>
        <translation>正在搜索……</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/command_bar.py" line="208" />
        <source>No client, task or request matches.</source>
        <translation>没有匹配的客户、待办或申请。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/command_bar.py" line="210" />
        <source>{n} found in the store</source>
        <translation>数据库中找到 {n} 条</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/command_bar.py" line="229" />
        <source>Go to</source>
        <translation>前往</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/command_bar.py" line="230" />
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/command_bar.py" line="231" />
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/command_bar.py" line="232" />
        <source>Task</source>
        <translation>待办</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/command_bar.py" line="233" />
        <source>Request</source>
        <translation>申请</translation>
    </message>
</context>
<context>
    <name>FigureCard</name>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="94" />
        <source>Not enough data</source>
        <translation>数据不足</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="111" />
        <location filename="../../crm_desktop/gui/workbench/page.py" line="115" />
        <source>nothing to compare with last month</source>
        <translation>上月无可比数据</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="113" />
        <source>same days last month: {v} {unit}</source>
        <translation>上月同期：{v} {unit}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="118" />
        <source>{v} {unit} since last month's end</source>
        <translation>较上月末 {v} {unit}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="120" />
        <source>{v} since the start of the month</source>
        <translation>较月初 {v}</translation>
    </message>
</context>
<context>
    <name>ShortcutHelp</name>
    <message>
        <location filename="../../crm_desktop/gui/workbench/shortcuts.py" line="52" />
        <location filename="../../crm_desktop/gui/workbench/shortcuts.py" line="57" />
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <location filename="../../crm_desktop/gui/workbench/shortcuts.py" line="29" />
        <source>Search clients, tasks, requests, areas and actions</source>
        <translation>搜索客户、待办、申请、功能区和操作</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/shortcuts.py" line="34" />
        <source>Quick add: record a touch for a client</source>
        <translation>快速添加：为客户记录服务</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/shortcuts.py" line="38" />
        <source>Go to {area}</source>
        <translation>前往“{area}”</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/shortcuts.py" line="41" />
        <source>Refresh what is shown</source>
        <translation>刷新当前内容</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/shortcuts.py" line="42" />
        <source>This list of shortcuts</source>
        <translation>显示本快捷键列表</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/shortcuts.py" line="43" />
        <source>Close a dialog or the command bar</source>
        <translation>关闭对话框或命令栏</translation>
    </message>
</context>
<context>
    <name>Workbench</name>
    <message>
        <location filename="../../crm_desktop/gui/workbench/__init__.py" line="9" />
        <source>Workbench</source>
        <translation>工作台</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/models.py" line="36" />
        <location filename="../../crm_desktop/gui/workbench/models.py" line="63" />
        <source>Not enough data</source>
        <translation>数据不足</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/models.py" line="51" />
        <source>10k yuan</source>
        <translation>万元</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/models.py" line="53" />
        <source>yuan</source>
        <translation>元</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/models.py" line="116" />
        <source>due today</source>
        <translation>今天到期</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/models.py" line="118" />
        <source>1 day</source>
        <translation>1 天</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/models.py" line="119" />
        <source>{n} days</source>
        <translation>{n} 天</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/models.py" line="123" />
        <source>#</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/models.py" line="126" />
        <location filename="../../crm_desktop/gui/workbench/models.py" line="181" />
        <location filename="../../crm_desktop/gui/workbench/models.py" line="202" />
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/models.py" line="128" />
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/models.py" line="129" />
        <source>Task</source>
        <translation>待办</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/models.py" line="131" />
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/models.py" line="134" />
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/models.py" line="139" />
        <source>Why</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/models.py" line="156" />
        <source>Alert</source>
        <translation>提醒</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/models.py" line="176" />
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/models.py" line="183" />
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/models.py" line="205" />
        <source>From</source>
        <translation>原经理</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/models.py" line="207" />
        <source>To</source>
        <translation>新经理</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/models.py" line="209" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/models.py" line="212" />
        <source>Requested</source>
        <translation>申请时间 · 申请人</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/models.py" line="232" />
        <source>Manager</source>
        <translation>经理</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/models.py" line="235" />
        <source>Overdue tasks</source>
        <translation>逾期待办</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/models.py" line="241" />
        <source>On time this month</source>
        <translation>本月按时率</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/models.py" line="244" />
        <source>{n} tasks judged</source>
        <translation>已评判 {n} 项待办</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/models.py" line="248" />
        <source>Why listed</source>
        <translation>列出原因</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/models.py" line="268" />
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/models.py" line="270" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/models.py" line="271" />
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/models.py" line="273" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/models.py" line="278" />
        <source>Rows (new / changed)</source>
        <translation>行数（新增 / 变更）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/models.py" line="283" />
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/models.py" line="306" />
        <source>Run</source>
        <translation>评分批次</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/models.py" line="309" />
        <source>Data as of</source>
        <translation>数据截止</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/models.py" line="312" />
        <source>Finished</source>
        <translation>完成时间</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/models.py" line="316" />
        <source>not finished</source>
        <translation>未完成</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/models.py" line="320" />
        <source>Clients / managers</source>
        <translation>客户 / 经理</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/models.py" line="325" />
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
</context>
<context>
    <name>WorkbenchPage</name>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="134" />
        <source>&lt;h2&gt;Workbench&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;工作台&lt;/h2&gt;</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="138" />
        <location filename="../../crm_desktop/gui/workbench/page.py" line="237" />
        <location filename="../../crm_desktop/gui/workbench/page.py" line="338" />
        <source>Loading…</source>
        <translation>正在加载……</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="140" />
        <source>Search… (Ctrl+K)</source>
        <translation>搜索…（Ctrl+K）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="143" />
        <source>Quick add… (Ctrl+N)</source>
        <translation>快速添加…（Ctrl+N）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="147" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="174" />
        <source>Today's work</source>
        <translation>今日工作</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="175" />
        <source>Nothing overdue or due today.</source>
        <translation>没有逾期或今天到期的待办。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="178" />
        <source>Record touch…</source>
        <translation>记录服务…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="181" />
        <source>Open client</source>
        <translation>打开客户</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="184" />
        <source>Most valuable client first, then the longest overdue.</source>
        <translation>按客户价值排序，同等级中逾期最久的在前。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="196" />
        <source>Approvals waiting</source>
        <translation>待审批</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="201" />
        <source>Managers needing attention</source>
        <translation>需要关注的经理</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="206" />
        <source>Last imports</source>
        <translation>最近导入</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="209" />
        <source>Last scoring runs</source>
        <translation>最近评分</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="219" />
        <source>Alerts</source>
        <translation>提醒</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="223" />
        <source>My recent activity</source>
        <translation>我的最近服务</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="231" />
        <source>Compliance this month</source>
        <translation>本月服务合规</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="231" />
        <source>Store health</source>
        <translation>数据库状况</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="242" />
        <source>My performance this month</source>
        <translation>本月业绩</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="305" />
        <source>No request is waiting for your decision.</source>
        <translation>没有等待您审批的申请。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="306" />
        <source>No manager has overdue tasks or a low on-time rate.</source>
        <translation>没有经理有逾期待办或按时率偏低。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="307" />
        <source>No import yet: account data comes in through Import.</source>
        <translation>尚无导入记录：账户数据通过“数据导入”导入。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="308" />
        <source>No scoring run yet.</source>
        <translation>尚未运行评分。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="309" />
        <source>No alerts. Nothing needs your attention right now.</source>
        <translation>暂无提醒，目前没有需要您处理的事项。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="310" />
        <source>No touches or letters recorded by you yet.</source>
        <translation>您还没有记录服务或生成报告。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="338" />
        <source>Updating…</source>
        <translation>正在更新……</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="346" />
        <source>Could not load: {error}</source>
        <translation>加载失败：{error}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="351" />
        <source>Updated {time}</source>
        <translation>{time} 更新</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="356" />
        <source>Today's work: {overdue} overdue, {today} due today</source>
        <translation>今日工作：逾期 {overdue} 项，今天到期 {today} 项</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="385" />
        <source>Approvals waiting ({n})</source>
        <translation>待审批（{n}）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="401" />
        <source>No figures for this month yet.</source>
        <translation>本月尚无业绩数据。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="410" />
        <source>{name} · {date}</source>
        <translation>{name} · {date}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="424" />
        <source>open tasks past their due day</source>
        <translation>已过到期日仍未完成</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="437" />
        <source>(of {n} judged)</source>
        <translation>（已评判 {n} 项）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="439" />
        <source>On-time rate</source>
        <translation>按时率</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="440" />
        <source>Due so far</source>
        <translation>截至今天到期</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="441" />
        <source>Done on time</source>
        <translation>按时完成</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="442" />
        <source>Done late</source>
        <translation>逾期完成</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="444" />
        <source>Missed (overdue, still open)</source>
        <translation>已错过（逾期未完成）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="447" />
        <source>Due today, still open (not missed yet)</source>
        <translation>今天到期未完成（尚不算错过）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="448" />
        <source>Risk reassessments overdue</source>
        <translation>风险测评逾期</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="450" />
        <source>From {start} to {today}. A task due today is not counted as missed.</source>
        <translation>统计期间 {start} 至 {today}。今天到期的待办不算错过。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="452" />
        <source>Open compliance</source>
        <translation>打开服务合规</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="458" />
        <source>Clients</source>
        <translation>客户数</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="459" />
        <source>Staff</source>
        <translation>员工数</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="460" />
        <source>Tasks</source>
        <translation>待办数</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="461" />
        <source>Touches</source>
        <translation>服务记录数</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="462" />
        <source>Scoring runs</source>
        <translation>评分批次</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="463" />
        <source>Imports</source>
        <translation>导入次数</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="465" />
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="467" />
        <source>Store</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="468" />
        <source>Schema revision</source>
        <translation>结构版本</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="471" />
        <source>Latest account data</source>
        <translation>最新账户数据</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="474" />
        <source>Latest trades</source>
        <translation>最新成交</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="476" />
        <source>Last backup</source>
        <translation>最近备份</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="479" />
        <source>unknown (not recorded by the app)</source>
        <translation>未知（本软件不记录备份）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/workbench/page.py" line="482" />
        <source>Open imports</source>
        <translation>打开数据导入</translation>
    </message>
</context>
</TS>