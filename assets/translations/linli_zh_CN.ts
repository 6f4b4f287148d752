<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="54" />
        <source>Linli Kiosk</source>
        <translation>邻里自提点</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="57" />
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Scan the customer's pickup code</source>
        <translation>请扫描顾客的取货码</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="95" />
        <source>Ready</source>
        <translation>待取货</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="96" />
        <source>On the way</source>
        <translation>配送中</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="97" />
        <source>Picked up</source>
        <translation>已取货</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="98" />
        <source>Partly picked up</source>
        <translation>部分取货</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="99" />
        <source>Handed to leader</source>
        <translation>已交接团长</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="100" />
        <source>Overdue</source>
        <translation>滞留</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="101" />
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="114" />
        <source>No store set up yet</source>
        <translation>尚未设置门店</translation>
    </message>
</context>
<context>
    <name>PickupPanel</name>
    <message>
        <location filename="../../ui/pickup/panel.py" line="23" />
        <location filename="../../ui/pickup/panel.py" line="101" />
        <source>Scan the customer's pickup code</source>
        <translation>请扫描顾客的取货码</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/panel.py" line="33" />
        <source>Hand out and confirm</source>
        <translation>交付并确认</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/panel.py" line="36" />
        <source>Next customer</source>
        <translation>下一位顾客</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/panel.py" line="47" />
        <source>Ready — hand it out</source>
        <translation>可取货——请交付</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/panel.py" line="48" />
        <source>Partly picked up — hand out the rest</source>
        <translation>已部分取货——请交付剩余商品</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/panel.py" line="49" />
        <source>Already picked up — do not hand out again</source>
        <translation>已取货——请勿重复交付</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/panel.py" line="50" />
        <source>Not arrived yet</source>
        <translation>商品尚未到店</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/panel.py" line="51" />
        <source>Given to the team leader</source>
        <translation>已交给团长</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/panel.py" line="52" />
        <source>Cancelled or refunded — do not hand out</source>
        <translation>订单已取消或退款——请勿交付</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/panel.py" line="53" />
        <source>Genuine code, order not synced yet</source>
        <translation>取货码有效，订单尚未同步</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/panel.py" line="54" />
        <source>This code is for another store</source>
        <translation>此取货码属于其他门店</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/panel.py" line="55" />
        <source>Code expired — ask the customer to refresh it</source>
        <translation>取货码已过期——请顾客刷新</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/panel.py" line="56" />
        <source>Not a genuine code — do not hand out</source>
        <translation>取货码无效（疑似伪造）——请勿交付</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/panel.py" line="57" />
        <source>Unknown signing key — sync the kiosk or use the 6-digit code</source>
        <translation>签名密钥未知——请同步或使用6位取货码</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/panel.py" line="58" />
        <source>Not a pickup code — scan again</source>
        <translation>这不是取货码——请重新扫描</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/panel.py" line="71" />
        <source>Scanner problem</source>
        <translation>扫码枪设置有误</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/panel.py" line="106" />
        <source>Picked up — receipt printing</source>
        <translation>已取货——正在打印小票</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/panel.py" line="121" />
        <source>Bin %1 · %2 %3 · code %4</source>
        <translation>货位 %1 · %2 %3 · 取货码 %4</translation>
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
        <location filename="../../ui/app.py" line="33" />
        <source>Something went wrong: %1</source>
        <translation>出错了：%1</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="35" />
        <source>Linli Kiosk</source>
        <translation>邻里自提点</translation>
    </message>
</context>
</TS>