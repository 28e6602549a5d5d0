<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AlertsView</name>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="333" />
        <source>Investigate…</source>
        <translation>开始调查…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="334" />
        <source>Close with conclusion…</source>
        <translation>填写结论并结案…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="338" />
        <source>Red flags from call-back answers: the branch manager investigates and closes each case with a conclusion.</source>
        <translation>回访答复中的红旗：由营业部负责人调查，逐案填写结论后结案。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="360" />
        <source>How is it being investigated?</source>
        <translation>如何调查？</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="361" />
        <source>Conclusion (what was found, what was done):</source>
        <translation>结论（查实情况与处理措施）：</translation>
    </message>
</context>
<context>
    <name>CallbackComplianceView</name>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="624" />
        <source>Export to Excel…</source>
        <translation>导出到 Excel…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="627" />
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="629" />
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="639" />
        <source>Yearly sample</source>
        <translation>年度抽样回访</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="640" />
        <source>Call-back satisfaction</source>
        <translation>回访满意度</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="672" />
        <source>Export call-back compliance</source>
        <translation>导出回访合规统计</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="673" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>CallbackModels</name>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="108" />
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="310" />
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="387" />
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="108" />
        <source>Due</source>
        <translation>应回访日期</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="108" />
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="310" />
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="387" />
        <source>Client no.</source>
        <translation>客户号</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="108" />
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="310" />
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="387" />
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="108" />
        <source>Why</source>
        <translation>回访原因</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="108" />
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="311" />
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="388" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="109" />
        <source>Attempts</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="109" />
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="109" />
        <source>Officer</source>
        <translation>回访专员</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="109" />
        <source>Recorded</source>
        <translation>记录时间</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="310" />
        <source>Opened</source>
        <translation>立案时间</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="310" />
        <source>Red flag</source>
        <translation>红旗</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="310" />
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="554" />
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="577" />
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="594" />
        <source>Manager</source>
        <translation>经理</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="311" />
        <source>Conclusion</source>
        <translation>结论/调查</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="387" />
        <source>Received</source>
        <translation>收到时间</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="387" />
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="387" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="388" />
        <source>Acknowledge by</source>
        <translation>受理告知期限</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="388" />
        <source>Resolve by</source>
        <translation>办结期限</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="388" />
        <source>Handler</source>
        <translation>处理人</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="388" />
        <source>About</source>
        <translation>被投诉经理</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="389" />
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="554" />
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="554" />
        <source>New accounts</source>
        <translation>新开户</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="554" />
        <source>Called back within a month</source>
        <translation>一个月内已回访</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="555" />
        <source>Missed</source>
        <translation>未按时回访</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="555" />
        <source>Pending</source>
        <translation>尚在期限内</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="555" />
        <source>Coverage</source>
        <translation>覆盖率</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="555" />
        <source>Sample done</source>
        <translation>抽样回访完成</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="555" />
        <source>Open red flags</source>
        <translation>未结红旗</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="556" />
        <source>Overdue complaints</source>
        <translation>逾期投诉</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="577" />
        <source>Non-dormant clients</source>
        <translation>非休眠客户</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="577" />
        <source>Yearly target</source>
        <translation>年度目标</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="577" />
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="577" />
        <source>Open</source>
        <translation>待回访</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="578" />
        <source>Achieved</source>
        <translation>达标</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="594" />
        <source>Answers</source>
        <translation>回访答复数</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="594" />
        <source>Mean satisfaction</source>
        <translation>平均满意度</translation>
    </message>
</context>
<context>
    <name>CallbacksPage</name>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="375" />
        <source>Call-back pool</source>
        <translation>回访池</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="379" />
        <source>Red flags</source>
        <translation>红旗预警</translation>
    </message>
</context>
<context>
    <name>ComplaintDialog</name>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="410" />
        <source>Register a complaint</source>
        <translation>登记投诉</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="422" />
        <source>Client no.</source>
        <translation>客户号</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="423" />
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="424" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="425" />
        <source>What the client complains about</source>
        <translation>投诉内容</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="426" />
        <source>Deadlines follow the branch's complaint settings (working days).</source>
        <translation>处理期限按营业部的投诉时限设置（工作日）计算。</translation>
    </message>
</context>
<context>
    <name>ComplaintModel</name>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="396" />
        <source> · overdue</source>
        <translation> · 逾期</translation>
    </message>
</context>
<context>
    <name>ComplaintsView</name>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="458" />
        <source>All complaints</source>
        <translation>全部投诉</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="459" />
        <source>Overdue only</source>
        <translation>只看逾期</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="461" />
        <source>Register…</source>
        <translation>登记…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="464" />
        <source>Assign handler…</source>
        <translation>分派处理人…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="467" />
        <source>Acknowledged</source>
        <translation>已告知受理</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="469" />
        <source>Resolve…</source>
        <translation>办结…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="471" />
        <source>Yearly report…</source>
        <translation>年度报告…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="500" />
        <source>{n} complaints; {open} not resolved; {late} overdue.</source>
        <translation>共 {n} 件投诉；{open} 件未办结；{late} 件逾期。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="516" />
        <source>Assign handler</source>
        <translation>分派处理人</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="516" />
        <source>Handler's login:</source>
        <translation>处理人工号：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="529" />
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="533" />
        <source>Resolve</source>
        <translation>办结</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="530" />
        <source>Resolution given to the client:</source>
        <translation>给客户的处理结果：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="533" />
        <source>Did the client accept the resolution?</source>
        <translation>客户是否接受处理结果？</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="539" />
        <source>Yearly complaint report</source>
        <translation>年度投诉报告</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="540" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>PoolView</name>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="249" />
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="251" />
        <source>Record call-back…</source>
        <translation>记录回访…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="255" />
        <source>Client 360°</source>
        <translation>客户 360° 视图</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="258" />
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="286" />
        <source>{n} shown; {open} open, {late} past due.</source>
        <translation>显示 {n} 项；待回访 {open} 项，其中 {late} 项已过期。</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="138" />
        <source>Call-back {no} — {client}</source>
        <translation>回访 {no} — {client}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="142" />
        <source>&lt;b&gt;{client}&lt;/b&gt; · {why} · due {due} · attempts so far: {n}</source>
        <translation>&lt;b&gt;{client}&lt;/b&gt; · {why} · 应于 {due} 前完成 · 已尝试 {n} 次</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="152" />
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="155" />
        <source>e.g. the recording system's call number</source>
        <translation>例如录音系统中的通话编号</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="156" />
        <source>Call recording</source>
        <translation>通话录音编号</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="158" />
        <source>Script</source>
        <translation>回访话术</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="168" />
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="169" />
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="181" />
        <source> (optional)</source>
        <translation>（选答）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="225" />
        <source>Red flag</source>
        <translation>红旗</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="226" />
        <source>An answer needs investigating: {n} alert case(s) opened for the branch manager.</source>
        <translation>有答复需要调查：已为营业部负责人立案 {n} 件。</translation>
    </message>
</context>
<context>
    <name>SampleModel</name>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="586" />
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="586" />
        <source>not yet</source>
        <translation>未达标</translation>
    </message>
</context>
<context>
    <name>SatisfactionModel</name>
    <message>
        <location filename="../../crm_desktop/gui/callbacks/views.py" line="601" />
        <source>not enough data</source>
        <translation>数据不足</translation>
    </message>
</context>
</TS>