<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>App</name>
    <message>
        <location filename="../../crm_desktop/gui/app.py" line="75" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/app.py" line="120" />
        <source>Loading demo data…</source>
        <translation>正在加载演示数据…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/app.py" line="197" />
        <source>Cannot open the store</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/app.py" line="248" />
        <source>Cannot load demo data</source>
        <translation>无法加载演示数据</translation>
    </message>
</context>
<context>
    <name>DbPasswordDialog</name>
    <message>
        <location filename="../../crm_desktop/gui/db_password_dialog.py" line="24" />
        <source>Database password</source>
        <translation>数据库密码</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/db_password_dialog.py" line="27" />
        <source>The wrong password was given. Try again.</source>
        <translation>密码不正确，请重试。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/db_password_dialog.py" line="29" />
        <source>The database server needs a password.</source>
        <translation>数据库服务器需要密码。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/db_password_dialog.py" line="35" />
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/db_password_dialog.py" line="37" />
        <source>Remember in the system keyring</source>
        <translation>保存到系统钥匙串</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/db_password_dialog.py" line="42" />
        <source>No system keyring is available on this computer; the password will be asked for each time and never stored in a file.</source>
        <translation>本机没有可用的系统钥匙串：每次都会询问密码，密码绝不会写入文件。</translation>
    </message>
</context>
<context>
    <name>FirstRun</name>
    <message>
        <location filename="../../ui/first_run.ui" line="6" />
        <source>First start</source>
        <translation>首次使用</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.ui" line="11" />
        <source>This store has no users yet. Create the first administrator to start real work, or try the app on demo data kept in a separate store.</source>
        <translation>此数据库还没有任何用户。请创建第一个管理员以开始正式使用，或在单独存放的演示数据上试用本程序。</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.ui" line="17" />
        <source>Create the first administrator</source>
        <translation>创建第一个管理员</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.ui" line="21" />
        <source>Login</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.ui" line="27" />
        <source>letters, digits, _ . -</source>
        <translation>字母、数字、_ . -</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.ui" line="32" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.ui" line="41" />
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.ui" line="52" />
        <source>Repeat password</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.ui" line="69" />
        <source>Create administrator</source>
        <translation>创建管理员</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.ui" line="77" />
        <source>Try the demo</source>
        <translation>试用演示数据</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.ui" line="87" />
        <source>Open the demo</source>
        <translation>打开演示数据</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../crm_desktop/gui/first_run.py" line="37" />
        <source>Demo data ({n} clients, demo users with public passwords) goes into a separate store, {path}, never into this one. The window title says DEMO DATA while it is open.</source>
        <translation>演示数据（{n} 位客户，演示账号的密码是公开的）存放在单独的数据库 {path} 中，绝不会写入本数据库。打开演示数据时，窗口标题会显示“演示数据”。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/first_run.py" line="43" />
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/first_run.py" line="61" />
        <source>Enter a login and a name.</source>
        <translation>请输入工号和姓名。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/first_run.py" line="64" />
        <source>The two passwords differ. Type the same password twice.</source>
        <translation>两次输入的密码不一致，请输入相同的密码。</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../crm_desktop/gui/login_dialog.py" line="47" />
        <source>Store: {0}</source>
        <translation>数据库：{0}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/login_dialog.py" line="34" />
        <location filename="../../ui/login_dialog.ui" line="9" />
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/login_dialog.py" line="35" />
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/login_dialog.py" line="42" />
        <source>Opening the store…</source>
        <translation>正在打开数据库…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/login_dialog.py" line="55" />
        <source>Enter your login.</source>
        <translation>请输入工号。</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.ui" line="15" />
        <source>Brokerage Branch CRM</source>
        <translation>证券营业部客户关系管理</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.ui" line="40" />
        <source>&amp;Login:</source>
        <translation>工号(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.ui" line="57" />
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../crm_desktop/gui/main_window.py" line="49" />
        <source>Clients</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/main_window.py" line="62" />
        <source>Tasks</source>
        <translation>待办</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/main_window.py" line="65" />
        <source>Approvals</source>
        <translation>审批</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/main_window.py" line="68" />
        <source>Dashboard</source>
        <translation>营业部看板</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/main_window.py" line="71" />
        <source>Campaigns</source>
        <translation>营销活动</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/main_window.py" line="74" />
        <source>Letters</source>
        <translation>账户分析报告</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/main_window.py" line="75" />
        <source>Import</source>
        <translation>数据导入</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/main_window.py" line="78" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/main_window.py" line="91" />
        <source>&lt;h2&gt;{title}&lt;/h2&gt;&lt;p&gt;This area is not available in this version yet.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;{title}&lt;/h2&gt;&lt;p&gt;此功能在当前版本中尚未提供。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/main_window.py" line="125" />
        <source>Brokerage Branch CRM — {name} ({role})</source>
        <translation>证券营业部客户关系管理 — {name}（{role}）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/main_window.py" line="130" />
        <source> — DEMO DATA (演示数据)</source>
        <translation> — 演示数据（DEMO）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/main_window.py" line="158" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/main_window.py" line="54" />
        <source>Call-backs</source>
        <translation>客户回访</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/main_window.py" line="59" />
        <source>Complaints</source>
        <translation>投诉登记</translation>
    </message>
</context>
<context>
    <name>ServerWatch</name>
    <message>
        <location filename="../../crm_desktop/gui/server_watch.py" line="102" />
        <source>Server unreachable: last loaded data shown, nothing is saved (retrying)</source>
        <translation>服务器无法连接：显示的是断开前的数据，不会保存（正在重试）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/server_watch.py" line="108" />
        <source>{server} does not answer. What is on screen is as of the last successful load; each action that needs the server says it was not carried out. The connection is checked every few seconds and everything reloads when it is back, without a restart.</source>
        <translation>{server} 没有响应。屏幕上是最后一次成功加载的内容；需要服务器的操作都会说明没有执行。程序每隔几秒检查连接，恢复后自动重新加载，无需重启。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/server_watch.py" line="145" />
        <source>Connection to the server restored.</source>
        <translation>已恢复与服务器的连接。</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../crm_desktop/gui/errors.py" line="40" />
        <source>Someone else changed this first</source>
        <translation>已被他人抢先修改</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/errors.py" line="42" />
        <source>Not allowed</source>
        <translation>无权操作</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/errors.py" line="44" />
        <source>Please check the input</source>
        <translation>请检查输入</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/errors.py" line="46" />
        <source>Cannot continue</source>
        <translation>无法继续</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/errors.py" line="54" />
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/errors.py" line="55" />
        <source>Something went wrong: {kind}. Your data was not changed by the failed action. Details are in the log at {path}.</source>
        <translation>出现意外错误：{kind}。失败的操作没有改动您的数据。详细信息记录在日志 {path} 中。</translation>
    </message>
</context>
</TS>