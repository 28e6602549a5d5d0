<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>SuitabilityFindings</name>
    <message>
        <location filename="../../crm_desktop/gui/suitability/models.py" line="37"/>
        <source>warned</source>
        <translation>已警示</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/models.py" line="37"/>
        <source>not warned</source>
        <translation>未警示</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/models.py" line="44"/>
        <source>Client no.</source>
        <translation>客户号</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/models.py" line="44"/>
        <source>Name</source>
        <translation>客户姓名</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/models.py" line="44"/>
        <source>Manager</source>
        <translation>投资经理</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/models.py" line="44"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/models.py" line="44"/>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/models.py" line="44"/>
        <source>Product rating</source>
        <translation>产品风险等级</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/models.py" line="45"/>
        <source>Client level</source>
        <translation>客户风险等级</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/models.py" line="45"/>
        <source>Trade date</source>
        <translation>成交日期</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/models.py" line="45"/>
        <source>Special risk warning</source>
        <translation>特别风险警示</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/models.py" line="65"/>
        <source>holding</source>
        <translation>持仓</translation>
    </message>
</context>
<context>
    <name>SuitabilityPanel</name>
    <message>
        <location filename="../../crm_desktop/gui/suitability/panel.py" line="46"/>
        <source>Record a special risk warning</source>
        <translation>记录特别风险警示确认</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/panel.py" line="96"/>
        <source>Professional investor: outside the C/R matching</source>
        <translation>专业投资者：不适用风险等级匹配</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/panel.py" line="99"/>
        <source>lowest category</source>
        <translation>最低风险承受能力类别</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/panel.py" line="102"/>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/panel.py" line="105"/>
        <source>expires soon: invitation task</source>
        <translation>即将到期：已生成邀请测评任务</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/panel.py" line="108"/>
        <source>valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/panel.py" line="115"/>
        <source>Risk tolerance</source>
        <translation>风险承受能力</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/panel.py" line="116"/>
        <source>Assessed on</source>
        <translation>测评日期</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/panel.py" line="116"/>
        <source>{a}, valid until {u}</source>
        <translation>{a}，有效期至 {u}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/panel.py" line="118"/>
        <source>Trading permissions</source>
        <translation>交易权限</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/panel.py" line="119"/>
        <source>Special risk warnings</source>
        <translation>特别风险警示</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/panel.py" line="122"/>
        <source>Service hint</source>
        <translation>服务提示</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/panel.py" line="123"/>
        <source>Behaviour differs from the assessment. A hint for the conversation, not a violation; never ask the client to re-take the assessment because of it.</source>
        <translation>行为与测评不一致。仅供沟通参考，不是违规；不得因此要求或诱导客户重新测评。</translation>
    </message>
</context>
<context>
    <name>SuitabilityRegisterView</name>
    <message>
        <location filename="../../crm_desktop/gui/suitability/register_view.py" line="42"/>
        <source>Suitability</source>
        <translation>适当性</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/register_view.py" line="57"/>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/register_view.py" line="62"/>
        <source>Check now</source>
        <translation>立即检查</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/register_view.py" line="64"/>
        <source>Check every trade of the window and every holding against the client&apos;s assessment, permissions and warnings</source>
        <translation>按客户的测评结果、交易权限和特别风险警示，检查窗口期内的每笔成交和每项持仓</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/register_view.py" line="68"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/register_view.py" line="98"/>
        <source>Red rows are violations without a confirmed special risk warning; each has a compliance task for the client&apos;s manager.</source>
        <translation>红色行为未经客户确认特别风险警示的违规记录，均已为客户的投资经理生成合规任务。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/register_view.py" line="118"/>
        <source>No check has run yet.</source>
        <translation>尚未进行适当性检查。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/register_view.py" line="120"/>
        <source>Latest check as of {date}</source>
        <translation>最近一次检查：{date}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/register_view.py" line="125"/>
        <source>{w} warned · {u} not warned</source>
        <translation>已警示 {w} · 未警示 {u}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/register_view.py" line="134"/>
        <source>showing the first {n} of {total}; the export has all</source>
        <translation>仅显示前 {n} 条（共 {total} 条），导出包含全部</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/register_view.py" line="154"/>
        <source>Export the suitability register</source>
        <translation>导出适当性登记簿</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/register_view.py" line="155"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
</context>
<context>
    <name>WarningDialog</name>
    <message>
        <location filename="../../crm_desktop/gui/suitability/warning_dialog.py" line="47"/>
        <source>Client &lt;b&gt;{no}&lt;/b&gt;</source>
        <translation>客户 &lt;b&gt;{no}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/warning_dialog.py" line="49"/>
        <source>risk tolerance {level}</source>
        <translation>风险承受能力 {level}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/warning_dialog.py" line="62"/>
        <source>Code or name, e.g. 510300</source>
        <translation>代码或名称，例如 510300</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/warning_dialog.py" line="131"/>
        <source>Choose the product the client was warned about, or type its code.</source>
        <translation>请选择向客户警示的产品，或输入产品代码。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/warning_dialog.py" line="136"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/suitability/warning_dialog.py" line="149"/>
        <source>Special risk warning recorded for {no}.</source>
        <translation>已为客户 {no} 记录特别风险警示确认。</translation>
    </message>
</context>
<context>
    <name>WarningForm</name>
    <message>
        <location filename="../../ui/warning_form.ui" line="9"/>
        <source>Record a special risk warning</source>
        <translation>记录特别风险警示确认</translation>
    </message>
    <message>
        <location filename="../../ui/warning_form.ui" line="27"/>
        <source>&amp;Product:</source>
        <translation>产品(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../ui/warning_form.ui" line="47"/>
        <source>Trading &amp;permission:</source>
        <translation>交易权限(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../ui/warning_form.ui" line="57"/>
        <source>&amp;Confirmed on:</source>
        <translation>确认日期(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../ui/warning_form.ui" line="77"/>
        <source>C&amp;hannel:</source>
        <translation>确认方式(&amp;H)：</translation>
    </message>
    <message>
        <location filename="../../ui/warning_form.ui" line="90"/>
        <source>&amp;Evidence: *</source>
        <translation>凭证(&amp;E)：*</translation>
    </message>
    <message>
        <location filename="../../ui/warning_form.ui" line="103"/>
        <source>Recording id or electronic trace number</source>
        <translation>录音编号或电子留痕编号</translation>
    </message>
    <message>
        <location filename="../../ui/warning_form.ui" line="112"/>
        <source>Only a warning the client has already confirmed, at most 7 days ago; older confirmations are imported from the suitability system. A risk-disclosure touch naming the product or permission is recorded with it.</source>
        <translation>只记录客户已经确认的警示，且确认日期不早于 7 天前；更早的确认请从适当性系统导出后导入。保存时同时记录一条写明该产品或权限的风险揭示服务记录。</translation>
    </message>
</context>
</TS>
