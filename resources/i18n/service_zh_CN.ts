<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AgendaModel</name>
    <message>
        <location filename="../../crm_desktop/gui/service/agenda_model.py" line="51" />
        <source>Priority</source>
        <translation>优先</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/agenda_model.py" line="52" />
        <source>When</source>
        <translation>时间段</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/agenda_model.py" line="53" />
        <source>Due</source>
        <translation>应完成</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/agenda_model.py" line="54" />
        <source>Days overdue</source>
        <translation>逾期天数</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/agenda_model.py" line="55" />
        <source>Client no</source>
        <translation>客户号</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/agenda_model.py" line="56" />
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/agenda_model.py" line="57" />
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/agenda_model.py" line="58" />
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/agenda_model.py" line="59" />
        <source>Why</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/agenda_model.py" line="60" />
        <source>Manager</source>
        <translation>经理</translation>
    </message>
</context>
<context>
    <name>AgendaView</name>
    <message>
        <location filename="../../crm_desktop/gui/service/agenda_view.py" line="56" />
        <source>Manager:</source>
        <translation>经理：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/agenda_view.py" line="57" />
        <source>All managers</source>
        <translation>全部经理</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/agenda_view.py" line="77" />
        <source>Generate today's tasks</source>
        <translation>生成今日任务</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/agenda_view.py" line="84" />
        <source>Search client number or name</source>
        <translation>搜索客户号或姓名</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/agenda_view.py" line="89" />
        <source>All task types</source>
        <translation>全部任务类型</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/agenda_view.py" line="94" />
        <source>All grades</source>
        <translation>全部等级</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/agenda_view.py" line="97" />
        <source>All reasons</source>
        <translation>全部来源</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/agenda_view.py" line="103" />
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/agenda_view.py" line="104" />
        <source>Export the tasks shown, in the order shown (CSV or Excel)</source>
        <translation>按当前显示的顺序导出所列任务（CSV 或 Excel）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/agenda_view.py" line="129" />
        <source>Open client</source>
        <translation>打开客户</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/agenda_view.py" line="130" />
        <source>Record touch…</source>
        <translation>记录服务…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/agenda_view.py" line="131" />
        <location filename="../../crm_desktop/gui/service/agenda_view.py" line="245" />
        <source>Cancel task…</source>
        <translation>取消任务…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/agenda_view.py" line="162" />
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/agenda_view.py" line="179" />
        <source>{n} open tasks</source>
        <translation>共 {n} 个待办</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/agenda_view.py" line="186" />
        <source>Export tasks</source>
        <translation>导出任务</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/agenda_view.py" line="186" />
        <source>Excel (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/agenda_view.py" line="201" />
        <source>Exported {n} tasks to {path}.</source>
        <translation>已导出 {n} 个任务到 {path}。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/agenda_view.py" line="222" />
        <source>All {n}</source>
        <translation>全部 {n}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/agenda_view.py" line="245" />
        <source>Cancel {n} tasks…</source>
        <translation>取消 {n} 个任务…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/agenda_view.py" line="270" />
        <source>Cancel tasks</source>
        <translation>取消任务</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/agenda_view.py" line="271" />
        <source>Why are these {n} tasks cancelled? (kept in the history of each)</source>
        <translation>为什么取消这 {n} 个任务？（原因会记入每个任务的历史）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/agenda_view.py" line="282" />
        <source>Cancel task</source>
        <translation>取消任务</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/agenda_view.py" line="283" />
        <source>Why is this task cancelled? (kept in the history)</source>
        <translation>取消原因（将保留在历史中）：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/agenda_view.py" line="313" />
        <source>Tasks generated: {n} new, {r} replaced.</source>
        <translation>任务已生成：新建 {n} 个，替换 {r} 个。</translation>
    </message>
</context>
<context>
    <name>ComplianceChart</name>
    <message>
        <location filename="../../crm_desktop/gui/service/compliance_view.py" line="132" />
        <source>No tasks due in this period</source>
        <translation>本期间没有到期任务</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/compliance_view.py" line="143" />
        <source>On time</source>
        <translation>按时完成</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/compliance_view.py" line="144" />
        <source>Late</source>
        <translation>逾期完成</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/compliance_view.py" line="148" />
        <source>Overdue now</source>
        <translation>当前逾期</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/compliance_view.py" line="154" />
        <source>Due today, open</source>
        <translation>今日到期未完成</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/compliance_view.py" line="167" />
        <source>Tasks due</source>
        <translation>到期任务数</translation>
    </message>
</context>
<context>
    <name>ComplianceModel</name>
    <message>
        <location filename="../../crm_desktop/gui/service/compliance_view.py" line="61" />
        <source>Manager</source>
        <translation>经理</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/compliance_view.py" line="62" />
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/compliance_view.py" line="63" />
        <source>Due</source>
        <translation>应完成</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/compliance_view.py" line="64" />
        <source>On time</source>
        <translation>按时完成</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/compliance_view.py" line="65" />
        <source>Late</source>
        <translation>逾期完成</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/compliance_view.py" line="66" />
        <source>Overdue now</source>
        <translation>当前逾期</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/compliance_view.py" line="67" />
        <source>On-time rate</source>
        <translation>按时率</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/compliance_view.py" line="89" />
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/compliance_view.py" line="91" />
        <source>not scored</source>
        <translation>未评级</translation>
    </message>
</context>
<context>
    <name>ComplianceView</name>
    <message>
        <location filename="../../crm_desktop/gui/service/compliance_view.py" line="188" />
        <source>Export to Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/compliance_view.py" line="191" />
        <source>Due from</source>
        <translation>到期日从</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/compliance_view.py" line="193" />
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/compliance_view.py" line="251" />
        <source>New accounts followed up within 30 days: &lt;b&gt;{cov}&lt;/b&gt; ({c} of {j}; {p} still within 30 days). Risk reassessments overdue: &lt;b&gt;{risk}&lt;/b&gt;.</source>
        <translation>新开户 30 天内回访率：&lt;b&gt;{cov}&lt;/b&gt;（{j} 户中 {c} 户；另有 {p} 户尚在 30 天内）。风险测评逾期：&lt;b&gt;{risk}&lt;/b&gt; 户。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/compliance_view.py" line="265" />
        <source>Export compliance</source>
        <translation>导出合规统计</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/compliance_view.py" line="267" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/compliance_view.py" line="282" />
        <source>Exported to {path}.</source>
        <translation>已导出到 {path}。</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../crm_desktop/gui/service/touches_view.py" line="120" />
        <source>History of the touch</source>
        <translation>服务记录历史</translation>
    </message>
</context>
<context>
    <name>PlanEditor</name>
    <message>
        <location filename="../../crm_desktop/gui/service/plan_editor.py" line="84" />
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/plan_editor.py" line="85" />
        <location filename="../../crm_desktop/gui/service/plan_editor.py" line="161" />
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/plan_editor.py" line="86" />
        <source>Every (days)</source>
        <translation>周期（天）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/plan_editor.py" line="160" />
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/plan_editor.py" line="162" />
        <source>Due after (days)</source>
        <translation>到期（天后）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/plan_editor.py" line="163" />
        <source>Due after (years)</source>
        <translation>到期（年后）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/plan_editor.py" line="164" />
        <source>On</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/plan_editor.py" line="243" />
        <location filename="../../crm_desktop/gui/service/plan_editor.py" line="254" />
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/plan_editor.py" line="244" />
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/plan_editor.py" line="246" />
        <source>Remove selected</source>
        <translation>删除所选</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/plan_editor.py" line="256" />
        <source>Create tasks this far ahead of their due date:</source>
        <translation>提前生成任务的天数：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/plan_editor.py" line="260" />
        <source>Recurring service by grade</source>
        <translation>按等级的周期服务</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/plan_editor.py" line="264" />
        <source>Event triggers</source>
        <translation>事件触发</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/plan_editor.py" line="268" />
        <source>What changed and why (kept with the version)</source>
        <translation>修改内容与原因（随版本保存）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/plan_editor.py" line="269" />
        <source>Save as new version</source>
        <translation>保存为新版本</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/plan_editor.py" line="271" />
        <source>Revert</source>
        <translation>撤销修改</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/plan_editor.py" line="315" />
        <source>In force: the default plan (no branch version saved yet).</source>
        <translation>当前执行：默认服务计划（本营业部尚未保存自己的版本）。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/plan_editor.py" line="319" />
        <source>In force: version {v}, saved by {who} at {when}. {comment}</source>
        <translation>当前执行：版本 {v}，由 {who} 于 {when} 保存。{comment}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/plan_editor.py" line="338" />
        <source>That grade already has a rule for this service; edit its interval instead.</source>
        <translation>该等级已有此服务的规则，请直接修改其周期。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/plan_editor.py" line="356" />
        <source>Service plan saved as version {v}.</source>
        <translation>服务计划已保存为版本 {v}。</translation>
    </message>
</context>
<context>
    <name>TasksArea</name>
    <message>
        <location filename="../../crm_desktop/gui/areas/tasks.py" line="32" />
        <source>Agenda</source>
        <translation>待办</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/tasks.py" line="34" />
        <source>Touches</source>
        <translation>服务记录</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/tasks.py" line="35" />
        <source>Compliance</source>
        <translation>服务合规</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/tasks.py" line="47" />
        <source>Service plan</source>
        <translation>服务计划</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/tasks.py" line="60" />
        <source>Record touch</source>
        <translation>记录服务</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/tasks.py" line="68" />
        <source>Today: {today} due, {overdue} overdue, {week} more this week</source>
        <translation>今日待办：今天 {today}，逾期 {overdue}，本周还有 {week}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/tasks.py" line="80" />
        <source>Today: …</source>
        <translation>今日待办：…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/tasks.py" line="83" />
        <source>Open the agenda</source>
        <translation>打开待办</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/tasks.py" line="110" />
        <source>Today's tasks could not be generated</source>
        <translation>今日任务未能生成</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/tasks.py" line="38" />
        <source>Call-backs and complaints</source>
        <translation>回访与投诉</translation>
    </message>
</context>
<context>
    <name>TouchDialog</name>
    <message>
        <location filename="../../crm_desktop/gui/service/touch_form.py" line="102" />
        <source>Choose the client's response</source>
        <translation>请选择客户的答复</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/touch_form.py" line="108" />
        <source>Satisfaction —</source>
        <translation>满意度 —</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/touch_form.py" line="156" />
        <source>Change a service touch</source>
        <translation>修改服务记录</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/touch_form.py" line="192" />
        <source>Changing touch #{id}. It was recorded less than 24 hours ago, so it is changed in place.</source>
        <translation>正在修改服务记录 #{id}。记录未满 24 小时，将直接修改。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/touch_form.py" line="196" />
        <source>Changing touch #{id}. It was recorded more than 24 hours ago: your change is saved as a new revision and the current text stays readable in the history.</source>
        <translation>正在修改服务记录 #{id}。记录已超过 24 小时：修改将保存为新的修订，当前内容保留在历史中可查。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/touch_form.py" line="215" />
        <source>&lt;b&gt;{no}&lt;/b&gt; {name} · risk level {level} (assessed {date})</source>
        <translation>&lt;b&gt;{no}&lt;/b&gt; {name} · 风险等级 {level}（测评于 {date}）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/touch_form.py" line="234" />
        <source>No task (this touch completes none)</source>
        <translation>不完成任何任务</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/touch_form.py" line="340" />
        <source>A campaign contact is marketing, not investment advice: advice is recorded on its own.</source>
        <translation>营销活动联系属于营销，不是投资建议：投资建议请另行记录。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/touch_form.py" line="343" />
        <source>&amp;Summary</source>
        <translation>摘要(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/touch_form.py" line="345" />
        <source>Optional: added after the response in the touch history</source>
        <translation>选填：在服务记录中接在反馈之后</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/touch_form.py" line="363" />
        <source>Campaign “%1”</source>
        <translation>营销活动“%1”</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/touch_form.py" line="365" />
        <source>Talking points: %1</source>
        <translation>话术要点：%1</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/touch_form.py" line="368" />
        <source>&amp;Amount (CNY) *</source>
        <translation>认购金额（元）(&amp;A) *</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/touch_form.py" line="368" />
        <source>&amp;Amount (CNY)</source>
        <translation>认购金额（元）(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/touch_form.py" line="442" />
        <source>Choose the client's response to the campaign.</source>
        <translation>请选择客户对本次营销活动的答复。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/touch_form.py" line="461" />
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/touch_form.py" line="506" />
        <source>Touch changed for {no}.</source>
        <translation>已修改客户 {no} 的服务记录。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/touch_form.py" line="509" />
        <source>Response recorded for {no}: {response}; campaign task completed: {task}.</source>
        <translation>已记录客户 {no} 的反馈：{response}；已完成营销活动任务：{task}。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/touch_form.py" line="514" />
        <source>Touch recorded for {no}; task completed: {task}.</source>
        <translation>已为客户 {no} 记录服务，并完成任务：{task}。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/touch_form.py" line="518" />
        <source>Touch recorded for {no}; no task completed.</source>
        <translation>已为客户 {no} 记录服务，未完成任何任务。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/touch_form.py" line="544" />
        <source>Not allowed: %1</source>
        <translation>不允许：%1</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/touch_form.py" line="558" />
        <source>Connection restored: checking whether the touch was saved…</source>
        <translation>连接已恢复：正在核对这条服务记录是否已保存…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/touch_form.py" line="589" />
        <source>The touch was NOT saved (the connection dropped before the server committed it) and no task was closed. What you entered is still here: save again.</source>
        <translation>这条服务记录没有保存（连接在服务器提交前中断），任务也没有关闭。已填写的内容仍在，请再次保存。</translation>
    </message>
</context>
<context>
    <name>TouchForm</name>
    <message>
        <location filename="../../ui/touch_form.ui" line="9" />
        <source>Record a service touch</source>
        <translation>记录服务</translation>
    </message>
    <message>
        <location filename="../../ui/touch_form.ui" line="28" />
        <source>&amp;Type</source>
        <translation>类型(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/touch_form.ui" line="37" />
        <source>C&amp;ompletes task</source>
        <translation>完成任务(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/touch_form.ui" line="43" />
        <source>The open task this touch completes. Choose "No task" when the touch completes none.</source>
        <translation>本次服务完成的待办任务。如本次服务不对应任何任务，请选“不完成任何任务”。</translation>
    </message>
    <message>
        <location filename="../../ui/touch_form.ui" line="48" />
        <source>C&amp;hannel</source>
        <translation>渠道(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/touch_form.ui" line="57" />
        <source>&amp;Date and time</source>
        <translation>日期时间(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/touch_form.ui" line="69" />
        <source>Reason for late entry</source>
        <translation>补录原因</translation>
    </message>
    <message>
        <location filename="../../ui/touch_form.ui" line="75" />
        <source>Needed when the touch was more than 7 days ago</source>
        <translation>服务时间早于 7 天前时必填</translation>
    </message>
    <message>
        <location filename="../../ui/touch_form.ui" line="80" />
        <source>&amp;Summary *</source>
        <translation>摘要(&amp;S) *</translation>
    </message>
    <message>
        <location filename="../../ui/touch_form.ui" line="87" />
        <source>What was done and what the client said</source>
        <translation>做了什么、客户怎么说</translation>
    </message>
    <message>
        <location filename="../../ui/touch_form.ui" line="94" />
        <source>Campaign response</source>
        <translation>营销活动反馈</translation>
    </message>
    <message>
        <location filename="../../ui/touch_form.ui" line="105" />
        <source>&amp;Response *</source>
        <translation>客户答复(&amp;R) *</translation>
    </message>
    <message>
        <location filename="../../ui/touch_form.ui" line="111" />
        <source>What the client answered to the campaign's offer</source>
        <translation>客户对本次营销推介的答复</translation>
    </message>
    <message>
        <location filename="../../ui/touch_form.ui" line="122" />
        <source>In yuan, at most two decimals, e.g. 50000 or 50000.50</source>
        <translation>单位：元，最多两位小数，例如 50000 或 50000.50</translation>
    </message>
    <message>
        <location filename="../../ui/touch_form.ui" line="128" />
        <source>Reason for &amp;declining *</source>
        <translation>谢绝原因(&amp;D) *</translation>
    </message>
    <message>
        <location filename="../../ui/touch_form.ui" line="134" />
        <source>What the client gave as the reason</source>
        <translation>客户说明的原因</translation>
    </message>
    <message>
        <location filename="../../ui/touch_form.ui" line="142" />
        <source>Standard service flow (* required for this type)</source>
        <translation>标准服务流程（* 为此类型必做）</translation>
    </message>
    <message>
        <location filename="../../ui/touch_form.ui" line="146" />
        <source>1 Identity verified</source>
        <translation>1 身份核实</translation>
    </message>
    <message>
        <location filename="../../ui/touch_form.ui" line="151" />
        <source>2 Needs and situation asked</source>
        <translation>2 了解需求与近况</translation>
    </message>
    <message>
        <location filename="../../ui/touch_form.ui" line="156" />
        <source>3 Service content given</source>
        <translation>3 提供服务内容</translation>
    </message>
    <message>
        <location filename="../../ui/touch_form.ui" line="161" />
        <source>Use &amp;template</source>
        <translation>使用模板(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/touch_form.ui" line="167" />
        <source>Leave empty to use the summary</source>
        <translation>留空则使用摘要</translation>
    </message>
    <message>
        <location filename="../../ui/touch_form.ui" line="172" />
        <source>Investment advice was given (then the risk must be disclosed)</source>
        <translation>提供了投资建议（须同时进行风险揭示）</translation>
    </message>
    <message>
        <location filename="../../ui/touch_form.ui" line="177" />
        <source>4 Risk disclosed</source>
        <translation>4 风险揭示</translation>
    </message>
    <message>
        <location filename="../../ui/touch_form.ui" line="182" />
        <source>5 Client feedback</source>
        <translation>5 客户反馈</translation>
    </message>
    <message>
        <location filename="../../ui/touch_form.ui" line="191" />
        <source>Satisfaction 1 (poor) to 5 (very satisfied)</source>
        <translation>满意度 1（差）到 5（非常满意）</translation>
    </message>
    <message>
        <location filename="../../ui/touch_form.ui" line="196" />
        <source>6 Next step</source>
        <translation>6 下一步</translation>
    </message>
    <message>
        <location filename="../../ui/touch_form.ui" line="205" />
        <source>Follow-up on</source>
        <translation>回访日期</translation>
    </message>
</context>
<context>
    <name>TouchesModel</name>
    <message>
        <location filename="../../crm_desktop/gui/service/touches_view.py" line="57" />
        <source>Client no</source>
        <translation>客户号</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/touches_view.py" line="58" />
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/touches_view.py" line="56" />
        <source>Time</source>
        <translation>服务时间</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/touches_view.py" line="59" />
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/touches_view.py" line="60" />
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/touches_view.py" line="61" />
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/touches_view.py" line="62" />
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/touches_view.py" line="63" />
        <source>Revision</source>
        <translation>修订</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/touches_view.py" line="64" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/touches_view.py" line="65" />
        <source>Recorded by</source>
        <translation>记录人</translation>
    </message>
</context>
<context>
    <name>TouchesView</name>
    <message>
        <location filename="../../crm_desktop/gui/service/touches_view.py" line="142" />
        <source>Change…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/touches_view.py" line="143" />
        <source>Cancel touch…</source>
        <translation>作废…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/touches_view.py" line="144" />
        <source>History…</source>
        <translation>历史…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/touches_view.py" line="156" />
        <source>Touches of the last {n} days</source>
        <translation>最近 {n} 天的服务记录</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/touches_view.py" line="178" />
        <source>{n} touches</source>
        <translation>共 {n} 条</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/touches_view.py" line="192" />
        <source>A campaign response is not changed: record the client's new answer as a new response.</source>
        <translation>营销活动反馈不能修改：客户的答复有变化时，请再记录一次反馈。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/touches_view.py" line="213" />
        <source>Cancel touch</source>
        <translation>作废服务记录</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/service/touches_view.py" line="214" />
        <source>Why is this touch cancelled? It is kept, marked cancelled.</source>
        <translation>作废原因（记录会保留并标为已作废）：</translation>
    </message>
</context>
</TS>