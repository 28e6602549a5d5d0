<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>LockDialog</name>
    <message>
        <location filename="../../crm_desktop/gui/session_watch.py" line="60" />
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/session_watch.py" line="66" />
        <source>The window was locked after {0} minutes without use. Enter the password of {1} to go on.</source>
        <translation>窗口已闲置 {0} 分钟，已锁定。请输入 {1} 的密码继续。</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/session_watch.py" line="82" />
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/gui/session_watch.py" line="83" />
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
</context>
<context>
    <name>SessionWatch</name>
    <message>
        <location filename="../../crm_desktop/gui/session_watch.py" line="178" />
        <source>You signed out.</source>
        <translation>您已退出登录。</translation>
    </message>
</context>
</TS>