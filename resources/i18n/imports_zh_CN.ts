<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ImportModels</name>
    <message>
        <location filename="../../crm_desktop/gui/imports/models.py" line="82" />
        <source>(ignored)</source>
        <translation>（已忽略）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/imports/models.py" line="86" />
        <source>Imported as {field}</source>
        <translation>导入为 {field}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/imports/models.py" line="87" />
        <source>Not a column of this kind; it will be ignored</source>
        <translation>不是该类型的列，导入时将忽略</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/imports/models.py" line="105" />
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/imports/models.py" line="106" />
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/imports/models.py" line="107" />
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/imports/models.py" line="108" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/imports/models.py" line="174" />
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/imports/models.py" line="175" />
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/imports/models.py" line="176" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/imports/models.py" line="177" />
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/imports/models.py" line="178" />
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/imports/models.py" line="179" />
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/imports/models.py" line="180" />
        <source>Changed</source>
        <translation>变更</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/imports/models.py" line="181" />
        <source>Unchanged</source>
        <translation>未变</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/imports/models.py" line="182" />
        <source>Errors</source>
        <translation>错误</translation>
    </message>
</context>
<context>
    <name>ImportWizardPage</name>
    <message>
        <location filename="../../crm_desktop/gui/imports/wizard.py" line="69" />
        <source>1. File</source>
        <translation>1. 文件</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/imports/wizard.py" line="74" />
        <source>A CSV or Excel (.xlsx) export from the back office</source>
        <translation>后台系统导出的 CSV 或 Excel（.xlsx）文件</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/imports/wizard.py" line="75" />
        <source>&amp;Choose file…</source>
        <translation>选择文件(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/imports/wizard.py" line="79" />
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/imports/wizard.py" line="89" />
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/imports/wizard.py" line="91" />
        <source>Detect automatically</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/imports/wizard.py" line="99" />
        <source>&amp;Encoding:</source>
        <translation>编码(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/imports/wizard.py" line="102" />
        <source>&amp;Sheet:</source>
        <translation>工作表(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/imports/wizard.py" line="105" />
        <source>2. Preview (first rows)</source>
        <translation>2. 预览（前几行）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/imports/wizard.py" line="114" />
        <source>3. Check and import</source>
        <translation>3. 校验并导入</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/imports/wizard.py" line="117" />
        <source>C&amp;heck only</source>
        <translation>仅校验(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/imports/wizard.py" line="118" />
        <source>Validate every row and count what would change, without writing</source>
        <translation>逐行校验并统计将要发生的变化，不写入数据库</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/imports/wizard.py" line="120" />
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/imports/wizard.py" line="121" />
        <source>Validate and write every row, or none if any row is wrong</source>
        <translation>校验并写入全部行；只要有一行出错就一行也不写入</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/imports/wizard.py" line="123" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/imports/wizard.py" line="125" />
        <source>Open error &amp;report</source>
        <translation>打开错误报告(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/imports/wizard.py" line="146" />
        <source>Recent imports</source>
        <translation>最近的导入</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/imports/wizard.py" line="179" />
        <source>Choose an export file</source>
        <translation>选择导出文件</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/imports/wizard.py" line="180" />
        <source>Exports (*.csv *.txt *.xlsx);;All files (*)</source>
        <translation>导出文件 (*.csv *.txt *.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/imports/wizard.py" line="199" />
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/imports/wizard.py" line="219" />
        <source>Read as: {enc}</source>
        <translation>识别为：{enc}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/imports/wizard.py" line="225" />
        <location filename="../../crm_desktop/gui/imports/wizard.py" line="244" />
        <source>detected from the headers</source>
        <translation>根据表头自动识别</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/imports/wizard.py" line="227" />
        <source>not recognised from the headers: choose the kind</source>
        <translation>无法根据表头识别：请选择类型</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/imports/wizard.py" line="243" />
        <source>chosen by you</source>
        <translation>由您选择</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/imports/wizard.py" line="259" />
        <source>Checking…</source>
        <translation>正在校验…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/imports/wizard.py" line="259" />
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/imports/wizard.py" line="273" />
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/imports/wizard.py" line="284" />
        <source>{new} new, {changed} changed, {unchanged} unchanged ({total} rows)</source>
        <translation>{new} 条新增，{changed} 条变更，{unchanged} 条未变（共 {total} 行）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/imports/wizard.py" line="288" />
        <source>The file is valid. Importing it would give: {counts}.</source>
        <translation>文件校验通过。若导入将是：{counts}。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/imports/wizard.py" line="290" />
        <source>Imported: {counts}.</source>
        <translation>已导入：{counts}。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/imports/wizard.py" line="311" />
        <source>The first {shown} are listed; all {n} are in the error report.</source>
        <translation>下表列出前 {shown} 处，全部 {n} 处见错误报告。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/imports/wizard.py" line="320" />
        <source>The import failed; nothing was changed.</source>
        <translation>导入失败，数据库未做任何更改。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/imports/wizard.py" line="326" />
        <source>Cancelled. Nothing was changed.</source>
        <translation>已取消，数据库未做任何更改。</translation>
    </message>
</context>
</TS>