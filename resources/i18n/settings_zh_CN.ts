<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AccountTab</name>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="122" />
        <source>C&amp;urrent password:</source>
        <translation>当前密码(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="123" />
        <source>&amp;New password:</source>
        <translation>新密码(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="124" />
        <source>&amp;Repeat new password:</source>
        <translation>再次输入新密码(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="125" />
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="132" />
        <source>The two new passwords differ.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="141" />
        <source>Password changed.</source>
        <translation>密码已修改。</translation>
    </message>
</context>
<context>
    <name>AddUserDialog</name>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="235" />
        <source>Add staff account</source>
        <translation>添加员工账号</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="244" />
        <source>&amp;Login:</source>
        <translation>工号(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="245" />
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="246" />
        <source>&amp;Role:</source>
        <translation>角色(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="247" />
        <source>Initial &amp;password:</source>
        <translation>初始密码(&amp;P)：</translation>
    </message>
</context>
<context>
    <name>BranchTab</name>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="155" />
        <source>Branch &amp;name:</source>
        <translation>营业部名称(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="156" />
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="157" />
        <source>&amp;Phone:</source>
        <translation>电话(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="159" />
        <source>Choose logo (PNG)…</source>
        <translation>选择徽标（PNG）…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="161" />
        <source>Use default logo</source>
        <translation>使用默认徽标</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="166" />
        <source>Logo:</source>
        <translation>徽标：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="167" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="182" />
        <source>Branch logo set</source>
        <translation>已设置营业部徽标</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="182" />
        <source>Default logo</source>
        <translation>默认徽标</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="199" />
        <source>Branch details saved.</source>
        <translation>营业部信息已保存。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="202" />
        <source>Choose logo</source>
        <translation>选择徽标</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="202" />
        <source>PNG images (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="213" />
        <source>Cannot read {0}: {1}</source>
        <translation>无法读取 {0}：{1}</translation>
    </message>
</context>
<context>
    <name>GeneralTab</name>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="51" />
        <source>&amp;Language:</source>
        <translation>界面语言(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="54" />
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="56" />
        <source>How often views reload changes made on other workstations</source>
        <translation>各视图多久重新载入一次其他工作站所做的更改</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="58" />
        <source>Auto &amp;refresh every:</source>
        <translation>自动刷新间隔(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="62" />
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="65" />
        <source>Without input for this long the window locks; your password opens it</source>
        <translation>闲置这么久后窗口会锁定，输入您的密码解锁</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="68" />
        <source>Loc&amp;k when idle for:</source>
        <translation>闲置锁定(&amp;K)：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="71" />
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="72" />
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="73" />
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="76" />
        <source>&amp;Theme:</source>
        <translation>主题(&amp;T):</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="84" />
        <source>&amp;Font size:</source>
        <translation>字号(&amp;F):</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="91" />
        <source>The new idle time applies from the next sign-in.</source>
        <translation>新的闲置时间从下次登录起生效。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="108" />
        <source>The new language applies the next time the app starts.</source>
        <translation>新的界面语言将在下次启动程序时生效。</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="375" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="378" />
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="379" />
        <source>My account</source>
        <translation>我的账号</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="381" />
        <source>Branch</source>
        <translation>营业部</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="383" />
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="384" />
        <source>Store</source>
        <translation>数据库</translation>
    </message>
</context>
<context>
    <name>StaffModel</name>
    <message>
        <location filename="../../crm_desktop/gui/admin/staff_model.py" line="29" />
        <source>Login</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/admin/staff_model.py" line="30" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/admin/staff_model.py" line="31" />
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/admin/staff_model.py" line="32" />
        <source>Branch</source>
        <translation>营业部</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/admin/staff_model.py" line="33" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/admin/staff_model.py" line="57" />
        <source>Active</source>
        <translation>在职</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/admin/staff_model.py" line="59" />
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
</context>
<context>
    <name>StaffTab</name>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="291" />
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="292" />
        <source>Enable / disable</source>
        <translation>启用 / 停用</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="293" />
        <source>Set password…</source>
        <translation>设置密码…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="330" />
        <location filename="../../crm_desktop/gui/areas/settings.py" line="341" />
        <source>Set password</source>
        <translation>设置密码</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="331" />
        <source>New password for {0}:</source>
        <translation>{0} 的新密码：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="341" />
        <source>The password was changed.</source>
        <translation>密码已修改。</translation>
    </message>
</context>
<context>
    <name>StoreTab</name>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="349" />
        <source>PostgreSQL (shared by the branch)</source>
        <translation>PostgreSQL（营业部共享）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="351" />
        <source>SQLite file (this workstation)</source>
        <translation>SQLite 文件（本工作站）</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="353" />
        <source>Store:</source>
        <translation>数据库：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="356" />
        <source>Location:</source>
        <translation>位置：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="357" />
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="358" />
        <source>Schema revision:</source>
        <translation>结构版本：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="360" />
        <source>System keyring:</source>
        <translation>系统钥匙串：</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="362" />
        <source>available</source>
        <translation>可用</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/areas/settings.py" line="364" />
        <source>not available (passwords are asked each time)</source>
        <translation>不可用（每次都会询问密码）</translation>
    </message>
</context>
</TS>