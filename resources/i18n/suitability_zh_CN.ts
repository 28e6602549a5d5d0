<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>SuitabilityFindings</name>
    <message>
        <location filename="../../crm_desktop/gui/suitability/models.py" line="36" />
        <source>warned</source>
        <translation>已警示</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/models.py" line="36" />
        <source>not warned</source>
        <translation>未警示</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/models.py" line="43" />
        <source>Client no.</source>
        <translation>客户号</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/models.py" line="43" />
        <source>Name</source>
        <translation>客户姓名</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/models.py" line="43" />
        <source>Manager</source>
        <translation>投资经理</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/models.py" line="43" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/models.py" line="43" />
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/models.py" line="43" />
        <source>Product rating</source>
        <translation>产品风险等级</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/models.py" line="44" />
        <source>Client level</source>
        <translation>客户风险等级</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/models.py" line="44" />
        <source>Trade date</source>
        <translation>成交日期</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/models.py" line="44" />
        <source>Special risk warning</source>
        <translation>特别风险警示</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/models.py" line="64" />
        <source>holding</source>
        <translation>持仓</translation>
    </message>
</context>
<context>
    <name>SuitabilityPanel</name>
    <message>
        <location filename="../../crm_desktop/gui/suitability/panel.py" line="56" />
        <source>Professional investor: outside the C/R matching</source>
        <translation>专业投资者：不适用风险等级匹配</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/panel.py" line="59" />
        <source>lowest category</source>
        <translation>最低风险承受能力类别</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/panel.py" line="62" />
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/panel.py" line="65" />
        <source>expires soon: invitation task</source>
        <translation>即将到期：已生成邀请测评任务</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/panel.py" line="68" />
        <source>valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/panel.py" line="75" />
        <source>Risk tolerance</source>
        <translation>风险承受能力</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/panel.py" line="76" />
        <source>Assessed on</source>
        <translation>测评日期</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/panel.py" line="76" />
        <source>{a}, valid until {u}</source>
        <translation>{a}，有效期至 {u}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/panel.py" line="78" />
        <source>Trading permissions</source>
        <translation>交易权限</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/panel.py" line="79" />
        <source>Special risk warnings</source>
        <translation>特别风险警示</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/panel.py" line="82" />
        <source>Service hint</source>
        <translation>服务提示</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/panel.py" line="83" />
        <source>Behaviour differs from the assessment. A hint for the conversation, not a violation; never ask the client to re-take the assessment because of it.</source>
        <translation>行为与测评不一致。仅供沟通参考，不是违规；不得因此要求或诱导客户重新测评。</translation>
    </message>
</context>
<context>
    <name>SuitabilityRegisterView</name>
    <message>
        <location filename="../../crm_desktop/gui/suitability/register_view.py" line="42" />
        <source>Suitability</source>
        <translation>适当性</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/register_view.py" line="57" />
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/register_view.py" line="62" />
        <source>Check now</source>
        <translation>立即检查</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/register_view.py" line="64" />
        <source>Check every trade of the window and every holding against the client's assessment, permissions and warnings</source>
        <translation>按客户的测评结果、交易权限和特别风险警示，检查窗口期内的每笔成交和每项持仓</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/register_view.py" line="68" />
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/register_view.py" line="98" />
        <source>Red rows are violations without a confirmed special risk warning; each has a compliance task for the client's manager.</source>
        <translation>红色行为未经客户确认特别风险警示的违规记录，均已为客户的投资经理生成合规任务。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/register_view.py" line="118" />
        <source>No check has run yet.</source>
        <translation>尚未进行适当性检查。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/register_view.py" line="120" />
        <source>Latest check as of {date}</source>
        <translation>最近一次检查：{date}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/register_view.py" line="125" />
        <source>{w} warned · {u} not warned</source>
        <translation>已警示 {w} · 未警示 {u}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/register_view.py" line="134" />
        <source>showing the first {n} of {total}; the export has all</source>
        <translation>仅显示前 {n} 条（共 {total} 条），导出包含全部</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/register_view.py" line="154" />
        <source>Export the suitability register</source>
        <translation>导出适当性登记簿</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/register_view.py" line="155" />
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
</context>
</TS>