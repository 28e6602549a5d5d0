<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ExportReasonDialog</name>
    <message>
        <location filename="../../crm_desktop/gui/export_reason.py" line="24" />
        <source>Purpose of the export</source>
        <translation>导出用途</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/export_reason.py" line="32" />
        <source>This file will hold client personal data ({n} rows). Why is it needed? The purpose is recorded in the audit log with the file name and the number of rows.</source>
        <translation>该文件将包含客户个人信息（{n} 行）。为什么需要导出？用途将与文件名、行数一起记入审计日志。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/export_reason.py" line="41" />
        <source>e.g. quarterly call list</source>
        <translation>例如：季度回访名单</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/export_reason.py" line="45" />
        <source>A purpose of at least {m} characters is required for {n} rows or more.</source>
        <translation>导出 {n} 行及以上须填写用途（至少 {m} 个字）。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/export_reason.py" line="50" />
        <source>Optional for an export of this size: you may leave it empty.</source>
        <translation>此规模的导出可不填写用途。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/export_reason.py" line="58" />
        <source>Export</source>
        <translation>导出</translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <location filename="../../crm_desktop/gui/session_watch.py" line="62" />
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/session_watch.py" line="68" />
        <source>The window was locked after {0} minutes without use. Enter the password of {1} to go on.</source>
        <translation>窗口已闲置 {0} 分钟，已锁定。请输入 {1} 的密码继续。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/session_watch.py" line="84" />
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/session_watch.py" line="85" />
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
</context>
<context>
    <name>NewPasswordDialog</name>
    <message>
        <location filename="../../crm_desktop/gui/session_watch.py" line="219" />
        <source>Choose a new password</source>
        <translation>设置新密码</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/session_watch.py" line="224" />
        <source>Your password was set by an administrator and is temporary. Choose your own password (at least 8 characters, not your login, not a common password) to go on.</source>
        <translation>您的密码是管理员设置的临时密码。请设置自己的密码（至少 8 个字符，不能与工号相同，不能是常见密码）后继续。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/session_watch.py" line="235" />
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/session_watch.py" line="236" />
        <source>Repeat the new password</source>
        <translation>再输入一次新密码</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/session_watch.py" line="245" />
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/session_watch.py" line="255" />
        <source>The two new passwords differ.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
</context>
<context>
    <name>SessionWatch</name>
    <message>
        <location filename="../../crm_desktop/gui/session_watch.py" line="180" />
        <source>You signed out.</source>
        <translation>您已退出登录。</translation>
    </message>
</context>
</TS>