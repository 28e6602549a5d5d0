<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Client360</name>
    <message>
        <location filename="../../crm_desktop/gui/clients/charts.py" line="119" />
        <source>Total assets, last 12 months (10k yuan)</source>
        <translation>近12个月总资产（万元）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/charts.py" line="122" />
        <source>No asset snapshots yet</source>
        <translation>暂无资产快照</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/charts.py" line="134" />
        <source>Securities</source>
        <translation>证券市值</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/charts.py" line="141" />
        <source>Total assets</source>
        <translation>总资产</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/charts.py" line="163" />
        <source>Allocation by board</source>
        <translation>按板块的资产配置</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/charts.py" line="168" />
        <source>No holdings or cash recorded</source>
        <translation>暂无持仓或现金记录</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/record_models.py" line="95" />
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/record_models.py" line="162" />
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/record_models.py" line="163" />
        <source>Security</source>
        <translation>证券名称</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/record_models.py" line="164" />
        <source>Board</source>
        <translation>板块</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/record_models.py" line="165" />
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/record_models.py" line="166" />
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/record_models.py" line="167" />
        <source>Cost</source>
        <translation>成本</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/record_models.py" line="168" />
        <source>Market value</source>
        <translation>市值</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/record_models.py" line="169" />
        <source>P&amp;L</source>
        <translation>盈亏</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/record_models.py" line="170" />
        <source>Weight</source>
        <translation>占比</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/record_models.py" line="204" />
        <location filename="../../crm_desktop/gui/clients/record_models.py" line="235" />
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/record_models.py" line="205" />
        <location filename="../../crm_desktop/gui/clients/record_models.py" line="250" />
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/record_models.py" line="206" />
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/record_models.py" line="207" />
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/record_models.py" line="208" />
        <location filename="../../crm_desktop/gui/clients/record_models.py" line="236" />
        <location filename="../../crm_desktop/gui/clients/record_models.py" line="281" />
        <source>By</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/record_models.py" line="209" />
        <source>Satisf.</source>
        <translation>满意度</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/record_models.py" line="210" />
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/record_models.py" line="249" />
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/record_models.py" line="251" />
        <location filename="../../crm_desktop/gui/clients/record_models.py" line="307" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/record_models.py" line="252" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/record_models.py" line="237" />
        <location filename="../../crm_desktop/gui/clients/record_models.py" line="253" />
        <location filename="../../crm_desktop/gui/clients/record_models.py" line="308" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/record_models.py" line="277" />
        <source>Generated</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/record_models.py" line="278" />
        <source>Period</source>
        <translation>报告期间</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/record_models.py" line="279" />
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/record_models.py" line="280" />
        <source>Pages</source>
        <translation>页数</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/record_models.py" line="304" />
        <source>Effective</source>
        <translation>生效时间</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/record_models.py" line="305" />
        <source>From</source>
        <translation>原经理</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/record_models.py" line="306" />
        <source>To</source>
        <translation>新经理</translation>
    </message>
    <message>
        <location filename="../../ui/client_360.ui" line="9" />
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/client_360.ui" line="79" />
        <source>&amp;Overview</source>
        <translation>概览(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/client_360.ui" line="99" />
        <source>Profile</source>
        <translation>基本资料</translation>
    </message>
    <message>
        <location filename="../../ui/client_360.ui" line="108" />
        <source>Grade and value</source>
        <translation>等级与价值</translation>
    </message>
    <message>
        <location filename="../../ui/client_360.ui" line="130" />
        <source>Account indicators</source>
        <translation>账户指标</translation>
    </message>
    <message>
        <location filename="../../ui/client_360.ui" line="158" />
        <source>&amp;Holdings</source>
        <translation>持仓(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/client_360.ui" line="181" />
        <source>&amp;Touches</source>
        <translation>服务记录(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/client_360.ui" line="204" />
        <source>Open t&amp;asks</source>
        <translation>待办任务(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/client_360.ui" line="227" />
        <source>&amp;Letters</source>
        <translation>报告(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/client_360.ui" line="250" />
        <source>Assi&amp;gnments</source>
        <translation>经理变更(&amp;G)</translation>
    </message>
</context>
<context>
    <name>Client360Dialog</name>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="71" />
        <source>Client {no}</source>
        <translation>客户 {no}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="91" />
        <source>&amp;Notes</source>
        <translation>备注(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="121" />
        <source>&amp;Suitability</source>
        <translation>适当性(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="221" />
        <source>Manager: {name}</source>
        <translation>投资经理：{name}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="245" />
        <source>&amp;Holdings ({n})</source>
        <translation>持仓（{n}）(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="246" />
        <source>&amp;Touches ({n})</source>
        <translation>服务记录（{n}）(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="247" />
        <source>Open t&amp;asks ({n})</source>
        <translation>待办任务（{n}）(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="248" />
        <source>&amp;Letters ({n})</source>
        <translation>报告（{n}）(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="249" />
        <source>Assi&amp;gnments ({n})</source>
        <translation>经理变更（{n}）(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="250" />
        <source>&amp;Notes ({n})</source>
        <translation>备注（{n}）(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="278" />
        <source>Client no.:</source>
        <translation>客户号：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="279" />
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="282" />
        <source>ID number:</source>
        <translation>证件号码：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="283" />
        <source>Phone:</source>
        <translation>手机：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="284" />
        <source>Email:</source>
        <translation>电子邮箱：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="285" />
        <source>Address:</source>
        <translation>联系地址：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="286" />
        <source>Birth date:</source>
        <translation>出生日期：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="290" />
        <source>Personal data is not shown to administrators.</source>
        <translation>管理员不可查看客户个人信息。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="293" />
        <source>Opened:</source>
        <translation>开户日期：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="296" />
        <source>{level} (assessed {date})</source>
        <translation>{level}（测评日期 {date}）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="298" />
        <source>Declared risk level C1 (conservative) to C5 (aggressive)</source>
        <translation>申报风险等级 C1（保守）至 C5（激进）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="299" />
        <source>Risk level:</source>
        <translation>风险等级：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="300" />
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="301" />
        <source>Branch:</source>
        <translation>营业部：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="304" />
        <source>Manager:</source>
        <translation>投资经理：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="306" />
        <source>{name} since {date}</source>
        <translation>{name}（自 {date} 起）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="326" />
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="328" />
        <source>Show the full value. You will be asked for a reason; it is recorded in the audit log.</source>
        <translation>显示完整信息。需要填写原因，并会记入审计日志。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="340" />
        <source>Reason for viewing</source>
        <translation>查看原因</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="341" />
        <source>Why do you need the full {field}? The reason is recorded in the audit log.</source>
        <translation>为什么需要查看完整的{field}？原因会记入审计日志。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="359" />
        <source>Revealed; recorded in the audit log</source>
        <translation>已显示明文，并已记入审计日志</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="370" />
        <source>Not scored yet. Grades and reasons appear after the next scoring run.</source>
        <translation>尚未评分。下一次评分运行后将显示等级和依据。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="374" />
        <source>behaviour differs from the assessment (hint)</source>
        <translation>行为与测评不一致（提示）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="376" />
        <source>behaviour consistent with the assessment</source>
        <translation>行为与测评一致</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="379" />
        <source>&lt;b&gt;{grade}&lt;/b&gt; · value score &lt;b&gt;{score}&lt;/b&gt; · churn risk &lt;b&gt;{churn}&lt;/b&gt; · lifecycle {life} · {mism}</source>
        <translation>&lt;b&gt;{grade}&lt;/b&gt; · 价值分 &lt;b&gt;{score}&lt;/b&gt; · 流失风险 &lt;b&gt;{churn}&lt;/b&gt; · 生命周期 {life} · {mism}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="393" />
        <source>Scoring run as of {date}</source>
        <translation>评分基准日 {date}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="401" />
        <source>Not scored yet</source>
        <translation>尚未评分</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="408" />
        <source>Average daily assets:</source>
        <translation>日均资产：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="409" />
        <source>Latest total assets:</source>
        <translation>最新总资产：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="410" />
        <source>Commission, 12 months:</source>
        <translation>近12个月佣金：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="411" />
        <source>Turnover:</source>
        <translation>换手率：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="411" />
        <source>Traded value divided by average assets</source>
        <translation>成交金额 ÷ 日均资产</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="412" />
        <source>Activity:</source>
        <translation>活跃度：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="413" />
        <source>Risk style:</source>
        <translation>风险风格：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="415" />
        <source>Trading ability:</source>
        <translation>交易能力：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="417" />
        <source>Judged from closed round trips (FIFO)</source>
        <translation>按已平仓交易（先进先出）评估</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="419" />
        <source>Win rate:</source>
        <translation>胜率：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="420" />
        <source>Realized P&amp;L:</source>
        <translation>已实现盈亏：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="422" />
        <source>Average holding period:</source>
        <translation>平均持仓天数：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="423" />
        <source>{n} days</source>
        <translation>{n} 天</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="427" />
        <source>Securitization ratio:</source>
        <translation>证券化率：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="429" />
        <source>Securities value divided by total assets</source>
        <translation>证券市值 ÷ 总资产</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="432" />
        <source>Top industry:</source>
        <translation>第一大行业：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="437" />
        <source>New listings share:</source>
        <translation>新股/次新股占比：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="439" />
        <source>Share of new and recent listings in the holdings</source>
        <translation>持仓中新股、次新股所占比例</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/client_view.py" line="441" />
        <source>Largest position:</source>
        <translation>最大单一持仓：</translation>
    </message>
</context>
<context>
    <name>ClientBook</name>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_model.py" line="52" />
        <source>Client no.</source>
        <translation>客户号</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_model.py" line="55" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_model.py" line="57" />
        <source>Manager</source>
        <translation>投资经理</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_model.py" line="61" />
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_model.py" line="67" />
        <source>Value</source>
        <translation>价值分</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_model.py" line="71" />
        <source>Avg assets</source>
        <translation>日均资产</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_model.py" line="75" />
        <source>Comm. 12m</source>
        <translation>近12月佣金</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_model.py" line="79" />
        <source>Churn</source>
        <translation>流失风险</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_model.py" line="83" />
        <source>Risk lvl</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_model.py" line="87" />
        <source>Suitability</source>
        <translation>适当性</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_model.py" line="92" />
        <source>Lifecycle</source>
        <translation>生命周期</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_model.py" line="94" />
        <source>Last touch</source>
        <translation>最近服务</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_model.py" line="98" />
        <source>Next due</source>
        <translation>下次到期</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_model.py" line="53" />
        <source>Client number (funds account holder)</source>
        <translation>客户号（资金账户持有人）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_model.py" line="55" />
        <source>Client name</source>
        <translation>客户姓名</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_model.py" line="58" />
        <source>Investment manager serving the client</source>
        <translation>服务该客户的投资经理</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_model.py" line="62" />
        <source>Client grade V1 (standard) to V5 (diamond), from the latest scoring run</source>
        <translation>客户等级 V1（普通）至 V5（钻石），取自最近一次评分</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_model.py" line="68" />
        <source>Value score 0–100 from the latest scoring run</source>
        <translation>价值分 0–100，取自最近一次评分</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_model.py" line="72" />
        <source>Average daily total assets over the scoring window (yuan)</source>
        <translation>评分窗口期内的日均总资产（元）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_model.py" line="76" />
        <source>Commission paid over the last 12 months (yuan)</source>
        <translation>近12个月贡献的佣金（元）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_model.py" line="80" />
        <source>Churn risk: high, medium or low</source>
        <translation>流失风险：高、中、低</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_model.py" line="84" />
        <source>Declared risk level C1 (conservative) to C5 (aggressive)</source>
        <translation>申报风险等级 C1（保守）至 C5（激进）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_model.py" line="88" />
        <source>Whether the client's trading matches the declared risk level (suitability)</source>
        <translation>客户的交易行为是否与其申报的风险等级相符（适当性）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_model.py" line="92" />
        <source>Client lifecycle stage</source>
        <translation>客户生命周期阶段</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_model.py" line="95" />
        <source>Date of the latest recorded service touch</source>
        <translation>最近一次服务记录的日期</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_model.py" line="99" />
        <source>Due date of the earliest open service task</source>
        <translation>最早一项待办服务任务的到期日</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_model.py" line="311" />
        <source>Not scored yet</source>
        <translation>尚未评分</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_model.py" line="315" />
        <source>Overdue: the task was due on {date}</source>
        <translation>已逾期：任务应于 {date} 完成</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_model.py" line="319" />
        <source>Declared risk level (C1 conservative … C5 aggressive)</source>
        <translation>申报风险等级（C1 保守 … C5 激进）</translation>
    </message>
</context>
<context>
    <name>ClientBookPage</name>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_page.py" line="174" />
        <source>All grades</source>
        <translation>全部等级</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_page.py" line="177" />
        <source>Any churn risk</source>
        <translation>全部流失风险</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_page.py" line="180" />
        <source>Churn risk: {level}</source>
        <translation>流失风险：{level}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_page.py" line="182" />
        <source>Any lifecycle</source>
        <translation>全部生命周期</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_page.py" line="185" />
        <location filename="../../crm_desktop/gui/clients/book_page.py" line="313" />
        <source>All managers</source>
        <translation>全部投资经理</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_page.py" line="213" />
        <source>Excel workbook (.xlsx)…</source>
        <translation>Excel 工作簿 (.xlsx)…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_page.py" line="215" />
        <source>CSV, UTF-8 (.csv)…</source>
        <translation>CSV，UTF-8 编码 (.csv)…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_page.py" line="290" />
        <source>Save as segment</source>
        <translation>另存为客群</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_page.py" line="331" />
        <source>Loading the client book…</source>
        <translation>正在加载客户名册…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_page.py" line="406" />
        <source>Not scored yet: grades, value scores and churn risk appear after the first scoring run.</source>
        <translation>尚未评分：首次评分运行后将显示等级、价值分和流失风险。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_page.py" line="429" />
        <source>The client book could not be loaded. Press F5 to try again.</source>
        <translation>客户名册加载失败。请按 F5 重试。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_page.py" line="466" />
        <source>First {n} clients; loading the rest…</source>
        <translation>前 {n} 位客户；正在加载其余客户…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_page.py" line="471" />
        <source>{shown} of {total} clients</source>
        <translation>显示 {shown} / 共 {total} 位客户</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_page.py" line="478" />
        <source>{n} selected · total assets {assets}</source>
        <translation>已选 {n} 位 · 总资产 {assets}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_page.py" line="483" />
        <source>Total assets shown: {assets}</source>
        <translation>当前显示客户总资产：{assets}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_page.py" line="514" />
        <source>Client no.</source>
        <translation>客户号</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_page.py" line="515" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_page.py" line="516" />
        <source>Manager login</source>
        <translation>投资经理工号</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_page.py" line="517" />
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_page.py" line="518" />
        <source>Value score</source>
        <translation>价值分</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_page.py" line="519" />
        <source>Average assets</source>
        <translation>日均资产</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_page.py" line="520" />
        <source>Commission 12m</source>
        <translation>近12个月佣金</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_page.py" line="521" />
        <source>Churn risk</source>
        <translation>流失风险</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_page.py" line="522" />
        <source>Risk level</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_page.py" line="523" />
        <source>Suitability mismatch</source>
        <translation>适当性不匹配</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_page.py" line="524" />
        <source>Lifecycle</source>
        <translation>生命周期</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_page.py" line="525" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_page.py" line="526" />
        <source>Last touch</source>
        <translation>最近服务</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_page.py" line="527" />
        <source>Next due</source>
        <translation>下次到期</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_page.py" line="532" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_page.py" line="532" />
        <source>CSV file (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_page.py" line="534" />
        <source>Export clients</source>
        <translation>导出客户</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/book_page.py" line="572" />
        <source>Exported {n} clients to {path}</source>
        <translation>已导出 {n} 位客户到 {path}</translation>
    </message>
</context>
<context>
    <name>ClientFilterBar</name>
    <message>
        <location filename="../../ui/client_filter_bar.ui" line="16" />
        <source>&amp;Find:</source>
        <translation>查找(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../../ui/client_filter_bar.ui" line="29" />
        <source>Type part of a client number, a name, or the last digits of the phone (Ctrl+F; Esc clears)</source>
        <translation>输入客户号、姓名的一部分或手机尾号（Ctrl+F 定位；Esc 清除）</translation>
    </message>
    <message>
        <location filename="../../ui/client_filter_bar.ui" line="32" />
        <source>Client no., name or phone last digits</source>
        <translation>客户号、姓名或手机尾号</translation>
    </message>
    <message>
        <location filename="../../ui/client_filter_bar.ui" line="42" />
        <source>Show one client grade only</source>
        <translation>只显示某一客户等级</translation>
    </message>
    <message>
        <location filename="../../ui/client_filter_bar.ui" line="52" />
        <source>Show one churn risk level only</source>
        <translation>只显示某一流失风险等级</translation>
    </message>
    <message>
        <location filename="../../ui/client_filter_bar.ui" line="62" />
        <source>Show one lifecycle stage only</source>
        <translation>只显示某一生命周期阶段</translation>
    </message>
    <message>
        <location filename="../../ui/client_filter_bar.ui" line="72" />
        <source>Show the clients of one investment manager</source>
        <translation>只显示某位投资经理的客户</translation>
    </message>
    <message>
        <location filename="../../ui/client_filter_bar.ui" line="82" />
        <source>&amp;Overdue</source>
        <translation>任务逾期(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/client_filter_bar.ui" line="85" />
        <source>Only clients with an overdue service task</source>
        <translation>只显示有逾期服务任务的客户</translation>
    </message>
    <message>
        <location filename="../../ui/client_filter_bar.ui" line="92" />
        <source>&amp;Mismatch</source>
        <translation>适当性不匹配(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/client_filter_bar.ui" line="95" />
        <source>Only clients whose trading does not match their declared risk level</source>
        <translation>只显示交易行为与申报风险等级不符的客户</translation>
    </message>
    <message>
        <location filename="../../ui/client_filter_bar.ui" line="112" />
        <source>Save as &amp;segment…</source>
        <translation>存为客群(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/client_filter_bar.ui" line="115" />
        <source>Save the grade, churn risk, lifecycle and manager filters as a named segment for campaigns and pushes</source>
        <translation>把等级、流失风险、生命周期和投资经理筛选保存为命名客群，供营销活动和资讯推送使用</translation>
    </message>
    <message>
        <location filename="../../ui/client_filter_bar.ui" line="122" />
        <source>C&amp;lear</source>
        <translation>清除(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/client_filter_bar.ui" line="125" />
        <source>Clear every filter (Esc)</source>
        <translation>清除全部筛选条件（Esc）</translation>
    </message>
    <message>
        <location filename="../../ui/client_filter_bar.ui" line="132" />
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/client_filter_bar.ui" line="135" />
        <source>Export the clients shown to Excel or CSV</source>
        <translation>把当前显示的客户导出为 Excel 或 CSV</translation>
    </message>
    <message>
        <location filename="../../ui/client_filter_bar.ui" line="145" />
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/client_filter_bar.ui" line="148" />
        <source>Reload the book from the store (F5)</source>
        <translation>从数据库重新加载客户名册（F5）</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <location filename="../../crm_desktop/gui/clients/note_dialog.py" line="33" />
        <source>Note for client {no}</source>
        <translation>客户 {no} 的备注</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/note_dialog.py" line="36" />
        <source>A note is kept with the client and shown in the 360° view. It is not a service touch: it completes no task. Notes cannot be changed later; write a new one to correct.</source>
        <translation>备注随客户保存，显示在客户 360° 视图中。备注不是服务记录，不会完成任何任务。备注保存后不能修改，如需更正请再写一条。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/note_dialog.py" line="43" />
        <source>e.g. prefers calls after 16:00</source>
        <translation>例如：客户希望下午四点后来电</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/note_dialog.py" line="54" />
        <source>Save note</source>
        <translation>保存备注</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/note_dialog.py" line="55" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/note_dialog.py" line="71" />
        <source>{n} / {max} characters</source>
        <translation>{n} / {max} 字</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/note_dialog.py" line="83" />
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/note_dialog.py" line="94" />
        <source>Note kept with client {no}.</source>
        <translation>已为客户 {no} 保存备注。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/note_dialog.py" line="125" />
        <source>Add note</source>
        <translation>添加备注</translation>
    </message>
</context>
<context>
    <name>SaveSegmentDialog</name>
    <message>
        <location filename="../../crm_desktop/gui/clients/segment_dialog.py" line="42" />
        <source>Save as segment</source>
        <translation>另存为客群</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/segment_dialog.py" line="45" />
        <source>The client book's filter as a segment: campaigns and information pushes can reuse it by name. A branch manager's segments are offered to the whole branch, an investment manager's to themselves only.</source>
        <translation>把客户列表的筛选保存为客群，营销活动和资讯推送可按名称重复使用。营业部负责人的客群全营业部可用，投资经理的客群仅本人可用。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/segment_dialog.py" line="53" />
        <source>(empty: every client you may see)</source>
        <translation>（留空：您可查看的全部客户）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/segment_dialog.py" line="54" />
        <source>Fields: %1</source>
        <translation>可用字段：%1</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/segment_dialog.py" line="68" />
        <source>e.g. High-value churn watch</source>
        <translation>例：高价值流失预警</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/segment_dialog.py" line="83" />
        <source>Filter</source>
        <translation>筛选条件</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/segment_dialog.py" line="84" />
        <source>Matching clients</source>
        <translation>符合条件的客户</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/segment_dialog.py" line="86" />
        <source>Segment name</source>
        <translation>客群名称</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/segment_dialog.py" line="127" />
        <source>counting…</source>
        <translation>正在计数…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/segment_dialog.py" line="138" />
        <source>%1 clients</source>
        <translation>%1 位客户</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/segment_dialog.py" line="144" />
        <source>Closed or transferred-out accounts among them: %1. The client book does not show them; campaigns and pushes leave them out (counted).</source>
        <translation>其中已销户或转出的账户 %1 位：客户列表不显示这些客户，营销活动和资讯推送会将其排除（并计数）。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/segment_dialog.py" line="151" />
        <source>The client book shows %1; the segment counts the store as it is now.</source>
        <translation>客户列表显示 %1 位；客群按数据库当前数据计数。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/segment_dialog.py" line="176" />
        <source>You already have a segment named “%1” (%2): saving replaces its filter.</source>
        <translation>您已有名为“%1”的客群（%2）：保存将替换其筛选条件。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/segment_dialog.py" line="192" />
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/clients/segment_dialog.py" line="205" />
        <source>Segment “%1” saved (%2 clients): %3</source>
        <translation>已保存客群“%1”（%2 位客户）：%3</translation>
    </message>
</context>
</TS>