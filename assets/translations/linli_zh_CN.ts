<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="34" />
        <source>Linli Kiosk</source>
        <translation>邻里自提点</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="37" />
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="41" />
        <source>Scan the customer's pickup code</source>
        <translation>请扫描顾客的取货码</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="71" />
        <source>Ready</source>
        <translation>待取货</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="72" />
        <source>On the way</source>
        <translation>配送中</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="73" />
        <source>Picked up</source>
        <translation>已取货</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="74" />
        <source>Partly picked up</source>
        <translation>部分取货</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="75" />
        <source>Handed to leader</source>
        <translation>已交接团长</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="76" />
        <source>Overdue</source>
        <translation>滞留</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="77" />
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="86" />
        <source>No store set up yet</source>
        <translation>尚未设置门店</translation>
    </message>
</context>
<context>
    <name>StatusChip</name>
    <message>
        <location filename="../../ui/widgets/status_chip.py" line="25" />
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/status_chip.py" line="26" />
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/status_chip.py" line="27" />
        <source>connecting</source>
        <translation>连接中</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/status_chip.py" line="28" />
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/status_chip.py" line="29" />
        <source>needs attention</source>
        <translation>需要处理</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/status_chip.py" line="30" />
        <source>not configured</source>
        <translation>未配置</translation>
    </message>
</context>
<context>
    <name>show_exception</name>
    <message>
        <location filename="../../ui/app.py" line="32" />
        <source>Something went wrong: %1</source>
        <translation>出错了：%1</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="34" />
        <source>Linli Kiosk</source>
        <translation>邻里自提点</translation>
    </message>
</context>
</TS>