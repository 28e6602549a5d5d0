<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>BatchTab</name>
    <message>
        <location filename="../../crm_desktop/gui/letters/batch_page.py" line="71" />
        <source>Letters due (open review-letter tasks)</source>
        <translation>到期的报告（未完成的“账户分析报告”任务）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/letters/batch_page.py" line="72" />
        <source>A selection of clients</source>
        <translation>按条件选择客户</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/letters/batch_page.py" line="79" />
        <source>All managers</source>
        <translation>全部投资经理</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/letters/batch_page.py" line="88" />
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/letters/batch_page.py" line="93" />
        <source>Also write one merged PDF for printing</source>
        <translation>另存一个合并的打印文件（PDF）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/letters/batch_page.py" line="99" />
        <source>Grades:</source>
        <translation>客户等级：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/letters/batch_page.py" line="100" />
        <source>Manager:</source>
        <translation>投资经理：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/letters/batch_page.py" line="101" />
        <source>As of:</source>
        <translation>报告日：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/letters/batch_page.py" line="102" />
        <source>Output folder:</source>
        <translation>输出目录：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/letters/batch_page.py" line="104" />
        <source>Which letters</source>
        <translation>生成哪些报告</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/letters/batch_page.py" line="107" />
        <source>List clients</source>
        <translation>列出客户</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/letters/batch_page.py" line="108" />
        <source>Generate letters</source>
        <translation>批量生成报告</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/letters/batch_page.py" line="109" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/letters/batch_page.py" line="111" />
        <source>Open folder</source>
        <translation>打开目录</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/letters/batch_page.py" line="158" />
        <source>Output folder</source>
        <translation>输出目录</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/letters/batch_page.py" line="187" />
        <source>{n} clients</source>
        <translation>共 {n} 位客户</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/letters/batch_page.py" line="220" />
        <source>Generating {n} letters…</source>
        <translation>正在生成 {n} 份报告…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/letters/batch_page.py" line="233" />
        <source>Cancelling: letters already in progress are finished and kept…</source>
        <translation>正在取消：已在生成的报告会完成并保留…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/letters/batch_page.py" line="249" />
        <source>{n} letters written to {dir} in {s} s.</source>
        <translation>已生成 {n} 份报告，保存在 {dir}（用时 {s} 秒）。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/letters/batch_page.py" line="255" />
        <source>Cancelled before the end.</source>
        <translation>已中途取消。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/letters/batch_page.py" line="257" />
        <source>Merged print file: {path}</source>
        <translation>合并打印文件：{path}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/letters/batch_page.py" line="259" />
        <source>{n} failed (listed below); the others were written.</source>
        <translation>{n} 份失败（见下方列表），其余已完成。</translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message>
        <location filename="../../crm_desktop/gui/letters/batch_page.py" line="310" />
        <source>Letters generated for your clients, newest first. Double-click to open the client.</source>
        <translation>您的客户已生成的报告，最新的在前。双击可打开客户。</translation>
    </message>
</context>
<context>
    <name>LetterDialog</name>
    <message>
        <location filename="../../crm_desktop/gui/letters/dialog.py" line="40" />
        <source>Account-analysis letter — {no}</source>
        <translation>账户分析报告 — {no}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/letters/dialog.py" line="86" />
        <source>Report period: {start} to {end}</source>
        <translation>报告期：{start} 至 {end}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/letters/dialog.py" line="88" />
        <source>Report period: {start} to {end} (the last full quarter)</source>
        <translation>报告期：{start} 至 {end}（上一个完整季度）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/letters/dialog.py" line="101" />
        <source>Grade {grade}</source>
        <translation>等级 {grade}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/letters/dialog.py" line="103" />
        <source>Manager {name}</source>
        <translation>投资经理 {name}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/letters/dialog.py" line="139" />
        <source>Draft preview: not recorded yet. Generate the letter to print or save it.</source>
        <translation>草稿预览：尚未登记。生成报告后才能打印或另存。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/letters/dialog.py" line="142" />
        <source>Preparing the preview…</source>
        <translation>正在准备预览…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/letters/dialog.py" line="167" />
        <source>Letter generated and recorded ({pages} pages). The review-letter task is closed.</source>
        <translation>报告已生成并登记（共 {pages} 页），“账户分析报告”任务已完成。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/letters/dialog.py" line="169" />
        <source>Letter generated and recorded ({pages} pages).</source>
        <translation>报告已生成并登记（{pages} 页）。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/letters/dialog.py" line="175" />
        <source>Letter for {no} generated</source>
        <translation>已为客户 {no} 生成报告</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/letters/dialog.py" line="178" />
        <source>Generating the letter…</source>
        <translation>正在生成报告…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/letters/dialog.py" line="199" />
        <source>Print letter</source>
        <translation>打印报告</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/letters/dialog.py" line="216" />
        <source>Save letter as</source>
        <translation>报告另存为</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/letters/dialog.py" line="218" />
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/letters/dialog.py" line="227" />
        <source>Cannot save the letter to {path}: {error}. Choose another folder.</source>
        <translation>无法把报告保存到 {path}：{error}。请选择其他目录。</translation>
    </message>
    <message>
        <location filename="../../ui/letter_dialog.ui" line="14" />
        <source>Account-analysis letter</source>
        <translation>账户分析报告</translation>
    </message>
    <message>
        <location filename="../../ui/letter_dialog.ui" line="47" />
        <source>As of:</source>
        <translation>报告日：</translation>
    </message>
    <message>
        <location filename="../../ui/letter_dialog.ui" line="67" />
        <source>Period from:</source>
        <translation>报告期自：</translation>
    </message>
    <message>
        <location filename="../../ui/letter_dialog.ui" line="99" />
        <source>Your personal comment to the client:</source>
        <translation>给客户的寄语：</translation>
    </message>
    <message>
        <location filename="../../ui/letter_dialog.ui" line="109" />
        <source>e.g. how the quarter went for the account, and what you suggest next</source>
        <translation>例如：本季度账户的表现，以及您对下一步的建议</translation>
    </message>
    <message>
        <location filename="../../ui/letter_dialog.ui" line="116" />
        <source>Preview draft</source>
        <translation>预览草稿</translation>
    </message>
    <message>
        <location filename="../../ui/letter_dialog.ui" line="123" />
        <source>Generate letter</source>
        <translation>生成报告</translation>
    </message>
    <message>
        <location filename="../../ui/letter_dialog.ui" line="138" />
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../../ui/letter_dialog.ui" line="148" />
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
</context>
<context>
    <name>LetterModels</name>
    <message>
        <location filename="../../crm_desktop/gui/letters/models.py" line="82" />
        <location filename="../../crm_desktop/gui/letters/models.py" line="103" />
        <source>Client no.</source>
        <translation>客户号</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/letters/models.py" line="83" />
        <location filename="../../crm_desktop/gui/letters/models.py" line="104" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/letters/models.py" line="84" />
        <location filename="../../crm_desktop/gui/letters/models.py" line="108" />
        <source>Manager</source>
        <translation>投资经理</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/letters/models.py" line="85" />
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/letters/models.py" line="86" />
        <source>Letter due</source>
        <translation>报告到期日</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/letters/models.py" line="102" />
        <source>Generated</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/letters/models.py" line="105" />
        <source>Period</source>
        <translation>报告期</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/letters/models.py" line="106" />
        <source>Pages</source>
        <translation>页数</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/letters/models.py" line="107" />
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/letters/models.py" line="109" />
        <source>Generated by</source>
        <translation>生成人</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/letters/models.py" line="110" />
        <source>File</source>
        <translation>文件</translation>
    </message>
</context>
<context>
    <name>LettersArea</name>
    <message>
        <location filename="../../crm_desktop/gui/areas/letters.py" line="28" />
        <source>Generate letter…</source>
        <translation>生成账户分析报告…</translation>
    </message>
</context>
<context>
    <name>LettersPage</name>
    <message>
        <location filename="../../crm_desktop/gui/letters/batch_page.py" line="54" />
        <source>Batch</source>
        <translation>批量生成</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/letters/batch_page.py" line="55" />
        <source>History</source>
        <translation>生成记录</translation>
    </message>
</context>
</TS>