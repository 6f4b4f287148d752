<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>DetailPopup</name>
    <message>
        <location filename="../../ui/shell/statusbar.py" line="207" />
        <source>Open the sync screen</source>
        <translation>打开同步页面</translation>
    </message>
    <message>
        <location filename="../../ui/shell/statusbar.py" line="209" />
        <source>Open the devices screen</source>
        <translation>打开设备页面</translation>
    </message>
</context>
<context>
    <name>FirstSetup</name>
    <message>
        <location filename="../../ui/shell/first_setup.py" line="28" />
        <source>Nobody can log in yet: connect this kiosk to the platform.</source>
        <translation>还没有人能登录：请先把本机接入平台。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/first_setup.py" line="34" />
        <source>Type the platform address and the enrollment code the platform gave the store. The staff list arrives with the first sync.</source>
        <translation>请输入平台地址和平台发给门店的注册码。员工名单会在第一次同步时下载。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/first_setup.py" line="45" />
        <source>Platform address (https://…)</source>
        <translation>平台地址（https://…）</translation>
    </message>
    <message>
        <location filename="../../ui/shell/first_setup.py" line="50" />
        <source>Enrollment code from the platform</source>
        <translation>平台给的注册码</translation>
    </message>
    <message>
        <location filename="../../ui/shell/first_setup.py" line="53" />
        <source>Enroll this kiosk</source>
        <translation>注册本机</translation>
    </message>
</context>
<context>
    <name>InstrumentList</name>
    <message>
        <location filename="../../ui/settings/instruments.py" line="34" />
        <source>Name (scale)</source>
        <translation>名称（如 秤）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/instruments.py" line="36" />
        <source>Protocol (toledo_8217)</source>
        <translation>协议（如 toledo_8217）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/instruments.py" line="38" />
        <source>Port (/dev/ttyUSB0)</source>
        <translation>端口（如 /dev/ttyUSB0）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/instruments.py" line="43" />
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../ui/settings/instruments.py" line="47" />
        <source>Remove</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>LoginScreen</name>
    <message>
        <location filename="../../ui/shell/login.py" line="27" />
        <source>Who is at the counter?</source>
        <translation>谁在柜台值班？</translation>
    </message>
    <message>
        <location filename="../../ui/shell/login.py" line="30" />
        <source>Tap your name and type your PIN, or scan your staff badge.</source>
        <translation>点名字再输入密码，或扫描工牌。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/login.py" line="33" />
        <source>Back to the counter</source>
        <translation>返回柜台</translation>
    </message>
    <message>
        <source>Or scan your staff badge.</source>
        <translation type="vanished">也可以扫描工牌登录。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/login.py" line="75" />
        <source>Demo PINs: %1</source>
        <translation>演示密码：%1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Linli Kiosk</source>
        <translation>邻里自提点</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Scan the customer's pickup code</source>
        <translation>请扫描顾客的取货码</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>待取</translation>
    </message>
    <message>
        <source>On the way</source>
        <translation>配送中</translation>
    </message>
    <message>
        <source>Picked up</source>
        <translation>已取货</translation>
    </message>
    <message>
        <source>Partly picked up</source>
        <translation>部分取货</translation>
    </message>
    <message>
        <source>Handed to leader</source>
        <translation>已交接团长</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>滞留</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>No store set up yet</source>
        <translation>尚未设置门店</translation>
    </message>
</context>
<context>
    <name>ManagerPinDialog</name>
    <message>
        <location filename="../../ui/shell/kiosk_mode.py" line="28" />
        <source>Manager PIN</source>
        <translation>店长密码</translation>
    </message>
    <message>
        <location filename="../../ui/shell/kiosk_mode.py" line="28" />
        <source>Staff PIN</source>
        <translation>员工密码</translation>
    </message>
    <message>
        <location filename="../../ui/shell/kiosk_mode.py" line="31" />
        <source>A manager's PIN is needed to leave kiosk mode.</source>
        <translation>退出全屏模式需要店长密码。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/kiosk_mode.py" line="38" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>NavBar</name>
    <message>
        <source>Show a demo code (F12)</source>
        <translation type="vanished">演示取货码 F12</translation>
    </message>
    <message>
        <location filename="../../ui/shell/nav.py" line="51" />
        <source>Demo code</source>
        <translation>演示取货码</translation>
    </message>
    <message>
        <location filename="../../ui/shell/nav.py" line="56" />
        <source>Leave kiosk mode</source>
        <translation>退出全屏</translation>
    </message>
    <message>
        <location filename="../../ui/shell/nav.py" line="63" />
        <source>Lock</source>
        <translation>锁屏</translation>
    </message>
    <message>
        <location filename="../../ui/shell/nav.py" line="91" />
        <source>switch clerk</source>
        <translation>换人</translation>
    </message>
    <message>
        <source>%1 · switch</source>
        <translation type="vanished">%1 · 换人</translation>
    </message>
    <message>
        <location filename="../../ui/shell/nav.py" line="92" />
        <source>Log in</source>
        <translation>登录</translation>
    </message>
</context>
<context>
    <name>NumPad</name>
    <message>
        <location filename="../../ui/widgets/numpad.py" line="56" />
        <source>OK</source>
        <translation>确定</translation>
    </message>
</context>
<context>
    <name>PickupPanel</name>
    <message>
        <source>Scan the customer's pickup code</source>
        <translation>请扫描顾客的取货码</translation>
    </message>
    <message>
        <source>Hand out and confirm</source>
        <translation>交付并确认</translation>
    </message>
    <message>
        <source>Next customer</source>
        <translation>下一位顾客</translation>
    </message>
    <message>
        <source>Ready — hand it out</source>
        <translation>可取货——请交付</translation>
    </message>
    <message>
        <source>Partly picked up — hand out the rest</source>
        <translation>已部分取货——请交付剩余商品</translation>
    </message>
    <message>
        <source>Already picked up — do not hand out again</source>
        <translation>已取货——请勿重复交付</translation>
    </message>
    <message>
        <source>Not arrived yet</source>
        <translation>商品尚未到店</translation>
    </message>
    <message>
        <source>Given to the team leader</source>
        <translation>已交给团长</translation>
    </message>
    <message>
        <source>Cancelled or refunded — do not hand out</source>
        <translation>订单已取消或退款——请勿交付</translation>
    </message>
    <message>
        <source>Genuine code, order not synced yet</source>
        <translation>取货码有效，订单尚未同步</translation>
    </message>
    <message>
        <source>This code is for another store</source>
        <translation>此取货码属于其他门店</translation>
    </message>
    <message>
        <source>Code expired — ask the customer to refresh it</source>
        <translation>取货码已过期——请顾客刷新</translation>
    </message>
    <message>
        <source>Not a genuine code — do not hand out</source>
        <translation>取货码无效（疑似伪造）——请勿交付</translation>
    </message>
    <message>
        <source>Unknown signing key — sync the kiosk or use the 6-digit code</source>
        <translation>签名密钥未知——请同步或使用6位取货码</translation>
    </message>
    <message>
        <source>Not a pickup code — scan again</source>
        <translation>这不是取货码——请重新扫描</translation>
    </message>
    <message>
        <source>Scanner problem</source>
        <translation>扫码枪设置有误</translation>
    </message>
    <message>
        <source>Picked up — receipt printing</source>
        <translation>已取货——正在打印小票</translation>
    </message>
    <message>
        <source>Bin %1 · %2 %3 · code %4</source>
        <translation>货位 %1 · %2 %3 · 取货码 %4</translation>
    </message>
</context>
<context>
    <name>PinPanel</name>
    <message>
        <source>Tap your name</source>
        <translation type="vanished">点一下你的名字</translation>
    </message>
    <message>
        <location filename="../../ui/shell/pinpanel.py" line="85" />
        <source>locked for now</source>
        <translation>暂时锁定</translation>
    </message>
    <message>
        <location filename="../../ui/shell/pinpanel.py" line="112" />
        <source>Tap your name, then type your PIN</source>
        <translation>先点名字，再输入密码</translation>
    </message>
    <message>
        <location filename="../../ui/shell/pinpanel.py" line="114" />
        <source>PIN for %1</source>
        <translation>%1 的密码</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <location filename="../../ui/settings/screen.py" line="104" />
        <source>Undo my changes</source>
        <translation>撤销修改</translation>
    </message>
    <message>
        <location filename="../../ui/settings/screen.py" line="110" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../ui/settings/screen.py" line="122" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/settings/screen.py" line="192" />
        <source>Enrollment code from the platform</source>
        <translation>平台给的注册码</translation>
    </message>
    <message>
        <location filename="../../ui/settings/screen.py" line="194" />
        <source>Enroll this kiosk</source>
        <translation>注册本机</translation>
    </message>
    <message>
        <location filename="../../ui/settings/screen.py" line="206" />
        <source>Enrollment</source>
        <translation>注册</translation>
    </message>
</context>
<context>
    <name>ShellWindow</name>
    <message>
        <location filename="../../ui/shell/window.py" line="75" />
        <source>Linli Kiosk</source>
        <translation>邻里自提点</translation>
    </message>
    <message>
        <location filename="../../ui/shell/window.py" line="303" />
        <source>Back to self-service</source>
        <translation>回到自助模式</translation>
    </message>
    <message>
        <location filename="../../ui/shell/window.py" line="303" />
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <location filename="../../ui/shell/window.py" line="318" />
        <source>Staff only: type your PIN to open the counter.</source>
        <translation>仅限工作人员：输入密码打开柜台。</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../ui/shell/statusbar.py" line="148" />
        <source>Not set up: a manager can add it on the settings screen.</source>
        <translation>未设置：店长可在设置页面添加。</translation>
    </message>
</context>
<context>
    <name>StatusChip</name>
    <message>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>连接中</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>needs attention</source>
        <translation>需要处理</translation>
    </message>
    <message>
        <source>not configured</source>
        <translation>未配置</translation>
    </message>
</context>
<context>
    <name>checkin</name>
    <message>
        <location filename="../../ui/checkin/screen.py" line="120" />
        <source>Short 1</source>
        <translation>缺 1</translation>
    </message>
    <message>
        <location filename="../../ui/checkin/screen.py" line="122" />
        <source>Damaged 1 + photo</source>
        <translation>破损 1 并拍照</translation>
    </message>
    <message>
        <location filename="../../ui/checkin/screen.py" line="140" />
        <source>Note for the problem (optional)</source>
        <translation>问题备注（可不填）</translation>
    </message>
    <message>
        <location filename="../../ui/checkin/screen.py" line="143" />
        <source>Change bin</source>
        <translation>换货位</translation>
    </message>
    <message>
        <location filename="../../ui/checkin/screen.py" line="149" />
        <source>Cold chain °C</source>
        <translation>冷链温度 °C</translation>
    </message>
    <message>
        <location filename="../../ui/checkin/screen.py" line="152" />
        <source>e.g. 4.5, then Enter</source>
        <translation>例如 4.5，按回车</translation>
    </message>
    <message>
        <location filename="../../ui/checkin/screen.py" line="164" />
        <source>Finish check-in</source>
        <translation>完成签收</translation>
    </message>
    <message>
        <location filename="../../ui/checkin/screen.py" line="176" />
        <source>Check-in</source>
        <translation>到货</translation>
    </message>
    <message>
        <location filename="../../ui/checkin/screen.py" line="207" />
        <source>Choose the delivery (or scan a bag)</source>
        <translation>选择到货批次（或直接扫一袋）</translation>
    </message>
    <message>
        <location filename="../../ui/checkin/screen.py" line="211" />
        <source>{batch} · {n} bags · {when}</source>
        <translation>{batch} · {n} 袋 · {when}</translation>
    </message>
    <message>
        <location filename="../../ui/checkin/screen.py" line="255" />
        <source>Type the temperature as a number, e.g. 4.5.</source>
        <translation>请输入数字温度，例如 4.5。</translation>
    </message>
    <message>
        <location filename="../../ui/checkin/screen.py" line="269" />
        <source>{bin} · {zone} · {n} bags</source>
        <translation>{bin} · {zone} · {n} 袋</translation>
    </message>
    <message>
        <location filename="../../ui/checkin/screen.py" line="297" />
        <source>{n} bags not scanned: they stay 'not arrived'. Tap Finish again to check in without them.</source>
        <translation>还有 {n} 袋没扫：它们将保持「未到货」。再点一次「完成签收」即不含它们签收。</translation>
    </message>
    <message>
        <location filename="../../ui/checkin/screen.py" line="344" />
        <source>{ready} ready on the shelf, {missing} not arrived, {issues} problems reported. {sheet}</source>
        <translation>{ready} 单已上架，{missing} 单未到，已上报 {issues} 个问题。{sheet}</translation>
    </message>
    <message>
        <location filename="../../ui/checkin/screen.py" line="352" />
        <source>The check-in sheet is printing.</source>
        <translation>签收单正在打印。</translation>
    </message>
    <message>
        <location filename="../../ui/checkin/screen.py" line="354" />
        <source>No printer: no sheet printed.</source>
        <translation>没有打印机：签收单未打印。</translation>
    </message>
    <message>
        <location filename="../../ui/checkin/screen.py" line="366" />
        <source>No delivery open</source>
        <translation>未选择批次</translation>
    </message>
    <message>
        <location filename="../../ui/checkin/screen.py" line="369" />
        <source>Received {got} / {expected}</source>
        <translation>已收 {got} / {expected}</translation>
    </message>
    <message>
        <location filename="../../ui/checkin/screen.py" line="395" />
        <source>Scan a bag label: its bin appears here.</source>
        <translation>扫袋子上的标签：货位显示在这里。</translation>
    </message>
    <message>
        <location filename="../../ui/checkin/screen.py" line="398" />
        <source>Order {order} · {zone}</source>
        <translation>订单 {order} · {zone}</translation>
    </message>
    <message>
        <location filename="../../ui/checkin/screen.py" line="414" />
        <source>short {n}</source>
        <translation>缺 {n}</translation>
    </message>
    <message>
        <location filename="../../ui/checkin/screen.py" line="417" />
        <source>damaged {n}</source>
        <translation>破损 {n}</translation>
    </message>
    <message>
        <location filename="../../ui/checkin/screen.py" line="428" />
        <source>{zone} goods on board: measure the temperature.</source>
        <translation>车上有{zone}商品：请测量温度。</translation>
    </message>
    <message>
        <location filename="../../ui/words/checkin.py" line="23" />
        <source>ambient</source>
        <translation>常温</translation>
    </message>
    <message>
        <location filename="../../ui/words/checkin.py" line="24" />
        <source>chilled</source>
        <translation>冷藏</translation>
    </message>
    <message>
        <location filename="../../ui/words/checkin.py" line="25" />
        <source>frozen</source>
        <translation>冷冻</translation>
    </message>
    <message>
        <location filename="../../ui/words/checkin.py" line="32" />
        <source>on its way</source>
        <translation>在路上</translation>
    </message>
    <message>
        <location filename="../../ui/words/checkin.py" line="33" />
        <source>already on the shelf</source>
        <translation>已经在货架上</translation>
    </message>
    <message>
        <location filename="../../ui/words/checkin.py" line="34" />
        <source>partly picked up</source>
        <translation>已部分取走</translation>
    </message>
    <message>
        <location filename="../../ui/words/checkin.py" line="35" />
        <source>already picked up</source>
        <translation>已经取走</translation>
    </message>
    <message>
        <location filename="../../ui/words/checkin.py" line="36" />
        <source>handed to its team leader</source>
        <translation>已交给团长</translation>
    </message>
    <message>
        <location filename="../../ui/words/checkin.py" line="37" />
        <source>overdue on the shelf</source>
        <translation>在货架上滞留</translation>
    </message>
    <message>
        <location filename="../../ui/words/checkin.py" line="38" />
        <source>returned to the warehouse</source>
        <translation>已退回仓库</translation>
    </message>
    <message>
        <location filename="../../ui/words/checkin.py" line="39" />
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../ui/words/checkin.py" line="40" />
        <source>refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <location filename="../../ui/words/checkin.py" line="42" />
        <source>in another state</source>
        <translation>处于其他状态</translation>
    </message>
    <message>
        <location filename="../../ui/words/checkin.py" line="49" />
        <source>{zone}: {c} °C, within {min} to {max} °C.</source>
        <translation>{zone}：{c} °C，在 {min} 到 {max} °C 之内。</translation>
    </message>
    <message>
        <location filename="../../ui/words/checkin.py" line="52" />
        <source>Too warm! {zone} goods must be {min} to {max} °C, the van is at {c} °C. Tell the driver and note it.</source>
        <translation>温度太高！{zone}商品应在 {min} 到 {max} °C，车上是 {c} °C。请告知司机并记录。</translation>
    </message>
    <message>
        <location filename="../../ui/words/checkin.py" line="57" />
        <source>Too cold! {zone} goods must be {min} to {max} °C, the van is at {c} °C. Check for frozen damage.</source>
        <translation>温度太低！{zone}商品应在 {min} 到 {max} °C，车上是 {c} °C。请检查是否冻坏。</translation>
    </message>
    <message>
        <location filename="../../ui/words/checkin.py" line="62" />
        <source>{c} °C cannot be right: measure again.</source>
        <translation>{c} °C 不可能：请重新测量。</translation>
    </message>
    <message>
        <location filename="../../ui/words/checkin.py" line="81" />
        <source>short</source>
        <translation>短缺</translation>
    </message>
    <message>
        <location filename="../../ui/words/checkin.py" line="83" />
        <source>damaged</source>
        <translation>破损</translation>
    </message>
    <message>
        <location filename="../../ui/words/checkin.py" line="86" />
        <source>Delivery {batch}: {orders} bags expected. Scan the bags.</source>
        <translation>批次 {batch}：应到 {orders} 袋。请逐袋扫码。</translation>
    </message>
    <message>
        <location filename="../../ui/words/checkin.py" line="89" />
        <source>Received. Put it in bin {bin}.</source>
        <translation>已签收。请放到货位 {bin}。</translation>
    </message>
    <message>
        <location filename="../../ui/words/checkin.py" line="90" />
        <source>Already scanned (counted once). Its bin is {bin}.</source>
        <translation>这袋已经扫过了（只算一次）。货位是 {bin}。</translation>
    </message>
    <message>
        <location filename="../../ui/words/checkin.py" line="93" />
        <source>Unticked: this bag is not counted.</source>
        <translation>已取消：这袋不计入。</translation>
    </message>
    <message>
        <location filename="../../ui/words/checkin.py" line="94" />
        <source>Not this delivery! This bag belongs to delivery {batch}. Put it aside.</source>
        <translation>不是这一批的！这袋属于批次 {batch}。请放到一边。</translation>
    </message>
    <message>
        <location filename="../../ui/words/checkin.py" line="97" />
        <source>Not our store! This bag is for store {store}. Give it back to the driver.</source>
        <translation>不是本店的！这袋属于门店 {store}。请退回给司机。</translation>
    </message>
    <message>
        <location filename="../../ui/words/checkin.py" line="100" />
        <source>This order is not in this delivery: it is {status}.</source>
        <translation>这单不在这一批里：它{status}。</translation>
    </message>
    <message>
        <location filename="../../ui/words/checkin.py" line="103" />
        <source>Unknown bag: no such order at this store. Put it aside and call the platform.</source>
        <translation>未知袋子：本店没有这个订单。请放到一边并联系平台。</translation>
    </message>
    <message>
        <location filename="../../ui/words/checkin.py" line="107" />
        <source>That is not a bag or shelf label. Scan the label on the bag.</source>
        <translation>这不是袋子或货架标签。请扫袋子上的标签。</translation>
    </message>
    <message>
        <location filename="../../ui/words/checkin.py" line="110" />
        <source>Bin changed to {bin}.</source>
        <translation>货位已改为 {bin}。</translation>
    </message>
    <message>
        <location filename="../../ui/words/checkin.py" line="111" />
        <source>Bin changed to {bin}, but it is a {zone} bin and this bag needs {wanted}.</source>
        <translation>货位已改为 {bin}，但这是{zone}货位，这袋需要{wanted}。</translation>
    </message>
    <message>
        <location filename="../../ui/words/checkin.py" line="114" />
        <source>There is no bin {bin} at this store.</source>
        <translation>本店没有货位 {bin}。</translation>
    </message>
    <message>
        <location filename="../../ui/words/checkin.py" line="115" />
        <source>Scan a bag first, then its shelf label.</source>
        <translation>请先扫一袋，再扫货架标签。</translation>
    </message>
    <message>
        <location filename="../../ui/words/checkin.py" line="118" />
        <source>{name}: {qty} {kind}.</source>
        <translation>{name}：{kind} {qty}。</translation>
    </message>
    <message>
        <location filename="../../ui/words/checkin.py" line="119" />
        <source>Choose the delivery first (or scan one of its bags).</source>
        <translation>请先选择到货批次（或扫这批的任意一袋）。</translation>
    </message>
    <message>
        <location filename="../../ui/words/checkin.py" line="122" />
        <source>Delivery {batch} checked in.</source>
        <translation>批次 {batch} 已签收。</translation>
    </message>
    <message>
        <location filename="../../ui/words/checkin.py" line="124" />
        <source>You may not check in a delivery: ask a manager.</source>
        <translation>你没有签收到货的权限：请找店长。</translation>
    </message>
    <message>
        <location filename="../../ui/words/checkin.py" line="126" />
        <source>The check-in was refused: nothing was saved.</source>
        <translation>签收被拒绝：没有保存任何内容。</translation>
    </message>
</context>
<context>
    <name>damaged</name>
    <message>
        <location filename="../../ui/shell/damaged.py" line="43" />
        <source>Linli Kiosk: the ledger needs a person</source>
        <translation>邻里自提点：账本需要人工处理</translation>
    </message>
    <message>
        <location filename="../../ui/shell/damaged.py" line="67" />
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../ui/shell/damaged.py" line="72" />
        <source>Restore the newest good backup</source>
        <translation>恢复最新的完好备份</translation>
    </message>
    <message>
        <location filename="../../ui/shell/damaged.py" line="83" />
        <source>The ledger file is missing</source>
        <translation>账本文件不见了</translation>
    </message>
    <message>
        <location filename="../../ui/shell/damaged.py" line="84" />
        <source>The ledger is damaged</source>
        <translation>账本已损坏</translation>
    </message>
    <message>
        <location filename="../../ui/shell/damaged.py" line="91" />
        <source>The ledger (the record of orders and pickups) is not where it was: %1. The kiosk will not start a new empty one.</source>
        <translation>账本（订单和取货的记录）不在原来的位置：%1。本机不会新建一个空账本。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/damaged.py" line="100" />
        <source>The ledger (the record of orders and pickups) failed its check at start. The kiosk did not change it and will not start on it.</source>
        <translation>账本（订单和取货的记录）在启动检查时未通过。本机没有改动它，也不会用它启动。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/damaged.py" line="109" />
        <source>The damaged file was kept: %1 (a copy is in %2).</source>
        <translation>损坏的文件已保留：%1（副本在 %2）。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/damaged.py" line="115" />
        <source>The damaged file was left where it is: %1.</source>
        <translation>损坏的文件留在原处：%1。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/damaged.py" line="123" />
        <source>Newest good backup: %1 (made %2).</source>
        <translation>最新的完好备份：%1（备份时间 %2）。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/damaged.py" line="128" />
        <source>Restoring it keeps every pickup in it that has not reached the platform yet (it is still sent); the next sync brings back what the platform has.</source>
        <translation>恢复后，其中还没送到平台的取货记录会保留并继续发送；下次同步会取回平台上的数据。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/damaged.py" line="137" />
        <source>No good backup was found: quit and call support. Do not delete the damaged file.</source>
        <translation>没有找到完好的备份：请退出并联系技术支持。不要删除损坏的文件。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/damaged.py" line="153" />
        <source>Restoring the backup…</source>
        <translation>正在恢复备份…</translation>
    </message>
    <message>
        <location filename="../../ui/shell/damaged.py" line="166" />
        <source>The backup was not restored; nothing was changed. Quit and call support. (%1)</source>
        <translation>备份没有恢复，什么都没有改动。请退出并联系技术支持。（%1）</translation>
    </message>
</context>
<context>
    <name>device_tests</name>
    <message>
        <location filename="../../ui/words/device_tests.py" line="16" />
        <source>handheld scanner (keyboard)</source>
        <translation>扫码枪（键盘）</translation>
    </message>
    <message>
        <location filename="../../ui/words/device_tests.py" line="17" />
        <source>serial scanner</source>
        <translation>串口扫码枪</translation>
    </message>
    <message>
        <location filename="../../ui/words/device_tests.py" line="18" />
        <source>camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../../ui/words/device_tests.py" line="20" />
        <source>scanner</source>
        <translation>扫码设备</translation>
    </message>
    <message>
        <location filename="../../ui/words/device_tests.py" line="25" />
        <source>The scanner reads correctly.</source>
        <translation>扫码枪读取正常。</translation>
    </message>
    <message>
        <location filename="../../ui/words/device_tests.py" line="27" />
        <source>The scanner types with another keyboard layout (e.g. French AZERTY): set it to US English with the setup code in its manual.</source>
        <translation>扫码枪用了别的键盘布局（例如法语 AZERTY）：请用说明书里的设置码改成美式英文。</translation>
    </message>
    <message>
        <location filename="../../ui/words/device_tests.py" line="32" />
        <source>A Chinese input method turned the letters full-width: switch the input method to English (Shift or Ctrl+Space) before scanning.</source>
        <translation>中文输入法把字母变成了全角：扫码前请切换到英文输入（Shift 或 Ctrl+空格）。</translation>
    </message>
    <message>
        <location filename="../../ui/words/device_tests.py" line="37" />
        <source>A Chinese input method caught the scan (pinyin): switch the input method to English before scanning.</source>
        <translation>中文输入法截获了扫码（拼音）：扫码前请把输入法切换到英文。</translation>
    </message>
    <message>
        <location filename="../../ui/words/device_tests.py" line="42" />
        <source>The code arrived cut short: the scanner may be set to a maximum length or a slow keyboard speed; check its setup.</source>
        <translation>收到的码被截断了：扫码枪可能设置了最大长度或键盘速度太慢；请检查设置。</translation>
    </message>
    <message>
        <location filename="../../ui/words/device_tests.py" line="47" />
        <source>Strange control characters arrived: the scanner sends a prefix or suffix; remove it with its setup codes.</source>
        <translation>收到了奇怪的控制字符：扫码枪带了前缀或后缀；请用设置码去掉。</translation>
    </message>
    <message>
        <location filename="../../ui/words/device_tests.py" line="59" />
        <source>Read from the {source}: {text} ({n} characters)</source>
        <translation>从{source}读到：{text}（{n} 个字符）</translation>
    </message>
    <message>
        <location filename="../../ui/words/device_tests.py" line="68" />
        <source>Over the maximum</source>
        <translation>超过量程</translation>
    </message>
    <message>
        <location filename="../../ui/words/device_tests.py" line="70" />
        <source>Under zero: zero the scale</source>
        <translation>低于零：请给秤归零</translation>
    </message>
    <message>
        <location filename="../../ui/words/device_tests.py" line="72" />
        <source>No value</source>
        <translation>无读数</translation>
    </message>
    <message>
        <location filename="../../ui/words/device_tests.py" line="73" />
        <source>(moving)</source>
        <translation>（未稳定）</translation>
    </message>
    <message>
        <location filename="../../ui/words/device_tests.py" line="79" />
        <source>Tare sent.</source>
        <translation>已去皮。</translation>
    </message>
    <message>
        <location filename="../../ui/words/device_tests.py" line="80" />
        <source>Zero sent.</source>
        <translation>已归零。</translation>
    </message>
    <message>
        <location filename="../../ui/words/device_tests.py" line="81" />
        <source>Reconnected: see its status.</source>
        <translation>已重新连接：请看状态。</translation>
    </message>
    <message>
        <location filename="../../ui/words/device_tests.py" line="82" />
        <source>Test page queued: it prints in a moment.</source>
        <translation>测试页已加入打印队列，马上打印。</translation>
    </message>
    <message>
        <location filename="../../ui/words/device_tests.py" line="83" />
        <source>There is no printer set up.</source>
        <translation>没有设置打印机。</translation>
    </message>
    <message>
        <location filename="../../ui/words/device_tests.py" line="84" />
        <source>This device cannot do that.</source>
        <translation>这个设备不能这样操作。</translation>
    </message>
    <message>
        <location filename="../../ui/words/device_tests.py" line="90" />
        <source>Test scan: scan any code now and see what the kiosk read.</source>
        <translation>测试扫码：现在扫任意一个码，看看本机读到了什么。</translation>
    </message>
</context>
<context>
    <name>devices</name>
    <message>
        <location filename="../../ui/words/devices.py" line="25" />
        <source>ready</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="26" />
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="27" />
        <source>connecting</source>
        <translation>连接中</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="28" />
        <location filename="../../ui/words/devices.py" line="194" />
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="29" />
        <source>needs attention</source>
        <translation>需要处理</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="30" />
        <source>off</source>
        <translation>未启用</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="37" />
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="38" />
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="39" />
        <source>Receipts</source>
        <translation>小票</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="40" />
        <source>Scanner</source>
        <translation>扫码枪</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="41" />
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="42" />
        <source>Scale</source>
        <translation>秤</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="43" />
        <source>Instrument</source>
        <translation>仪器</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="44" />
        <source>OBS overlay</source>
        <translation>OBS 叠加层</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="46" />
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="53" />
        <source>The printer is ready.</source>
        <translation>打印机正常。</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="54" />
        <location filename="../../ui/words/devices.py" line="74" />
        <source>The printer is out of paper: put in a new roll.</source>
        <translation>打印机没纸了：请换一卷新纸。</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="55" />
        <source>The paper roll is nearly empty: have a new one at hand.</source>
        <translation>纸快用完了：请准备一卷新纸。</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="58" />
        <location filename="../../ui/words/devices.py" line="77" />
        <source>The printer cover is open: close it.</source>
        <translation>打印机盖子开着：请盖好。</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="59" />
        <location filename="../../ui/words/devices.py" line="62" />
        <location filename="../../ui/words/devices.py" line="65" />
        <source>The printer does not answer: check its power and cable.</source>
        <translation>打印机没有响应：请检查电源和线缆。</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="68" />
        <source>The printer was not found: check its cable and address.</source>
        <translation>没找到打印机：请检查线缆和地址。</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="71" />
        <source>The printer was disconnected: plug it in again.</source>
        <translation>打印机断开了：请重新插好。</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="78" />
        <source>The printer is not set up right: see the settings screen.</source>
        <translation>打印机设置不对：请到设置页面。</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="81" />
        <location filename="../../ui/words/devices.py" line="84" />
        <location filename="../../ui/words/devices.py" line="87" />
        <source>The printer reported a problem: switch it off and on.</source>
        <translation>打印机报告故障：请关机再开机。</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="91" />
        <source>{waiting} receipt(s) waiting to print.</source>
        <translation>{waiting} 张小票等待打印。</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="92" />
        <source>{waiting} receipt(s) could not print yet: check the printer.</source>
        <translation>{waiting} 张小票还没打出来：请检查打印机。</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="95" />
        <source>All receipts printed.</source>
        <translation>小票已全部打印。</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="96" />
        <source>A receipt could not be queued: reprint it from the order.</source>
        <translation>有一张小票没能加入打印：请在订单里补打。</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="100" />
        <source>Scan anywhere: the handheld scanner is listened to in every screen.</source>
        <translation>在任何页面都可以直接扫码。</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="103" />
        <source>The scanner is ready.</source>
        <translation>扫码枪正常。</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="104" />
        <source>Opening the scanner…</source>
        <translation>正在连接扫码枪…</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="105" />
        <source>No scanner found: check its cable; trying again.</source>
        <translation>没找到扫码枪：请检查线缆，正在重试。</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="106" />
        <source>The scanner was unplugged: plug it in again.</source>
        <translation>扫码枪被拔掉了：请重新插好。</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="107" />
        <source>The scanner sent a line with no end: check its settings.</source>
        <translation>扫码枪发来的内容没有结尾：请检查它的设置。</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="110" />
        <source>The last scan looked wrong: check the scanner's keyboard settings.</source>
        <translation>上一次扫码不对：请检查扫码枪的键盘设置。</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="113" />
        <source>The scanner types with another keyboard layout: set it to US.</source>
        <translation>扫码枪用了别的键盘布局：请设为美式键盘。</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="116" />
        <location filename="../../ui/words/devices.py" line="119" />
        <source>A Chinese input method is on: switch it to English (Shift).</source>
        <translation>中文输入法开着：请按 Shift 切换到英文。</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="122" />
        <source>The last scan was cut short: scan again.</source>
        <translation>上一次扫码不完整：请再扫一次。</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="123" />
        <source>The last scan had stray characters: scan again.</source>
        <translation>上一次扫码有杂乱字符：请再扫一次。</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="125" />
        <source>Opening the camera…</source>
        <translation>正在打开摄像头…</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="126" />
        <source>The camera is on: show a code to it.</source>
        <translation>摄像头已打开：请把码对准它。</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="127" />
        <source>No camera found: is it plugged in? Trying again.</source>
        <translation>没找到摄像头：插好了吗？正在重试。</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="128" />
        <source>The camera stopped sending pictures: trying again.</source>
        <translation>摄像头没有画面了：正在重试。</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="132" />
        <source>Opening the instrument's port…</source>
        <translation>正在打开仪器端口…</translation>
    </message>
    <message>
        <source>Opening {device}…</source>
        <translation type="vanished">正在连接{device}…</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="133" />
        <source>Connected; waiting for the first reading.</source>
        <translation>已连接，等待第一次读数。</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="134" />
        <source>Reading.</source>
        <translation>正在读数。</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="135" />
        <source>Receiving data it cannot read: check the instrument's settings.</source>
        <translation>收到无法识别的数据：请检查仪器设置。</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="138" />
        <source>Not reachable: check its cable; trying again.</source>
        <translation>连接不上：请检查线缆，正在重试。</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="139" />
        <source>No reading for a while: is it switched on?</source>
        <translation>好一会儿没有读数了：仪器开着吗？</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="141" />
        <source>The OBS overlay is on at {url}; {clients} page(s) connected.</source>
        <translation>OBS 叠加层已开启：{url}；已连接 {clients} 个页面。</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="144" />
        <source>The OBS overlay cannot use port {port}: another program has it. Choose another port in the settings and restart.</source>
        <translation>OBS 叠加层无法使用端口 {port}：另一个程序占用了它。请在设置中换一个端口并重新启动。</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="149" />
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="150" />
        <source>Not started.</source>
        <translation>未启动。</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="151" />
        <source>Not set up: see the settings screen.</source>
        <translation>未设置：请到设置页面。</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="166" />
        <source>Working.</source>
        <translation>工作正常。</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="167" />
        <source>Connected, waiting.</source>
        <translation>已连接，等待中。</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="168" />
        <source>Connecting…</source>
        <translation>连接中…</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="169" />
        <source>Not reachable; trying again by itself.</source>
        <translation>连接不上，会自动重试。</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="170" />
        <source>Needs a person: check the device.</source>
        <translation>需要处理：请检查设备。</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="171" />
        <source>Not set up or switched off.</source>
        <translation>未设置或已关闭。</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="187" />
        <source>not enrolled</source>
        <translation>未注册</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="189" />
        <source>enroll again</source>
        <translation>需重新注册</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="191" />
        <source>{n} to check</source>
        <translation>{n} 条待处理</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="193" />
        <source>{n} waiting</source>
        <translation>{n} 条待发</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="194" />
        <source>in sync</source>
        <translation>已同步</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="200" />
        <source>This kiosk is not connected to the platform yet: a manager enters the enrollment code on the settings screen.</source>
        <translation>本机还没有接入平台：请店长在设置页面输入注册码。</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="206" />
        <source>The platform no longer accepts this kiosk: a manager enters a new enrollment code on the settings screen.</source>
        <translation>平台不再接受本机：请店长在设置页面输入新的注册码。</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="212" />
        <source>Online.</source>
        <translation>在线。</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="214" />
        <source>Offline: pickups are kept and sent later.</source>
        <translation>离线：取货记录已保存，稍后自动上传。</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="218" />
        <source>{n} event(s) waiting to be sent.</source>
        <translation>{n} 条记录等待上传。</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="222" />
        <source>Last sync: {when}.</source>
        <translation>上次同步：{when}。</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="224" />
        <source>Not synced yet.</source>
        <translation>还没有同步过。</translation>
    </message>
    <message>
        <location filename="../../ui/words/devices.py" line="229" />
        <source>{n} need(s) a manager on the sync screen.</source>
        <translation>{n} 条需要店长在同步页面处理。</translation>
    </message>
</context>
<context>
    <name>devices_screen</name>
    <message>
        <location filename="../../ui/devices/screen.py" line="86" />
        <source>Test print</source>
        <translation>测试打印</translation>
    </message>
    <message>
        <location filename="../../ui/devices/screen.py" line="89" />
        <source>Tare</source>
        <translation>去皮</translation>
    </message>
    <message>
        <location filename="../../ui/devices/screen.py" line="92" />
        <source>Zero</source>
        <translation>归零</translation>
    </message>
    <message>
        <location filename="../../ui/devices/screen.py" line="95" />
        <source>Reconnect</source>
        <translation>重新连接</translation>
    </message>
    <message>
        <location filename="../../ui/devices/screen.py" line="101" />
        <source>Check everything</source>
        <translation>全面检查</translation>
    </message>
    <message>
        <location filename="../../ui/devices/screen.py" line="128" />
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../ui/devices/screen.py" line="261" />
        <source>Checking everything…</source>
        <translation>正在全面检查…</translation>
    </message>
    <message>
        <location filename="../../ui/devices/screen.py" line="292" />
        <source>%1 thing(s) need a person: see the list.</source>
        <translation>有 %1 项需要人工处理：请看列表。</translation>
    </message>
    <message>
        <location filename="../../ui/devices/screen.py" line="298" />
        <source>Everything checked is fine.</source>
        <translation>检查的各项都正常。</translation>
    </message>
</context>
<context>
    <name>doctor</name>
    <message>
        <location filename="../../ui/words/doctor.py" line="22" />
        <source>The ledger is damaged or cannot be opened.</source>
        <translation>账本已损坏或无法打开。</translation>
    </message>
    <message>
        <location filename="../../ui/words/doctor.py" line="23" />
        <source>Close the kiosk and restart the PC. If the kiosk then says the ledger is damaged, restore the newest good backup it offers; if it stays, call support.</source>
        <translation>关闭本程序并重启电脑。如果程序提示账本已损坏，请恢复它提供的最新完好备份；如果问题仍在，请联系技术支持。</translation>
    </message>
    <message>
        <location filename="../../ui/words/doctor.py" line="31" />
        <source>The ledger's layout differs from this program's.</source>
        <translation>账本的结构版本与本程序不一致。</translation>
    </message>
    <message>
        <location filename="../../ui/words/doctor.py" line="32" />
        <source>Restart the kiosk once (it backs up, then upgrades); if this program is older than the ledger, install the newer version.</source>
        <translation>重启一次本程序（会先备份再升级）；如果本程序比账本旧，请安装新版本。</translation>
    </message>
    <message>
        <location filename="../../ui/words/doctor.py" line="39" />
        <source>The disk is nearly full.</source>
        <translation>磁盘快满了。</translation>
    </message>
    <message>
        <location filename="../../ui/words/doctor.py" line="40" />
        <source>Free space now (recycle bin, downloads): a full disk stops new pickups (nothing saved is lost).</source>
        <translation>请马上清理空间（回收站、下载文件夹）：磁盘满了就不能再取货（已保存的不会丢）。</translation>
    </message>
    <message>
        <location filename="../../ui/words/doctor.py" line="47" />
        <source>The data folder cannot be written.</source>
        <translation>数据文件夹无法写入。</translation>
    </message>
    <message>
        <location filename="../../ui/words/doctor.py" line="48" />
        <source>Restart the PC; if it stays read-only, call support.</source>
        <translation>请重启电脑；如果仍然只读，请联系技术支持。</translation>
    </message>
    <message>
        <location filename="../../ui/words/doctor.py" line="51" />
        <source>There is no recent good backup of the ledger.</source>
        <translation>账本没有最近的完好备份。</translation>
    </message>
    <message>
        <location filename="../../ui/words/doctor.py" line="52" />
        <source>The kiosk backs up by itself every 4 hours; if this stays, check the disk finding and call support.</source>
        <translation>本程序每 4 小时自动备份一次；如果问题仍在，请查看磁盘一项并联系技术支持。</translation>
    </message>
    <message>
        <location filename="../../ui/words/doctor.py" line="59" />
        <source>This kiosk is not connected to the platform (or no longer accepted).</source>
        <translation>本机没有接入平台（或平台已不再接受本机）。</translation>
    </message>
    <message>
        <location filename="../../ui/words/doctor.py" line="62" />
        <source>Get an enrollment code from the platform admin and enter it on the settings screen.</source>
        <translation>请向平台管理员要一个注册码，在设置页面输入。</translation>
    </message>
    <message>
        <location filename="../../ui/words/doctor.py" line="69" />
        <source>Records have waited long to reach the platform, or were refused.</source>
        <translation>有记录很久没送到平台，或被平台拒收。</translation>
    </message>
    <message>
        <location filename="../../ui/words/doctor.py" line="70" />
        <source>Check the network cable or Wi-Fi; a manager settles refused records on the sync screen.</source>
        <translation>请检查网线或 Wi-Fi；被拒收的记录由店长在同步页面处理。</translation>
    </message>
    <message>
        <location filename="../../ui/words/doctor.py" line="77" />
        <source>The PC's clock is far off.</source>
        <translation>电脑时间偏差很大。</translation>
    </message>
    <message>
        <location filename="../../ui/words/doctor.py" line="78" />
        <source>Set the date, time and time zone (automatic time on): codes look expired or valid wrongly until then.</source>
        <translation>请设置日期、时间和时区（打开自动校时）：在此之前取货码的有效期会判断错误。</translation>
    </message>
    <message>
        <location filename="../../ui/words/doctor.py" line="85" />
        <source>Receipts have waited long for the printer.</source>
        <translation>小票等待打印已经很久了。</translation>
    </message>
    <message>
        <location filename="../../ui/words/doctor.py" line="86" />
        <source>Check the printer (power, paper, lid, cable): the receipts print by themselves when it is back.</source>
        <translation>请检查打印机（电源、纸、盖子、线缆）：打印机恢复后小票会自动打印。</translation>
    </message>
    <message>
        <location filename="../../ui/words/doctor.py" line="93" />
        <source>No Chinese font for printing was found.</source>
        <translation>没有找到打印用的中文字体。</translation>
    </message>
    <message>
        <location filename="../../ui/words/doctor.py" line="94" />
        <source>Install a Chinese font (Debian: fonts-noto-cjk; Windows has one built in).</source>
        <translation>请安装中文字体（Debian：fonts-noto-cjk；Windows 自带）。</translation>
    </message>
    <message>
        <location filename="../../ui/words/doctor.py" line="100" />
        <source>The second QR decoder (ZBar) is missing.</source>
        <translation>缺少第二个二维码解码器（ZBar）。</translation>
    </message>
    <message>
        <location filename="../../ui/words/doctor.py" line="101" />
        <source>Install libzbar0 (Debian); the first decoder still works.</source>
        <translation>请安装 libzbar0（Debian）；第一个解码器仍可使用。</translation>
    </message>
    <message>
        <location filename="../../ui/words/doctor.py" line="108" />
        <source>The ledger passed its check.</source>
        <translation>账本检查通过。</translation>
    </message>
    <message>
        <location filename="../../ui/words/doctor.py" line="109" />
        <source>The ledger's layout is current.</source>
        <translation>账本结构是最新的。</translation>
    </message>
    <message>
        <location filename="../../ui/words/doctor.py" line="110" />
        <source>There is enough free disk space.</source>
        <translation>磁盘空间充足。</translation>
    </message>
    <message>
        <location filename="../../ui/words/doctor.py" line="111" />
        <source>The data folder can be written.</source>
        <translation>数据文件夹可以写入。</translation>
    </message>
    <message>
        <location filename="../../ui/words/doctor.py" line="112" />
        <source>There is a recent good backup.</source>
        <translation>有最近的完好备份。</translation>
    </message>
    <message>
        <location filename="../../ui/words/doctor.py" line="113" />
        <source>Connected to the platform.</source>
        <translation>已接入平台。</translation>
    </message>
    <message>
        <location filename="../../ui/words/doctor.py" line="114" />
        <source>Records reach the platform.</source>
        <translation>记录能送到平台。</translation>
    </message>
    <message>
        <location filename="../../ui/words/doctor.py" line="115" />
        <source>The clock is fine (or could not be compared yet).</source>
        <translation>时间正常（或暂时无法与平台比对）。</translation>
    </message>
    <message>
        <location filename="../../ui/words/doctor.py" line="116" />
        <source>No receipt has waited long.</source>
        <translation>没有等待很久的小票。</translation>
    </message>
    <message>
        <location filename="../../ui/words/doctor.py" line="117" />
        <source>A Chinese font for printing is installed.</source>
        <translation>已安装打印用的中文字体。</translation>
    </message>
    <message>
        <location filename="../../ui/words/doctor.py" line="118" />
        <source>Both QR decoders are installed.</source>
        <translation>两个二维码解码器都已安装。</translation>
    </message>
    <message>
        <location filename="../../ui/words/doctor.py" line="119" />
        <source>No devices are set up.</source>
        <translation>没有设置任何设备。</translation>
    </message>
    <message>
        <location filename="../../ui/words/doctor.py" line="131" />
        <source>%1: working or not set up.</source>
        <translation>%1：正常或未设置。</translation>
    </message>
    <message>
        <location filename="../../ui/words/doctor.py" line="135" />
        <source>%1 does not answer.</source>
        <translation>%1 没有响应。</translation>
    </message>
    <message>
        <location filename="../../ui/words/doctor.py" line="136" />
        <source>Check its power, cable and paper; a replaced device or another USB socket may change its address: set it on the settings screen, then Reconnect.</source>
        <translation>请检查电源、线缆和纸；换了设备或换了 USB 口，地址可能会变：请在设置页面改好，再点“重新连接”。</translation>
    </message>
    <message>
        <location filename="../../ui/words/doctor.py" line="145" />
        <source>Fine.</source>
        <translation>正常。</translation>
    </message>
    <message>
        <location filename="../../ui/words/doctor.py" line="150" />
        <source>A check could not be done.</source>
        <translation>有一项检查没能完成。</translation>
    </message>
    <message>
        <location filename="../../ui/words/doctor.py" line="151" />
        <source>Call support and send them the support bundle.</source>
        <translation>请联系技术支持，并把支持包发给他们。</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../ui/words/errors.py" line="24" />
        <source>The device was not found: check its cable.</source>
        <translation>没找到设备：请检查线缆。</translation>
    </message>
    <message>
        <location filename="../../ui/words/errors.py" line="27" />
        <source>The device was disconnected: plug it in again.</source>
        <translation>设备断开了：请重新插好。</translation>
    </message>
    <message>
        <location filename="../../ui/words/errors.py" line="30" />
        <source>The device did not answer in time: try again.</source>
        <translation>设备没有及时响应：请再试一次。</translation>
    </message>
    <message>
        <location filename="../../ui/words/errors.py" line="33" />
        <source>The device sent something unreadable: try again.</source>
        <translation>设备发来的数据无法识别：请再试一次。</translation>
    </message>
    <message>
        <location filename="../../ui/words/errors.py" line="36" />
        <source>The printer is out of paper: put in a new roll.</source>
        <translation>打印机没纸了：请换一卷新纸。</translation>
    </message>
    <message>
        <location filename="../../ui/words/errors.py" line="39" />
        <source>The printer cover is open: close it.</source>
        <translation>打印机盖子开着：请盖好。</translation>
    </message>
    <message>
        <location filename="../../ui/words/errors.py" line="42" />
        <source>The device is offline: check its power and cable.</source>
        <translation>设备离线：请检查电源和线缆。</translation>
    </message>
    <message>
        <location filename="../../ui/words/errors.py" line="45" />
        <source>The device is not set up right: see the settings screen.</source>
        <translation>设备设置不对：请到设置页面。</translation>
    </message>
    <message>
        <location filename="../../ui/words/errors.py" line="48" />
        <source>The device reported a problem: try again.</source>
        <translation>设备报告故障：请再试一次。</translation>
    </message>
    <message>
        <location filename="../../ui/words/errors.py" line="57" />
        <source>The platform cannot be reached: check the network.</source>
        <translation>连不上平台：请检查网络。</translation>
    </message>
    <message>
        <location filename="../../ui/words/errors.py" line="60" />
        <source>The platform has a problem: it will be tried again.</source>
        <translation>平台出了问题：稍后会自动重试。</translation>
    </message>
    <message>
        <location filename="../../ui/words/errors.py" line="63" />
        <source>The platform refused this kiosk: enroll it again.</source>
        <translation>平台拒绝了本机：请重新注册。</translation>
    </message>
    <message>
        <location filename="../../ui/words/errors.py" line="66" />
        <source>The platform refused that: check the code and try again.</source>
        <translation>平台拒绝了：请检查注册码后再试。</translation>
    </message>
    <message>
        <location filename="../../ui/words/errors.py" line="69" />
        <source>This kiosk is not enrolled yet.</source>
        <translation>本机还没有注册。</translation>
    </message>
    <message>
        <location filename="../../ui/words/errors.py" line="70" />
        <source>The platform answered something unexpected: check the server address.</source>
        <translation>平台的回应不对：请检查平台地址。</translation>
    </message>
    <message>
        <location filename="../../ui/words/errors.py" line="82" />
        <source>The disk is full: free some space first.</source>
        <translation>磁盘已满：请先腾出空间。</translation>
    </message>
    <message>
        <location filename="../../ui/words/errors.py" line="83" />
        <source>The disk is read-only: restart the computer first.</source>
        <translation>磁盘是只读的：请先重启电脑。</translation>
    </message>
    <message>
        <location filename="../../ui/words/errors.py" line="86" />
        <source>The disk failed while restoring: restart the computer.</source>
        <translation>恢复时磁盘出错：请重启电脑。</translation>
    </message>
    <message>
        <location filename="../../ui/words/errors.py" line="89" />
        <source>The backup could not be copied into place.</source>
        <translation>备份无法复制到位。</translation>
    </message>
    <message>
        <location filename="../../ui/words/errors.py" line="93" />
        <source>The kiosk is already running on this ledger (process %1): close it first.</source>
        <translation>本机程序已在使用这个账本（进程 %1）：请先关闭它。</translation>
    </message>
    <message>
        <location filename="../../ui/words/errors.py" line="96" />
        <source>The backup file failed its check: it cannot be restored.</source>
        <translation>备份文件没有通过检查：无法恢复。</translation>
    </message>
    <message>
        <location filename="../../ui/words/errors.py" line="100" />
        <source>This backup belongs to store %1; this kiosk is store %2.</source>
        <translation>这个备份属于门店 %1；本机是门店 %2。</translation>
    </message>
    <message>
        <location filename="../../ui/words/errors.py" line="104" />
        <source>The backup and the ledger hold different records under the same numbers (was the kiosk installed again?).</source>
        <translation>备份和账本在相同编号下记录了不同的内容（本机是否重新安装过？）。</translation>
    </message>
    <message>
        <location filename="../../ui/words/errors.py" line="110" />
        <source>The backup is older than the ledger: %1 event(s) and %2 audit entries recorded since would be undone (%3 not yet sent to the platform).</source>
        <translation>备份比账本旧：之后记录的 %1 个事件和 %2 条审计记录会被撤销（其中 %3 个尚未发送到平台）。</translation>
    </message>
    <message>
        <location filename="../../ui/words/errors.py" line="119" />
        <source>The restored ledger failed its check.</source>
        <translation>恢复出的账本没有通过检查。</translation>
    </message>
    <message>
        <location filename="../../ui/words/errors.py" line="137" />
        <source>That is not allowed for this clerk: ask a manager.</source>
        <translation>当前店员没有这个权限：请找店长。</translation>
    </message>
    <message>
        <location filename="../../ui/words/errors.py" line="139" />
        <source>The order changed meanwhile: scan it again.</source>
        <translation>订单刚刚有变化：请重新扫码。</translation>
    </message>
    <message>
        <location filename="../../ui/words/errors.py" line="140" />
        <source>Something went wrong; it was written to the log. Try again.</source>
        <translation>出了点问题，已记入日志。请再试一次。</translation>
    </message>
</context>
<context>
    <name>handover</name>
    <message>
        <location filename="../../ui/handover/screen.py" line="80" />
        <source>Hand over all</source>
        <translation>全部交接</translation>
    </message>
    <message>
        <location filename="../../ui/handover/screen.py" line="87" />
        <source>Team leader's PIN (or scan the badge again)</source>
        <translation>团长 PIN（或再刷一次工牌）</translation>
    </message>
    <message>
        <location filename="../../ui/handover/screen.py" line="101" />
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../../ui/handover/screen.py" line="109" />
        <source>Next team leader</source>
        <translation>下一位团长</translation>
    </message>
    <message>
        <location filename="../../ui/handover/screen.py" line="117" />
        <source>Handover</source>
        <translation>交接</translation>
    </message>
    <message>
        <location filename="../../ui/handover/screen.py" line="149" />
        <source>Pick a team leader (or scan the badge)</source>
        <translation>选择团长（或刷团长工牌）</translation>
    </message>
    <message>
        <location filename="../../ui/handover/screen.py" line="152" />
        <source>{name} · {community} · {n} ready</source>
        <translation>{name} · {community} · {n} 单待取</translation>
    </message>
    <message>
        <location filename="../../ui/handover/screen.py" line="217" />
        <source>{count} orders handed to {leader}. No printer: no slip printed.</source>
        <translation>已将 {count} 单交给 {leader}。没有打印机：交接单未打印。</translation>
    </message>
    <message>
        <location filename="../../ui/handover/screen.py" line="231" />
        <source>Scan the team leader's badge</source>
        <translation>请刷团长工牌</translation>
    </message>
    <message>
        <location filename="../../ui/handover/screen.py" line="237" />
        <source>Ticked {n} / {total}</source>
        <translation>已勾 {n} / {total}</translation>
    </message>
    <message>
        <location filename="../../ui/handover/screen.py" line="251" />
        <source>{mark} {bin}   {order} · {n} items</source>
        <translation>{mark} {bin}   {order} · {n} 件</translation>
    </message>
    <message>
        <location filename="../../ui/words/handover.py" line="19" />
        <source>{leader}: {orders} orders to hand over. Scan the bags or tap Hand over all.</source>
        <translation>{leader}：有 {orders} 单待交接。逐袋扫码，或点「全部交接」。</translation>
    </message>
    <message>
        <location filename="../../ui/words/handover.py" line="23" />
        <source>Unknown badge: no team leader of this store has it.</source>
        <translation>未知工牌：本店没有这位团长。</translation>
    </message>
    <message>
        <location filename="../../ui/words/handover.py" line="26" />
        <source>Ticked (bin {bin}).</source>
        <translation>已勾选（货位 {bin}）。</translation>
    </message>
    <message>
        <location filename="../../ui/words/handover.py" line="27" />
        <source>Already ticked (counted once).</source>
        <translation>已经勾过了（只算一次）。</translation>
    </message>
    <message>
        <location filename="../../ui/words/handover.py" line="28" />
        <source>Unticked.</source>
        <translation>已取消勾选。</translation>
    </message>
    <message>
        <location filename="../../ui/words/handover.py" line="30" />
        <source>Not theirs! This bag belongs to team leader {owner}. Put it back.</source>
        <translation>不是这位团长的！这袋属于团长 {owner}。请放回。</translation>
    </message>
    <message>
        <location filename="../../ui/words/handover.py" line="34" />
        <source>Not theirs! This bag is a customer's own order. Put it back.</source>
        <translation>不是这位团长的！这是顾客自提的订单。请放回。</translation>
    </message>
    <message>
        <location filename="../../ui/words/handover.py" line="38" />
        <source>This order of theirs cannot go now: it is {status}.</source>
        <translation>这是该团长的订单，但现在不能交接：它{status}。</translation>
    </message>
    <message>
        <location filename="../../ui/words/handover.py" line="41" />
        <source>Not our store! This bag is for store {store}.</source>
        <translation>不是本店的！这袋属于门店 {store}。</translation>
    </message>
    <message>
        <location filename="../../ui/words/handover.py" line="44" />
        <source>Unknown bag: no such order at this store.</source>
        <translation>未知袋子：本店没有这个订单。</translation>
    </message>
    <message>
        <location filename="../../ui/words/handover.py" line="47" />
        <source>That is not a badge or a bag label.</source>
        <translation>这不是工牌，也不是袋子标签。</translation>
    </message>
    <message>
        <location filename="../../ui/words/handover.py" line="48" />
        <source>All {count} ticked. The team leader confirms with PIN or badge.</source>
        <translation>已全部勾选 {count} 单。请团长输入 PIN 或刷工牌确认。</translation>
    </message>
    <message>
        <location filename="../../ui/words/handover.py" line="51" />
        <source>Tick at least one bag first.</source>
        <translation>请先至少勾选一袋。</translation>
    </message>
    <message>
        <location filename="../../ui/words/handover.py" line="53" />
        <source>Wrong PIN: the team leader tries again.</source>
        <translation>PIN 不对：请团长再输一次。</translation>
    </message>
    <message>
        <location filename="../../ui/words/handover.py" line="55" />
        <source>That badge is not this team leader's.</source>
        <translation>这不是这位团长的工牌。</translation>
    </message>
    <message>
        <location filename="../../ui/words/handover.py" line="57" />
        <source>{count} orders handed to {leader}. The slip is printing.</source>
        <translation>已将 {count} 单交给 {leader}。交接单正在打印。</translation>
    </message>
    <message>
        <location filename="../../ui/words/handover.py" line="60" />
        <source>Scan the team leader's badge first (or pick them below).</source>
        <translation>请先刷团长工牌（或在上方选择团长）。</translation>
    </message>
    <message>
        <location filename="../../ui/words/handover.py" line="64" />
        <source>You may not hand orders over: ask a manager.</source>
        <translation>你没有交接订单的权限：请找店长。</translation>
    </message>
    <message>
        <location filename="../../ui/words/handover.py" line="66" />
        <source>The handover was refused: nothing was saved.</source>
        <translation>交接被拒绝：没有保存任何内容。</translation>
    </message>
</context>
<context>
    <name>inspection</name>
    <message>
        <location filename="../../ui/words/inspection.py" line="17" />
        <source>Pass</source>
        <translation>合格</translation>
    </message>
    <message>
        <location filename="../../ui/words/inspection.py" line="18" />
        <source>Fail</source>
        <translation>不合格</translation>
    </message>
    <message>
        <location filename="../../ui/words/inspection.py" line="19" />
        <source>Not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <location filename="../../ui/words/inspection.py" line="20" />
        <source>Not answered</source>
        <translation>未答</translation>
    </message>
    <message>
        <location filename="../../ui/words/inspection.py" line="25" />
        <source>PASS</source>
        <translation>合格</translation>
    </message>
    <message>
        <location filename="../../ui/words/inspection.py" line="26" />
        <source>RECTIFY within the due dates</source>
        <translation>限期整改</translation>
    </message>
    <message>
        <location filename="../../ui/words/inspection.py" line="27" />
        <source>FAIL</source>
        <translation>不合格</translation>
    </message>
    <message>
        <location filename="../../ui/words/inspection.py" line="33" />
        <source>Inspector</source>
        <translation>质检员</translation>
    </message>
    <message>
        <location filename="../../ui/words/inspection.py" line="34" />
        <source>Supplier's representative</source>
        <translation>供应商代表</translation>
    </message>
    <message>
        <location filename="../../ui/words/inspection.py" line="40" />
        <source>a photo</source>
        <translation>一张照片</translation>
    </message>
    <message>
        <location filename="../../ui/words/inspection.py" line="41" />
        <source>a note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/words/inspection.py" line="42" />
        <source>a photo or a note</source>
        <translation>照片或备注</translation>
    </message>
    <message>
        <location filename="../../ui/words/inspection.py" line="50" />
        <source>Not answered yet: {item}</source>
        <translation>尚未回答：{item}</translation>
    </message>
    <message>
        <location filename="../../ui/words/inspection.py" line="52" />
        <source>A fail needs {need}: {item}</source>
        <translation>不合格项需要{need}：{item}</translation>
    </message>
    <message>
        <location filename="../../ui/words/inspection.py" line="56" />
        <source>Signature missing: {role}</source>
        <translation>缺少签名：{role}</translation>
    </message>
    <message>
        <location filename="../../ui/words/inspection.py" line="58" />
        <source>Sign in the box first: {role}</source>
        <translation>请先在框内签名：{role}</translation>
    </message>
    <message>
        <location filename="../../ui/words/inspection.py" line="60" />
        <source>Enter the signer's name: {role}</source>
        <translation>请输入签名人姓名：{role}</translation>
    </message>
    <message>
        <location filename="../../ui/words/inspection.py" line="62" />
        <source>Enter the supplier's name.</source>
        <translation>请输入供应商名称。</translation>
    </message>
    <message>
        <location filename="../../ui/words/inspection.py" line="64" />
        <source>Pick a supplier from the list (or add one).</source>
        <translation>请从列表中选择供应商（或添加一个）。</translation>
    </message>
    <message>
        <location filename="../../ui/words/inspection.py" line="66" />
        <source>Log in to start an inspection.</source>
        <translation>请先登录再开始检查。</translation>
    </message>
    <message>
        <location filename="../../ui/words/inspection.py" line="68" />
        <source>This inspection is submitted and read-only; make a correction instead.</source>
        <translation>该检查已提交，只读；如需修改请做更正。</translation>
    </message>
    <message>
        <location filename="../../ui/words/inspection.py" line="72" />
        <source>This inspection already has a correction.</source>
        <translation>该检查已有更正版本。</translation>
    </message>
    <message>
        <location filename="../../ui/words/inspection.py" line="74" />
        <source>That reading is not in this kiosk's ledger.</source>
        <translation>本机账本中没有这个读数。</translation>
    </message>
    <message>
        <location filename="../../ui/words/inspection.py" line="75" />
        <source>That did not work: {why}</source>
        <translation>操作未成功：{why}</translation>
    </message>
    <message>
        <location filename="../../ui/words/inspection.py" line="79" />
        <source>Item {n} of {total} · {section}</source>
        <translation>第 {n}/{total} 项 · {section}</translation>
    </message>
    <message>
        <location filename="../../ui/words/inspection.py" line="85" />
        <source>Score {score} / 100</source>
        <translation>得分 {score} / 100</translation>
    </message>
    <message>
        <location filename="../../ui/words/inspection.py" line="97" />
        <source>Brix</source>
        <translation>糖度</translation>
    </message>
    <message>
        <location filename="../../ui/words/inspection.py" line="98" />
        <source>Pesticide inhibition</source>
        <translation>农残抑制率</translation>
    </message>
    <message>
        <location filename="../../ui/words/inspection.py" line="99" />
        <source>Weight</source>
        <translation>重量</translation>
    </message>
    <message>
        <location filename="../../ui/words/inspection.py" line="103" />
        <source>negative</source>
        <translation>阴性</translation>
    </message>
    <message>
        <location filename="../../ui/words/inspection.py" line="104" />
        <source>suspect</source>
        <translation>可疑</translation>
    </message>
    <message>
        <location filename="../../ui/words/inspection.py" line="105" />
        <source>POSITIVE</source>
        <translation>阳性</translation>
    </message>
    <message>
        <location filename="../../ui/words/inspection.py" line="106" />
        <source>invalid run</source>
        <translation>无效检测</translation>
    </message>
    <message>
        <location filename="../../ui/words/inspection.py" line="109" />
        <source>instrument</source>
        <translation>仪器</translation>
    </message>
    <message>
        <location filename="../../ui/words/inspection.py" line="111" />
        <source>manual entry</source>
        <translation>手工录入</translation>
    </message>
    <message>
        <location filename="../../ui/words/inspection.py" line="118" />
        <source>Put right: {item}</source>
        <translation>整改：{item}</translation>
    </message>
    <message>
        <location filename="../../ui/words/inspection.py" line="119" />
        <source>{action} (due {due})</source>
        <translation>{action}（期限 {due}）</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/pad.py" line="156" />
        <source>Draw on the photo to mark the problem, then keep it.</source>
        <translation>在照片上圈出问题，然后保存。</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/pad.py" line="167" />
        <source>Clear the mark</source>
        <translation>清除标记</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/pad.py" line="170" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/pad.py" line="173" />
        <source>Keep the photo</source>
        <translation>保存照片</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/pages.py" line="86" />
        <source>Unfinished inspections</source>
        <translation>未完成的检查</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/pages.py" line="91" />
        <source>Pick the supplier</source>
        <translation>选择供应商</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/pages.py" line="102" />
        <source>New supplier's name</source>
        <translation>新供应商名称</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/pages.py" line="103" />
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/pages.py" line="104" />
        <source>Add supplier</source>
        <translation>添加供应商</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/pages.py" line="114" />
        <source>Location note (warehouse, gate, field)</source>
        <translation>地点说明（仓库、门口、地块）</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/pages.py" line="121" />
        <source>Start inspection</source>
        <translation>开始检查</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/pages.py" line="141" />
        <source>Continue: {supplier} · {done}/{total} answered</source>
        <translation>继续：{supplier} · 已答 {done}/{total}</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/pages.py" line="199" />
        <source>Critical item</source>
        <translation>关键项</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/pages.py" line="220" />
        <source>Note (what you saw)</source>
        <translation>备注（看到的情况）</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/pages.py" line="225" />
        <source>Corrective action the supplier must take</source>
        <translation>供应商须采取的整改措施</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/pages.py" line="232" />
        <source>Take a photo</source>
        <translation>拍照</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/pages.py" line="236" />
        <source>Remove last photo</source>
        <translation>删除上一张照片</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/pages.py" line="247" />
        <source>Previous</source>
        <translation>上一项</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/pages.py" line="248" />
        <source>Next</source>
        <translation>下一项</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/pages.py" line="250" />
        <source>Samples</source>
        <translation>抽样检测</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/pages.py" line="254" />
        <location filename="../../ui/inspection/pages.py" line="356" />
        <source>Signatures</source>
        <translation>签名</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/pages.py" line="256" />
        <location filename="../../ui/inspection/pages.py" line="422" />
        <source>Review and submit</source>
        <translation>核对并提交</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/pages.py" line="288" />
        <source>A fail needs {need}.</source>
        <translation>不合格项需要{need}。</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/pages.py" line="325" />
        <source>Samples tested</source>
        <translation>抽样检测</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/pages.py" line="329" />
        <source>Test the samples now: each Brix and pesticide reading from the connected instruments is saved, signed and listed here.</source>
        <translation>现在检测样品：已连接仪器的每个糖度和农残读数都会保存、签名并列在这里。</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/pages.py" line="338" />
        <source>Product sampled (e.g. 小白菜)</source>
        <translation>抽检产品（如 小白菜）</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/pages.py" line="349" />
        <source>Back to the checklist</source>
        <translation>返回检查表</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/pages.py" line="351" />
        <source>Save the weight</source>
        <translation>保存重量</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/pages.py" line="355" />
        <source>Remove selected sample</source>
        <translation>删除选中的样品</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/pages.py" line="375" />
        <source>No samples yet.</source>
        <translation>还没有样品。</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/pages.py" line="400" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/pages.py" line="404" />
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/pages.py" line="407" />
        <source>Confirm signature</source>
        <translation>确认签名</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/pages.py" line="418" />
        <source>Back to the samples</source>
        <translation>返回抽样检测</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/pages.py" line="442" />
        <source>Signed</source>
        <translation>已签名</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/pages.py" line="445" />
        <source>Not signed yet</source>
        <translation>尚未签名</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/pages.py" line="474" />
        <source>Back to the signatures</source>
        <translation>返回签名</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/pages.py" line="478" />
        <source>Submit the inspection</source>
        <translation>提交检查</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/pages.py" line="501" />
        <source>A pesticide sample is positive: the inspection fails.</source>
        <translation>抽样农残阳性：整体判定不合格。</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/pages.py" line="505" />
        <source>Critical item failed: {item}</source>
        <translation>关键项不合格：{item}</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/pages.py" line="542" />
        <source>Correct it (new version)</source>
        <translation>更正（新版本）</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/pages.py" line="545" />
        <source>New inspection</source>
        <translation>新的检查</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/pages.py" line="563" />
        <source>{supplier} · version {version} · {score}</source>
        <translation>{supplier} · 第 {version} 版 · {score}</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/pages.py" line="568" />
        <source>Record hash: {hash}</source>
        <translation>记录哈希：{hash}</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/pages.py" line="580" />
        <source>Report: {n} page(s)</source>
        <translation>报告：共 {n} 页</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/pages.py" line="582" />
        <source>The report cannot be shown here (no pdftoppm).</source>
        <translation>此处无法显示报告（缺少 pdftoppm）。</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/screen.py" line="142" />
        <source>Inspection</source>
        <translation>飞行检查</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/screen.py" line="189" />
        <source>Supplier added: {name}</source>
        <translation>已添加供应商：{name}</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/screen.py" line="201" />
        <source>Resumed where you left off.</source>
        <translation>已从上次中断处继续。</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/screen.py" line="293" />
        <source>Supplier inspection</source>
        <translation>供应商飞行检查</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/screen.py" line="296" />
        <source>submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/screen.py" line="298" />
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/screen.py" line="301" />
        <source>{supplier} · version {version} · {state} · now {verdict}</source>
        <translation>{supplier} · 第 {version} 版 · {state} · 当前{verdict}</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/screen.py" line="387" />
        <source>The camera took no photo: {why}</source>
        <translation>摄像头没有拍到照片：{why}</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/screen.py" line="395" />
        <source>No camera is set up: write a note instead.</source>
        <translation>没有设置摄像头：请改写备注。</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/screen.py" line="408" />
        <source>The camera took no photo.</source>
        <translation>摄像头没有拍到照片。</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/screen.py" line="445" />
        <source>No stable weight from the scale yet.</source>
        <translation>秤还没有稳定的重量。</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/screen.py" line="480" />
        <source>Signed: {role}</source>
        <translation>已签名：{role}</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/screen.py" line="497" />
        <source>Submitted. It syncs when the network is back.</source>
        <translation>已提交，网络恢复后自动同步。</translation>
    </message>
    <message>
        <location filename="../../ui/inspection/screen.py" line="512" />
        <source>Correction started: a new version of the inspection.</source>
        <translation>已开始更正：这是检查的新版本。</translation>
    </message>
</context>
<context>
    <name>live</name>
    <message>
        <location filename="../../ui/live/screen.py" line="85" />
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location filename="../../ui/live/screen.py" line="89" />
        <source>Batch (optional)</source>
        <translation>批次（可不填）</translation>
    </message>
    <message>
        <location filename="../../ui/live/screen.py" line="93" />
        <location filename="../../ui/live/screen.py" line="260" />
        <source>Go live</source>
        <translation>开始直播检测</translation>
    </message>
    <message>
        <location filename="../../ui/live/screen.py" line="96" />
        <source>On-air window</source>
        <translation>直播画面窗口</translation>
    </message>
    <message>
        <location filename="../../ui/live/screen.py" line="99" />
        <source>Transparent</source>
        <translation>透明背景</translation>
    </message>
    <message>
        <location filename="../../ui/live/screen.py" line="156" />
        <source>Save the weight</source>
        <translation>保存重量</translation>
    </message>
    <message>
        <location filename="../../ui/live/screen.py" line="160" />
        <source>Print reading label</source>
        <translation>打印检测标签</translation>
    </message>
    <message>
        <location filename="../../ui/live/screen.py" line="176" />
        <source>Live test</source>
        <translation>直播检测</translation>
    </message>
    <message>
        <location filename="../../ui/live/screen.py" line="214" />
        <source>Nothing measured yet: there is no label to print.</source>
        <translation>还没有检测结果，没有可打印的标签。</translation>
    </message>
    <message>
        <location filename="../../ui/live/screen.py" line="227" />
        <source>The reading label is printing.</source>
        <translation>检测标签正在打印。</translation>
    </message>
    <message>
        <location filename="../../ui/live/screen.py" line="260" />
        <source>End live session</source>
        <translation>结束直播检测</translation>
    </message>
    <message>
        <location filename="../../ui/live/screen.py" line="293" />
        <source>Saved and signed: {value} · {verdict}</source>
        <translation>已保存并签名：{value} · {verdict}</translation>
    </message>
    <message>
        <location filename="../../ui/live/screen.py" line="299" />
        <source>The live session ended.</source>
        <translation>本场直播检测已结束。</translation>
    </message>
    <message>
        <location filename="../../ui/words/live.py" line="20" />
        <source>Low sweetness</source>
        <translation>甜度偏低</translation>
    </message>
    <message>
        <location filename="../../ui/words/live.py" line="21" />
        <source>Normal sweetness</source>
        <translation>甜度正常</translation>
    </message>
    <message>
        <location filename="../../ui/words/live.py" line="22" />
        <source>Good sweetness</source>
        <translation>甜度良</translation>
    </message>
    <message>
        <location filename="../../ui/words/live.py" line="23" />
        <source>Excellent sweetness</source>
        <translation>甜度优</translation>
    </message>
    <message>
        <location filename="../../ui/words/live.py" line="24" />
        <source>Negative</source>
        <translation>阴性</translation>
    </message>
    <message>
        <location filename="../../ui/words/live.py" line="25" />
        <source>Suspect: re-test</source>
        <translation>可疑 · 需复检</translation>
    </message>
    <message>
        <location filename="../../ui/words/live.py" line="26" />
        <source>POSITIVE: do not sell</source>
        <translation>阳性 · 禁止销售</translation>
    </message>
    <message>
        <location filename="../../ui/words/live.py" line="27" />
        <source>Invalid run: new control needed</source>
        <translation>无效 · 需重做对照</translation>
    </message>
    <message>
        <location filename="../../ui/words/live.py" line="32" />
        <source>Weighed</source>
        <translation>已称重</translation>
    </message>
    <message>
        <location filename="../../ui/words/live.py" line="33" />
        <source>No grade for this product</source>
        <translation>该产品无分级标准</translation>
    </message>
    <message>
        <location filename="../../ui/words/live.py" line="42" />
        <source>{value} °Brix</source>
        <translation>{value} °Brix</translation>
    </message>
    <message>
        <location filename="../../ui/words/live.py" line="45" />
        <source>Inhibition {value} %</source>
        <translation>农残抑制率 {value} %</translation>
    </message>
    <message>
        <location filename="../../ui/words/live.py" line="52" />
        <source>Scale: no weight yet</source>
        <translation>秤：暂无重量</translation>
    </message>
    <message>
        <location filename="../../ui/words/live.py" line="56" />
        <source>Scale: {weight} (stable)</source>
        <translation>秤：{weight}（稳定）</translation>
    </message>
    <message>
        <location filename="../../ui/words/live.py" line="57" />
        <source>Scale: {weight} (moving)</source>
        <translation>秤：{weight}（未稳定）</translation>
    </message>
    <message>
        <location filename="../../ui/words/live.py" line="65" />
        <source>{product} · batch {batch}</source>
        <translation>{product} · 批次 {batch}</translation>
    </message>
    <message>
        <location filename="../../ui/words/live.py" line="78" />
        <source>1 sample so far</source>
        <translation>目前 1 个样品</translation>
    </message>
    <message>
        <location filename="../../ui/words/live.py" line="80" />
        <source>n={n} · mean {mean} · spread ±{sd} ({low}–{high}) {unit}</source>
        <translation>n={n} · 平均 {mean} · 离散 ±{sd}（{low}–{high}）{unit}</translation>
    </message>
    <message>
        <location filename="../../ui/words/live.py" line="92" />
        <source>Verify code</source>
        <translation>验真码</translation>
    </message>
    <message>
        <location filename="../../ui/words/live.py" line="94" />
        <source>Manual entry (not signed)</source>
        <translation>手工录入（未签名）</translation>
    </message>
    <message>
        <location filename="../../ui/words/live.py" line="107" />
        <source>Pick or type the product before going live.</source>
        <translation>开始前请选择或输入产品。</translation>
    </message>
    <message>
        <location filename="../../ui/words/live.py" line="108" />
        <source>Log in first: every reading records who measured it.</source>
        <translation>请先登录：每条读数都要记录检测人。</translation>
    </message>
    <message>
        <location filename="../../ui/words/live.py" line="109" />
        <source>The instrument sent a reading that cannot be used; measure again.</source>
        <translation>仪器发来的读数无法使用，请重新测量。</translation>
    </message>
    <message>
        <location filename="../../ui/words/live.py" line="112" />
        <source>Go live first, then save the weight.</source>
        <translation>请先开始直播检测，再保存重量。</translation>
    </message>
    <message>
        <location filename="../../ui/words/live.py" line="113" />
        <source>The weight is still moving; wait for the scale to settle.</source>
        <translation>重量还在变化，请等秤稳定。</translation>
    </message>
    <message>
        <location filename="../../ui/words/live.py" line="116" />
        <source>This reading could not be saved; measure again.</source>
        <translation>这条读数未能保存，请重新测量。</translation>
    </message>
    <message>
        <location filename="../../ui/words/live.py" line="122" />
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <location filename="../../ui/words/live.py" line="147" />
        <source>Not live: pick the product and batch, then Go live.</source>
        <translation>未开始：选择产品和批次，然后点“开始直播检测”。</translation>
    </message>
    <message>
        <location filename="../../ui/words/live.py" line="149" />
        <source>Live session {id}: {n} reading(s) saved</source>
        <translation>直播检测 {id}：已保存 {n} 条读数</translation>
    </message>
    <message>
        <location filename="../../ui/words/live.py" line="157" />
        <source>OBS overlay: not running</source>
        <translation>OBS 叠加层：未运行</translation>
    </message>
    <message>
        <location filename="../../ui/words/live.py" line="158" />
        <source>OBS overlay (browser source): {url}</source>
        <translation>OBS 叠加层（浏览器源）：{url}</translation>
    </message>
</context>
<context>
    <name>orders</name>
    <message>
        <location filename="../../ui/orders/screen.py" line="62" />
        <source>Pickup code, phone tail, name, order number or bin</source>
        <translation>取货码、手机尾号、姓名、订单号或货位</translation>
    </message>
    <message>
        <location filename="../../ui/orders/screen.py" line="85" />
        <source>Print overdue list</source>
        <translation>打印滞留清单</translation>
    </message>
    <message>
        <location filename="../../ui/orders/screen.py" line="88" />
        <source>Mark all returned</source>
        <translation>全部标记退回</translation>
    </message>
    <message>
        <location filename="../../ui/orders/screen.py" line="106" />
        <source>Reason or note</source>
        <translation>原因或备注</translation>
    </message>
    <message>
        <location filename="../../ui/orders/screen.py" line="124" />
        <source>Reverse pickup</source>
        <translation>撤销取货</translation>
    </message>
    <message>
        <location filename="../../ui/orders/screen.py" line="127" />
        <source>Mark returned</source>
        <translation>标记退回</translation>
    </message>
    <message>
        <location filename="../../ui/orders/screen.py" line="130" />
        <source>Reprint</source>
        <translation>重打小票</translation>
    </message>
    <message>
        <location filename="../../ui/orders/screen.py" line="133" />
        <source>Report issue</source>
        <translation>上报问题</translation>
    </message>
    <message>
        <location filename="../../ui/orders/screen.py" line="136" />
        <source>Settle conflict</source>
        <translation>处理冲突</translation>
    </message>
    <message>
        <location filename="../../ui/orders/screen.py" line="150" />
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../ui/orders/screen.py" line="194" />
        <source>{bin}  ·  tail {tail}  ·  {days} days  ·  {order}</source>
        <translation>{bin}  ·  尾号 {tail}  ·  {days} 天  ·  {order}</translation>
    </message>
    <message>
        <location filename="../../ui/orders/screen.py" line="196" />
        <source>{order}  ·  {status}  ·  {bin}  ·  {name} {tail}</source>
        <translation>{order}  ·  {status}  ·  {bin}  ·  {name} {tail}</translation>
    </message>
    <message>
        <location filename="../../ui/orders/screen.py" line="214" />
        <source>No order matches.</source>
        <translation>没有匹配的订单。</translation>
    </message>
    <message>
        <location filename="../../ui/orders/screen.py" line="238" />
        <source>Search, then tap an order.</source>
        <translation>先搜索，再点一个订单。</translation>
    </message>
    <message>
        <location filename="../../ui/orders/screen.py" line="244" />
        <source>{order} · {status} · bin {bin}</source>
        <translation>{order} · {status} · 货位 {bin}</translation>
    </message>
    <message>
        <location filename="../../ui/orders/screen.py" line="250" />
        <source>overdue {days} days</source>
        <translation>滞留 {days} 天</translation>
    </message>
    <message>
        <location filename="../../ui/orders/screen.py" line="257" />
        <source>(picked {n})</source>
        <translation>（已取 {n}）</translation>
    </message>
    <message>
        <location filename="../../ui/orders/screen.py" line="265" />
        <source>team leader {name}</source>
        <translation>团长 {name}</translation>
    </message>
    <message>
        <location filename="../../ui/orders/screen.py" line="269" />
        <source>{when}  {what}  ·  {who}  ·  {device}</source>
        <translation>{when}  {what}  ·  {who}  ·  {device}</translation>
    </message>
    <message>
        <location filename="../../ui/words/orders.py" line="17" />
        <source>not arrived</source>
        <translation>未到货</translation>
    </message>
    <message>
        <location filename="../../ui/words/orders.py" line="18" />
        <source>ready</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../ui/words/orders.py" line="19" />
        <source>partly picked up</source>
        <translation>已部分取走</translation>
    </message>
    <message>
        <location filename="../../ui/words/orders.py" line="20" />
        <source>picked up</source>
        <translation>已取货</translation>
    </message>
    <message>
        <location filename="../../ui/words/orders.py" line="21" />
        <source>handed over</source>
        <translation>已交接</translation>
    </message>
    <message>
        <location filename="../../ui/words/orders.py" line="22" />
        <source>overdue</source>
        <translation>滞留</translation>
    </message>
    <message>
        <location filename="../../ui/words/orders.py" line="23" />
        <source>returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <location filename="../../ui/words/orders.py" line="24" />
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../ui/words/orders.py" line="25" />
        <source>refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <location filename="../../ui/words/orders.py" line="27" />
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../ui/words/orders.py" line="32" />
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../ui/words/orders.py" line="33" />
        <source>Ready</source>
        <translation>待取</translation>
    </message>
    <message>
        <location filename="../../ui/words/orders.py" line="34" />
        <source>Overdue</source>
        <translation>滞留</translation>
    </message>
    <message>
        <location filename="../../ui/words/orders.py" line="35" />
        <source>Picked up today</source>
        <translation>今日已取</translation>
    </message>
    <message>
        <location filename="../../ui/words/orders.py" line="36" />
        <source>Handed over</source>
        <translation>已交接</translation>
    </message>
    <message>
        <location filename="../../ui/words/orders.py" line="37" />
        <source>Issues</source>
        <translation>有问题</translation>
    </message>
    <message>
        <location filename="../../ui/words/orders.py" line="38" />
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location filename="../../ui/words/orders.py" line="51" />
        <source>Checked in with delivery {batch}, bin {bin}</source>
        <translation>随批次 {batch} 签收，货位 {bin}</translation>
    </message>
    <message>
        <location filename="../../ui/words/orders.py" line="53" />
        <source>Missing from delivery {batch}</source>
        <translation>批次 {batch} 中缺失</translation>
    </message>
    <message>
        <location filename="../../ui/words/orders.py" line="55" />
        <source>Picked up</source>
        <translation>已取货</translation>
    </message>
    <message>
        <location filename="../../ui/words/orders.py" line="56" />
        <source>Pickup reversed: {reason}</source>
        <translation>撤销取货：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/words/orders.py" line="57" />
        <source>Handed to team leader {leader} ({by})</source>
        <translation>已交给团长 {leader}（{by}）</translation>
    </message>
    <message>
        <location filename="../../ui/words/orders.py" line="58" />
        <source>Issue reported: {kind} {qty} {note}</source>
        <translation>上报问题：{kind} {qty} {note}</translation>
    </message>
    <message>
        <location filename="../../ui/words/orders.py" line="59" />
        <source>Marked overdue after {days} days</source>
        <translation>超过 {days} 天，标记为滞留</translation>
    </message>
    <message>
        <location filename="../../ui/words/orders.py" line="60" />
        <source>Returned to the warehouse {reason}</source>
        <translation>已退回仓库 {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/words/orders.py" line="61" />
        <source>Sync conflict settled</source>
        <translation>同步冲突已处理</translation>
    </message>
    <message>
        <location filename="../../ui/words/orders.py" line="63" />
        <source>Recorded: {action}</source>
        <translation>已记录：{action}</translation>
    </message>
    <message>
        <location filename="../../ui/words/orders.py" line="74" />
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <location filename="../../ui/words/orders.py" line="75" />
        <source>damaged</source>
        <translation>破损</translation>
    </message>
    <message>
        <location filename="../../ui/words/orders.py" line="76" />
        <source>quality</source>
        <translation>质量问题</translation>
    </message>
    <message>
        <location filename="../../ui/words/orders.py" line="77" />
        <source>wrong item</source>
        <translation>发错货</translation>
    </message>
    <message>
        <location filename="../../ui/words/orders.py" line="87" />
        <source>Done.</source>
        <translation>已完成。</translation>
    </message>
    <message>
        <location filename="../../ui/words/orders.py" line="88" />
        <source>You may not do this: ask a manager.</source>
        <translation>你没有这个权限：请找店长。</translation>
    </message>
    <message>
        <location filename="../../ui/words/orders.py" line="89" />
        <source>There is no such order at this store.</source>
        <translation>本店没有这个订单。</translation>
    </message>
    <message>
        <location filename="../../ui/words/orders.py" line="90" />
        <source>Type the reason first.</source>
        <translation>请先填写原因。</translation>
    </message>
    <message>
        <location filename="../../ui/words/orders.py" line="91" />
        <source>There is no pickup to reverse: the order is {status}.</source>
        <translation>没有可撤销的取货：订单{status}。</translation>
    </message>
    <message>
        <location filename="../../ui/words/orders.py" line="94" />
        <source>Too late to reverse: a pickup can only be reversed within {minutes} minutes. Report an issue instead.</source>
        <translation>太晚了，不能撤销：取货只能在 {minutes} 分钟内撤销。请改为上报问题。</translation>
    </message>
    <message>
        <location filename="../../ui/words/orders.py" line="100" />
        <source>Order {order} is not overdue (it is {status}): it stays on the shelf.</source>
        <translation>订单 {order} 没有滞留（它{status}）：继续留在货架上。</translation>
    </message>
    <message>
        <location filename="../../ui/words/orders.py" line="103" />
        <source>There is no printer set up.</source>
        <translation>没有设置打印机。</translation>
    </message>
    <message>
        <location filename="../../ui/words/orders.py" line="104" />
        <source>No receipt: the order is {status}.</source>
        <translation>没有小票：订单{status}。</translation>
    </message>
    <message>
        <location filename="../../ui/words/orders.py" line="105" />
        <source>Choose what is wrong and a quantity.</source>
        <translation>请选择问题类型和数量。</translation>
    </message>
    <message>
        <location filename="../../ui/words/orders.py" line="106" />
        <source>That sync problem was already settled.</source>
        <translation>这个同步问题已经处理过了。</translation>
    </message>
    <message>
        <location filename="../../ui/words/orders.py" line="107" />
        <source>A conflict is already on the platform: settle it, do not send it again.</source>
        <translation>冲突记录已在平台上：请处理它，不要重新发送。</translation>
    </message>
    <message>
        <location filename="../../ui/words/orders.py" line="110" />
        <source>The kiosk refused this: nothing was changed.</source>
        <translation>本机拒绝了这个操作：没有任何改动。</translation>
    </message>
</context>
<context>
    <name>pickup</name>
    <message>
        <location filename="../../ui/words/verdicts.py" line="68" />
        <source>unknown time</source>
        <translation>时间不详</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="96" />
        <source>Scan the customer's pickup code</source>
        <translation>请扫描顾客的取货码</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="98" />
        <source>Checking…</source>
        <translation>正在核验…</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="101" />
        <source>Pickup undone: put the goods back on the shelf</source>
        <translation>已撤销取货：请把商品放回货架</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="104" />
        <source>Handed out: {n} orders</source>
        <translation>已交付 {n} 单</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="106" />
        <source>Picked up: hand over the bag</source>
        <translation>取货成功：请把货交给顾客</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="108" />
        <source>Not handed out</source>
        <translation>未交付</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="110" />
        <source>Several orders match: choose one</source>
        <translation>有多个订单匹配：请选择一个</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="118" />
        <source>No such code</source>
        <translation>没有这个取货码</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="120" />
        <source>No order for this phone number</source>
        <translation>该手机尾号没有待取订单</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="122" />
        <source>Genuine code, order not synced yet</source>
        <translation>取货码有效，订单尚未同步</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="123" />
        <source>Order not found</source>
        <translation>找不到订单</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="125" />
        <source>Ready: hand it out</source>
        <translation>可以取货：请交付</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="126" />
        <source>Partly picked up: hand out the rest</source>
        <translation>已部分取货：交付剩余商品</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="127" />
        <source>ALREADY PICKED UP: do not hand out again</source>
        <translation>已经取过了：不要再次交付</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="130" />
        <location filename="../../ui/words/verdicts.py" line="417" />
        <source>Not arrived yet</source>
        <translation>商品尚未到店</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="131" />
        <location filename="../../ui/words/verdicts.py" line="419" />
        <source>Given to the team leader</source>
        <translation>已交给团长</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="132" />
        <source>Cancelled or refunded: do not hand out</source>
        <translation>已取消或已退款：不要交付</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="133" />
        <location filename="../../ui/words/verdicts.py" line="414" />
        <source>Not an order of this store</source>
        <translation>不是本店的订单</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="134" />
        <location filename="../../ui/words/verdicts.py" line="418" />
        <source>Code expired</source>
        <translation>取货码已过期</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="135" />
        <source>NOT A GENUINE CODE: do not hand out</source>
        <translation>取货码无效（伪造）：不要交付</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="136" />
        <source>Code from an unknown key</source>
        <translation>未知密钥签发的取货码</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="137" />
        <location filename="../../ui/words/verdicts.py" line="139" />
        <source>Not a pickup code</source>
        <translation>这不是取货码</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="155" />
        <source>Overdue on the shelf: hand it out and remind the customer to come earlier.</source>
        <translation>已滞留超期：可以交付，并提醒顾客尽早来取。</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="161" />
        <source>It was refunded.</source>
        <translation>该订单已退款。</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="163" />
        <source>It was returned to the warehouse.</source>
        <translation>该订单已退回仓库。</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="169" />
        <source>Picked up at {at} by {staff} on device {device}.</source>
        <translation>已于 {at} 由 {staff} 在设备 {device} 上交付。</translation>
    </message>
    <message>
        <source>another kiosk</source>
        <translation type="vanished">另一台终端</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="178" />
        <source>Picked up at {at} (on another kiosk; the record came by sync).</source>
        <translation>已于 {at} 取货（在其他终端，记录来自同步）。</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="185" />
        <source>Ask the customer whether someone else collected it; do not hand out anything.</source>
        <translation>问顾客是否已有他人代取；不要交付任何商品。</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="193" />
        <source>The first part went out at {at} ({staff}).</source>
        <translation>第一部分已于 {at} 交付（{staff}）。</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="201" />
        <source>Handed to team leader {leader} ({community}) at {at}.</source>
        <translation>已于 {at} 交给团长 {leader}（{community}）。</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="207" />
        <source>Tell the customer to collect it from their team leader.</source>
        <translation>请告诉顾客找团长领取。</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="210" />
        <source>This order belongs to store {store}.</source>
        <translation>这个订单属于门店 {store}。</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="211" />
        <source>Send the customer to that store; hand out nothing here.</source>
        <translation>请让顾客去那家店取货；本店不要交付。</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="213" />
        <source>The customer can check the refund in the app.</source>
        <translation>顾客可以在小程序里查看退款。</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="217" />
        <source>Expected: {at}.</source>
        <translation>预计到货：{at}。</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="219" />
        <source>The delivery has not been checked in yet.</source>
        <translation>这批货还没有签收入库。</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="222" />
        <source>Tell the customer: the order is on its way; the app says when it is ready.</source>
        <translation>请告诉顾客：订单正在配送，到货后小程序会通知。</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="229" />
        <source>Tell the customer to refresh the pickup code in the app, or type the 6-digit code.</source>
        <translation>请顾客在小程序里刷新取货码，或输入6位取货码。</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="237" />
        <source>The signature check failed. Ask for the 6-digit code and check the customer's app.</source>
        <translation>签名校验失败。请顾客报6位取货码，并查看顾客的小程序。</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="244" />
        <source>Sync the kiosk, or type the customer's 6-digit code.</source>
        <translation>请同步终端，或输入顾客的6位取货码。</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="253" />
        <source>{count} orders for a phone ending in {tail}: tap the customer's order.</source>
        <translation>手机尾号 {tail} 有 {count} 单：请点选顾客的订单。</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="262" />
        <source>Tap the customer's order in the list.</source>
        <translation>请在列表中点选顾客的订单。</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="268" />
        <source>The scan came in as Chinese characters: switch the scanner or keyboard to English input and scan again.</source>
        <translation>扫到的是中文字符：请把扫码枪或键盘切换到英文输入后重扫。</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="273" />
        <source>The scan looks garbled (keyboard layout or Caps Lock): check the scanner's keyboard setting and scan again.</source>
        <translation>扫码内容是乱码（键盘布局或大写锁定）：请检查扫码枪的键盘设置后重扫。</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="278" />
        <source>Nothing was scanned: scan again.</source>
        <translation>没有扫到内容：请重新扫码。</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="279" />
        <source>Type the 6-digit pickup code or the last 4 digits of the phone.</source>
        <translation>请输入6位取货码或手机后4位。</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="285" />
        <source>Scan the customer's pickup QR code again, or type the 6-digit code.</source>
        <translation>请重新扫描顾客的取货二维码，或输入6位取货码。</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="296" />
        <source>No order at this store has the code {code}. Check the digits with the customer.</source>
        <translation>本店没有取货码为 {code} 的订单。请与顾客核对数字。</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="307" />
        <source>No order waits on the shelf for a phone ending in {tail}.</source>
        <translation>货架上没有手机尾号为 {tail} 的待取订单。</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="312" />
        <source>Ask for the 6-digit code.</source>
        <translation>请顾客报6位取货码。</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="314" />
        <source>The code is genuine, but this kiosk has not received the order yet (not synced).</source>
        <translation>取货码是真的，但本终端还没有收到这个订单（尚未同步）。</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="321" />
        <source>You may serve it provisionally: the items are unknown here, so check the bag label and the customer's app before handing out.</source>
        <translation>可以先行交付：本终端不知道商品明细，交付前请核对袋上标签和顾客的小程序。</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="330" />
        <source>Store policy: do not serve it now. Ask the customer to come back after the next sync, or call the manager.</source>
        <translation>门店规定：现在不能交付。请顾客在下次同步后再来，或联系店长。</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="354" />
        <source>Bin {bin}: {items}</source>
        <translation>货架 {bin}：{items}</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="360" />
        <source>Receipt: printing.</source>
        <translation>小票：正在打印。</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="361" />
        <source>Receipt: could not be queued; the pickup is saved. Use Reprint.</source>
        <translation>小票：未能加入打印队列；取货已保存。请点补打小票。</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="364" />
        <source>Receipt: tap Reprint if the customer wants one.</source>
        <translation>小票：顾客需要时请点补打小票。</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="365" />
        <source>Receipt: not printed (store setting).</source>
        <translation>小票：不打印（门店设置）。</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="378" />
        <source>The order changed since it was shown (another scan, sync or kiosk). Nothing was handed out: scan it again.</source>
        <translation>订单在显示后已变化（其他扫码、同步或终端）。没有交付任何商品：请重新扫码。</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="384" />
        <source>The screen shows another order now. Nothing was handed out.</source>
        <translation>屏幕上已经是另一个订单。没有交付任何商品。</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="386" />
        <source>You may not do this (role or login). Log in as a clerk or ask the manager.</source>
        <translation>您没有权限（角色或未登录）。请以店员身份登录或联系店长。</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="390" />
        <source>This order cannot be handed out in its current state. Scan it again to see why.</source>
        <translation>该订单当前状态不能交付。请重新扫码查看原因。</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="395" />
        <source>That did not work. Scan again or ask the manager.</source>
        <translation>操作没有成功。请重新扫码或联系店长。</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="396" />
        <source>Something went wrong. Scan again.</source>
        <translation>出错了。请重新扫码。</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="403" />
        <source>Pickup complete</source>
        <translation>取货成功</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="409" />
        <source>Please choose the order</source>
        <translation>请选择订单</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="411" />
        <source>Shelf {bin}</source>
        <translation>货架 {bin}</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="413" />
        <source>Already picked up</source>
        <translation>已经取过了</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="415" />
        <source>Invalid code</source>
        <translation>无效取货码</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="416" />
        <source>Order cancelled</source>
        <translation>订单已取消</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="421" />
        <source>Please scan again</source>
        <translation>请重新扫码</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="427" />
        <source>Scanner problem: it types with another keyboard layout. Set the scanner to US keyboard.</source>
        <translation>扫码枪问题：键盘布局不对。请把扫码枪设为美式键盘。</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="432" />
        <source>Scanner problem: a Chinese input method changed the characters. Switch the input to English.</source>
        <translation>扫码枪问题：中文输入法改变了字符。请切换到英文输入。</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="437" />
        <source>Scanner problem: Chinese input mode is on. Switch the input to English.</source>
        <translation>扫码枪问题：当前是中文输入法。请切换到英文输入。</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="440" />
        <source>Scanner problem: the code arrived cut short. Scan again, a little slower.</source>
        <translation>扫码枪问题：码不完整。请稍慢一点重新扫码。</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="443" />
        <source>Scanner problem: unreadable characters arrived. Check the scanner's settings.</source>
        <translation>扫码枪问题：收到无法识别的字符。请检查扫码枪设置。</translation>
    </message>
    <message>
        <location filename="../../ui/words/verdicts.py" line="448" />
        <source>Scanner problem: scan again.</source>
        <translation>扫码枪问题：请重新扫码。</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/dialogs.py" line="32" />
        <source>Undo the pickup</source>
        <translation>撤销取货</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/dialogs.py" line="35" />
        <source>Why is the pickup undone?</source>
        <translation>为什么撤销这次取货？</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/dialogs.py" line="39" />
        <source>Wrong bag handed out</source>
        <translation>交错了袋子</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/dialogs.py" line="40" />
        <source>Customer did not take it</source>
        <translation>顾客没有拿走</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/dialogs.py" line="41" />
        <source>Confirmed by mistake</source>
        <translation>误点确认</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/dialogs.py" line="47" />
        <source>Or type the reason</source>
        <translation>或输入原因</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/dialogs.py" line="52" />
        <source>Undo with this reason</source>
        <translation>按此原因撤销</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/dialogs.py" line="57" />
        <source>Keep the pickup</source>
        <translation>保留取货记录</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/dialogs.py" line="85" />
        <source>Missing</source>
        <translation>缺货</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/dialogs.py" line="86" />
        <source>Damaged</source>
        <translation>破损</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/dialogs.py" line="87" />
        <source>Quality</source>
        <translation>质量问题</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/dialogs.py" line="88" />
        <source>Wrong item</source>
        <translation>错发商品</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/dialogs.py" line="104" />
        <source>Report an issue</source>
        <translation>报告问题</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/dialogs.py" line="127" />
        <source>Note (optional)</source>
        <translation>备注（可不填）</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/dialogs.py" line="130" />
        <source>Take a photo</source>
        <translation>拍照</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/dialogs.py" line="135" />
        <source>Save the issue</source>
        <translation>保存问题</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/dialogs.py" line="138" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/dialogs.py" line="167" />
        <source>Photo taken</source>
        <translation>已拍照</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/dialogs.py" line="169" />
        <source>No camera: saved without a photo</source>
        <translation>没有摄像头：不带照片保存</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/pad.py" line="29" />
        <source>Code or phone tail</source>
        <translation>取货码或手机尾号</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/pad.py" line="52" />
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/pad.py" line="65" />
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/screen.py" line="100" />
        <source>Matching orders</source>
        <translation>匹配的订单</translation>
    </message>
    <message>
        <source>Hand out and confirm (Enter)</source>
        <translation type="vanished">交付并确认（回车）</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/screen.py" line="115" />
        <source>Hand out (Enter)</source>
        <translation>交付并确认（回车）</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/screen.py" line="127" />
        <location filename="../../ui/pickup/screen.py" line="426" />
        <source>Hand out all</source>
        <translation>全部交付</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/screen.py" line="134" />
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/screen.py" line="137" />
        <source>Reprint receipt</source>
        <translation>补打小票</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/screen.py" line="144" />
        <source>Next customer (Esc)</source>
        <translation>下一位（Esc）</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/screen.py" line="156" />
        <source>Pickup</source>
        <translation>取货</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/screen.py" line="396" />
        <source>This customer has {n} more ready: {bins}</source>
        <translation>该顾客还有 {n} 单待取：{bins}</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/screen.py" line="424" />
        <source>Hand out all ({n})</source>
        <translation>全部交付（{n}单）</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/screen.py" line="457" />
        <source>{name} · bin {bin} · {n} items</source>
        <translation>{name} · 货架 {bin} · {n} 件</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/verdict.py" line="74" />
        <source>Issue</source>
        <translation>报问题</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/verdict.py" line="102" />
        <source>{qty}{unit} out</source>
        <translation>已取 {qty}{unit}</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/verdict.py" line="105" />
        <source>{chosen}/{left}{unit} ({out} out)</source>
        <translation>{chosen}/{left}{unit}（已取 {out}）</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/verdict.py" line="206" />
        <source>Customer: {name}
Phone ends in: {tail}
Code: {code}</source>
        <translation>顾客：{name}
手机尾号：{tail}
取货码：{code}</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/self_service.py" line="48" />
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/self_service.py" line="112" />
        <source>Show your pickup code to the camera</source>
        <translation>请出示您的取货码</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/self_service.py" line="119" />
        <source>Hold the QR code in the app up to the camera, about 20 cm away</source>
        <translation>请把小程序里的取货二维码对准摄像头，距离约20厘米</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/self_service.py" line="151" />
        <source>Your order is at shelf</source>
        <translation>您的商品在货架</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/self_service.py" line="153" />
        <source>Thank you! Take your bag from the shelf.</source>
        <translation>谢谢！请到货架取走您的商品。</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/self_service.py" line="159" />
        <source>Please see the staff at the counter</source>
        <translation>请到柜台找工作人员</translation>
    </message>
    <message>
        <location filename="../../ui/pickup/self_service.py" line="187" />
        <source>Wrong PIN.</source>
        <translation>密码不对。</translation>
    </message>
</context>
<context>
    <name>placeholders</name>
    <message>
        <location filename="../../ui/shell/placeholders.py" line="13" />
        <source>Pickup</source>
        <translation>取货</translation>
    </message>
    <message>
        <location filename="../../ui/shell/placeholders.py" line="14" />
        <source>Check-in</source>
        <translation>到货</translation>
    </message>
    <message>
        <location filename="../../ui/shell/placeholders.py" line="15" />
        <source>Handover</source>
        <translation>交接</translation>
    </message>
    <message>
        <location filename="../../ui/shell/placeholders.py" line="16" />
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../ui/shell/placeholders.py" line="17" />
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <location filename="../../ui/shell/placeholders.py" line="18" />
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../ui/shell/placeholders.py" line="19" />
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../../ui/shell/placeholders.py" line="20" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/shell/placeholders.py" line="43" />
        <source>This screen is coming soon.</source>
        <translation>这个页面即将推出。</translation>
    </message>
</context>
<context>
    <name>run_app</name>
    <message>
        <location filename="../../ui/app.py" line="195" />
        <source>Linli Kiosk is already running on this computer: use the open window.</source>
        <translation>邻里自提点已经在这台电脑上运行了：请使用已打开的窗口。</translation>
    </message>
</context>
<context>
    <name>settings</name>
    <message>
        <location filename="../../ui/settings/words.py" line="13" />
        <source>Screen and sound</source>
        <translation>屏幕和声音</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="14" />
        <source>Receipt printer</source>
        <translation>小票打印机</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="15" />
        <source>Scanners</source>
        <translation>扫码设备</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="16" />
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="17" />
        <source>Scales and instruments</source>
        <translation>秤和检测仪器</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="18" />
        <source>Central platform</source>
        <translation>中心平台</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="19" />
        <source>Pickup rules</source>
        <translation>取货规则</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="20" />
        <source>Check-in: cold chain and bins</source>
        <translation>到货：冷链和货位</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="21" />
        <source>Live test: OBS overlay</source>
        <translation>直播检测：OBS 叠加层</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="28" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="29" />
        <source>Kiosk mode (fullscreen, a manager PIN leaves it)</source>
        <translation>全屏模式（凭店长密码退出）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="32" />
        <source>Lock after this many idle minutes (0: never)</source>
        <translation>无操作多少分钟后锁屏（0：不锁）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="35" />
        <source>Self-service: the customer scans at the camera</source>
        <translation>自助模式：顾客对着摄像头扫码</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="38" />
        <source>A sound for each result</source>
        <translation>每种结果播放提示音</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="39" />
        <source>Spoken prompts</source>
        <translation>语音播报</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="40" />
        <source>Volume (0 to 100)</source>
        <translation>音量（0 到 100）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="41" />
        <source>Printer address (tcp://192.168.1.50:9100, usb:…)</source>
        <translation>打印机地址（tcp://192.168.1.50:9100、usb:…）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="44" />
        <source>Paper width</source>
        <translation>纸宽</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="45" />
        <source>Chinese text</source>
        <translation>中文打印方式</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="46" />
        <source>Print a receipt</source>
        <translation>打印小票</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="47" />
        <source>Longest pause inside one scan (ms)</source>
        <translation>一次扫码内最长停顿（毫秒）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="48" />
        <source>Shortest scan (characters)</source>
        <translation>最短扫码长度（字符）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="49" />
        <source>Scanner sends no Enter: a pause ends the scan (ms, 0: off)</source>
        <translation>扫码枪不发回车：停顿多久算扫完（毫秒，0：关闭）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="52" />
        <source>Same code again within (seconds) is one scan</source>
        <translation>多少秒内重复的码算同一次（秒）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="55" />
        <source>Serial scanner port (/dev/ttyACM0, COM3)</source>
        <translation>串口扫码枪端口（/dev/ttyACM0、COM3）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="58" />
        <source>Camera (0, 1… or a stream address)</source>
        <translation>摄像头（0、1… 或视频流地址）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="59" />
        <source>Show the camera picture</source>
        <translation>显示摄像头画面</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="60" />
        <source>Instruments</source>
        <translation>仪器</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="61" />
        <source>Platform address (https://…)</source>
        <translation>平台地址（https://…）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="62" />
        <source>Undo a pickup within (minutes)</source>
        <translation>多少分钟内可撤销取货（分钟）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="63" />
        <source>Genuine code, order not synced yet</source>
        <translation>取货码有效，订单尚未同步</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="64" />
        <source>Overdue after (days)</source>
        <translation>超过多少天算逾期（天）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="65" />
        <source>Chilled goods: lowest temperature (°C)</source>
        <translation>冷藏商品：最低温度（°C）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="66" />
        <source>Chilled goods: highest temperature (°C)</source>
        <translation>冷藏商品：最高温度（°C）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="67" />
        <source>Frozen goods: lowest temperature (°C)</source>
        <translation>冷冻商品：最低温度（°C）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="68" />
        <source>Frozen goods: highest temperature (°C)</source>
        <translation>冷冻商品：最高温度（°C）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="69" />
        <source>Bags per bin before the next bin is used</source>
        <translation>每个货位放几袋后换下一个货位</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="70" />
        <source>Overlay address (127.0.0.1: this PC only; 0.0.0.0: the shop's network)</source>
        <translation>叠加层地址（127.0.0.1：仅本机；0.0.0.0：店内网络）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="73" />
        <source>Overlay port (8790)</source>
        <translation>叠加层端口（8790）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="74" />
        <source>Overlay password (token; needed for the shop's network)</source>
        <translation>叠加层密码（令牌；店内网络访问时必填）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="85" />
        <source>58 mm</source>
        <translation>58 毫米</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="86" />
        <source>80 mm</source>
        <translation>80 毫米</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="87" />
        <source>The printer's own Chinese font</source>
        <translation>打印机自带中文字库</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="88" />
        <source>Drawn as a picture (any printer)</source>
        <translation>以图片打印（任何打印机都行）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="91" />
        <source>Always</source>
        <translation>总是</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="92" />
        <source>Ask each time</source>
        <translation>每次询问</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="93" />
        <source>Never</source>
        <translation>从不</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="94" />
        <source>Do not hand out; come back later</source>
        <translation>不发货，请顾客稍后再来</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="97" />
        <source>Hand out provisionally, check the items</source>
        <translation>先临时发货，核对商品</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="108" />
        <source>The settings file</source>
        <translation>设置文件</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="111" />
        <source>%1: use a number from %2 to %3.</source>
        <translation>%1：请填 %2 到 %3 之间的数字。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="118" />
        <source>%1: this is not a valid value here.</source>
        <translation>%1：这个值不能用在这里。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="119" />
        <source>%1: pick one of the offered choices.</source>
        <translation>%1：请从给出的选项中选一个。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="120" />
        <source>%1: start with tcp://, usb:, serial: or file:.</source>
        <translation>%1：请以 tcp://、usb:、serial: 或 file: 开头。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="121" />
        <source>%1: start with http:// or https://.</source>
        <translation>%1：请以 http:// 或 https:// 开头。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="122" />
        <source>%1: a camera number (0, 1…) or an address with ://.</source>
        <translation>%1：填摄像头编号（0、1…）或带 :// 的地址。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="125" />
        <source>%1: each instrument needs a name, a protocol and a port.</source>
        <translation>%1：每台仪器都要填名称、协议和端口。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="128" />
        <source>%1: this setting is not known and was ignored.</source>
        <translation>%1：不认识这个设置项，已忽略。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="129" />
        <source>%1 could not be read; the defaults are used until it is saved again.</source>
        <translation>%1读取失败；重新保存之前使用默认设置。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="132" />
        <source>%1: must be above the lowest temperature of the same goods.</source>
        <translation>%1：必须高于同类商品的最低温度。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="135" />
        <source>%1: an address like 127.0.0.1, 0.0.0.0 or 192.168.1.20, without http://.</source>
        <translation>%1：填写 127.0.0.1、0.0.0.0 或 192.168.1.20 这样的地址，不要加 http://。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="138" />
        <source>%1: an overlay other PCs can reach needs a password: type a long word with no spaces.</source>
        <translation>%1：其他电脑能访问的叠加层需要密码：请输入一串较长、不含空格的字符。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="148" />
        <source>Enrolled: this kiosk now syncs with the platform as store %1.</source>
        <translation>注册成功：本机以门店 %1 的身份与平台同步。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="151" />
        <source>Enter the platform address first.</source>
        <translation>请先填写平台地址。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="152" />
        <source>Enter the enrollment code the platform gave you.</source>
        <translation>请输入平台给的注册码。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="155" />
        <source>Enrolling…</source>
        <translation>正在注册…</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="156" />
        <source>Enrollment is not available in this build.</source>
        <translation>此版本不能注册。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="163" />
        <source>Saved. Device changes take effect at the next start of the kiosk.</source>
        <translation>已保存。设备相关的修改在下次启动时生效。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/words.py" line="166" />
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>shell</name>
    <message>
        <location filename="../../ui/shell/words.py" line="14" />
        <source>Clerk</source>
        <translation>店员</translation>
    </message>
    <message>
        <location filename="../../ui/shell/words.py" line="15" />
        <source>Manager</source>
        <translation>店长</translation>
    </message>
    <message>
        <location filename="../../ui/shell/words.py" line="16" />
        <source>Group leader</source>
        <translation>团长</translation>
    </message>
    <message>
        <location filename="../../ui/shell/words.py" line="17" />
        <source>Host</source>
        <translation>主理人</translation>
    </message>
    <message>
        <location filename="../../ui/shell/words.py" line="18" />
        <source>Inspector</source>
        <translation>质检员</translation>
    </message>
    <message>
        <location filename="../../ui/shell/words.py" line="20" />
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <location filename="../../ui/shell/words.py" line="31" />
        <source>Wrong PIN.</source>
        <translation>密码不对。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/words.py" line="32" />
        <source>Wrong PIN: %1 more tries before a short lock.</source>
        <translation>密码不对：再错 %1 次将暂时锁定。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/words.py" line="37" />
        <source>Too many wrong PINs: locked for %1 min. Wait, or ask a manager.</source>
        <translation>密码错误次数太多：已锁定 %1 分钟。请稍等，或找店长。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/words.py" line="41" />
        <source>This badge is not known here: log in with your PIN.</source>
        <translation>不认识这张工牌：请用密码登录。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/words.py" line="43" />
        <source>No PIN is set for this person: ask a manager.</source>
        <translation>此人还没有设置密码：请找店长。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/words.py" line="45" />
        <source>Only a manager can do this.</source>
        <translation>只有店长可以操作。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/words.py" line="46" />
        <source>Unknown staff member or wrong PIN.</source>
        <translation>员工不存在或密码不对。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/words.py" line="55" />
        <source>Version %1, build %2</source>
        <translation>版本 %1，构建 %2</translation>
    </message>
    <message>
        <location filename="../../ui/shell/statusbar.py" line="153" />
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>shift</name>
    <message>
        <location filename="../../ui/shift/screen.py" line="49" />
        <source>Close the shift and print</source>
        <translation>交班并打印</translation>
    </message>
    <message>
        <location filename="../../ui/shift/screen.py" line="56" />
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <location filename="../../ui/shift/screen.py" line="95" />
        <source>Shift since {time}</source>
        <translation>本班次开始于 {time}</translation>
    </message>
    <message>
        <location filename="../../ui/words/shift.py" line="14" />
        <source>Pickups</source>
        <translation>自提完成</translation>
    </message>
    <message>
        <location filename="../../ui/words/shift.py" line="15" />
        <source>Partial pickups</source>
        <translation>部分提货</translation>
    </message>
    <message>
        <location filename="../../ui/words/shift.py" line="16" />
        <source>Issues</source>
        <translation>有问题</translation>
    </message>
    <message>
        <location filename="../../ui/words/shift.py" line="17" />
        <source>Handovers</source>
        <translation>团长交接</translation>
    </message>
    <message>
        <location filename="../../ui/words/shift.py" line="18" />
        <source>Reversals</source>
        <translation>撤销核销</translation>
    </message>
    <message>
        <location filename="../../ui/words/shift.py" line="19" />
        <source>Deliveries checked in</source>
        <translation>签收批次</translation>
    </message>
    <message>
        <location filename="../../ui/words/shift.py" line="20" />
        <source>Overdue</source>
        <translation>滞留</translation>
    </message>
    <message>
        <location filename="../../ui/words/shift.py" line="21" />
        <source>On the shelf</source>
        <translation>在架订单</translation>
    </message>
    <message>
        <location filename="../../ui/words/shift.py" line="22" />
        <source>Records not sent yet</source>
        <translation>未上传记录</translation>
    </message>
    <message>
        <location filename="../../ui/words/shift.py" line="23" />
        <source>Print jobs waiting</source>
        <translation>待打印</translation>
    </message>
    <message>
        <location filename="../../ui/words/shift.py" line="30" />
        <source>Not everything has left the kiosk: {events} records still wait for the platform and {prints} print jobs for the printer. They are kept and go out by themselves; leave the kiosk switched on.</source>
        <translation>还有内容没发出：{events} 条记录等待上传，{prints} 个打印任务等待打印。它们已保存，会自动发出；请不要关闭本机。</translation>
    </message>
    <message>
        <location filename="../../ui/words/shift.py" line="42" />
        <source>Everything was sent and printed.</source>
        <translation>全部已上传并打印。</translation>
    </message>
    <message>
        <location filename="../../ui/words/shift.py" line="47" />
        <source>Shift closed. The report is printing.</source>
        <translation>已交班。交班报表正在打印。</translation>
    </message>
    <message>
        <location filename="../../ui/words/shift.py" line="49" />
        <source>Shift closed. No printer: no report printed.</source>
        <translation>已交班。没有打印机：报表未打印。</translation>
    </message>
    <message>
        <location filename="../../ui/words/shift.py" line="55" />
        <source>You may not close this shift: ask a manager.</source>
        <translation>你不能交这个班：请找店长。</translation>
    </message>
    <message>
        <location filename="../../ui/words/shift.py" line="56" />
        <source>Log in first.</source>
        <translation>请先登录。</translation>
    </message>
    <message>
        <location filename="../../ui/words/shift.py" line="57" />
        <source>This shift was already closed.</source>
        <translation>这个班次已经交班了。</translation>
    </message>
</context>
<context>
    <name>show_exception</name>
    <message>
        <source>Something went wrong: %1</source>
        <translation>出错了：%1</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="56" />
        <location filename="../../ui/app.py" line="199" />
        <source>Linli Kiosk</source>
        <translation>邻里自提点</translation>
    </message>
</context>
<context>
    <name>sync</name>
    <message>
        <location filename="../../ui/sync/screen.py" line="63" />
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="66" />
        <source>Enroll this kiosk</source>
        <translation>注册本机</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="68" />
        <source>Server address, e.g. https://…</source>
        <translation>服务器地址，例如 https://…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="72" />
        <source>Enrollment code</source>
        <translation>注册码</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="74" />
        <source>Enroll</source>
        <translation>注册</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="78" />
        <source>Problems for a manager</source>
        <translation>需要店长处理的问题</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="89" />
        <source>What you did (note)</source>
        <translation>处理情况（备注）</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="92" />
        <source>Mark settled</source>
        <translation>标记已处理</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="94" />
        <source>Send again</source>
        <translation>重新发送</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="105" />
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="153" />
        <source>Nothing needs a manager.</source>
        <translation>没有需要店长处理的问题。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="215" />
        <source>That did not work: check the server address and the network.</source>
        <translation>没有成功：请检查服务器地址和网络。</translation>
    </message>
    <message>
        <location filename="../../ui/words/sync.py" line="17" />
        <source>deliveries checked in</source>
        <translation>到货签收</translation>
    </message>
    <message>
        <location filename="../../ui/words/sync.py" line="18" />
        <source>pickups</source>
        <translation>取货</translation>
    </message>
    <message>
        <location filename="../../ui/words/sync.py" line="19" />
        <source>reversed pickups</source>
        <translation>撤销取货</translation>
    </message>
    <message>
        <location filename="../../ui/words/sync.py" line="20" />
        <source>handovers</source>
        <translation>团长交接</translation>
    </message>
    <message>
        <location filename="../../ui/words/sync.py" line="21" />
        <source>issue reports</source>
        <translation>问题上报</translation>
    </message>
    <message>
        <location filename="../../ui/words/sync.py" line="22" />
        <source>instrument readings</source>
        <translation>仪器读数</translation>
    </message>
    <message>
        <location filename="../../ui/words/sync.py" line="23" />
        <source>inspections</source>
        <translation>飞行检查</translation>
    </message>
    <message>
        <location filename="../../ui/words/sync.py" line="24" />
        <source>shift reports</source>
        <translation>交班报表</translation>
    </message>
    <message>
        <location filename="../../ui/words/sync.py" line="26" />
        <source>other records</source>
        <translation>其他记录</translation>
    </message>
    <message>
        <location filename="../../ui/words/sync.py" line="31" />
        <source>This kiosk is not enrolled yet: type the server address and the enrollment code below.</source>
        <translation>本机还没有注册：请在下方输入服务器地址和注册码。</translation>
    </message>
    <message>
        <location filename="../../ui/words/sync.py" line="37" />
        <source>The platform no longer accepts this kiosk: enroll it again with a new code below.</source>
        <translation>平台不再接受本机：请在下方用新注册码重新注册。</translation>
    </message>
    <message>
        <location filename="../../ui/words/sync.py" line="42" />
        <source>Online: records go to the platform as they happen.</source>
        <translation>在线：记录实时上传到平台。</translation>
    </message>
    <message>
        <location filename="../../ui/words/sync.py" line="44" />
        <source>Offline: records are kept here and sent when the network is back.</source>
        <translation>离线：记录保存在本机，网络恢复后自动上传。</translation>
    </message>
    <message>
        <location filename="../../ui/words/sync.py" line="48" />
        <source>Last sync: {time}</source>
        <translation>上次同步：{time}</translation>
    </message>
    <message>
        <location filename="../../ui/words/sync.py" line="52" />
        <source>Never synced yet.</source>
        <translation>还没有同步过。</translation>
    </message>
    <message>
        <location filename="../../ui/words/sync.py" line="54" />
        <source>{n} records waiting to be sent.</source>
        <translation>{n} 条记录等待上传。</translation>
    </message>
    <message>
        <location filename="../../ui/words/sync.py" line="60" />
        <source>{n} problems need a manager (below).</source>
        <translation>{n} 个问题需要店长处理（见右侧）。</translation>
    </message>
    <message>
        <location filename="../../ui/words/sync.py" line="69" />
        <source>The platform refused this record. If it was a temporary problem, send it again; otherwise call platform support and mark it settled.</source>
        <translation>平台拒收了这条记录。如果是临时问题，请重新发送；否则请联系平台客服并标记为已处理。</translation>
    </message>
    <message>
        <location filename="../../ui/words/sync.py" line="76" />
        <source>The goods already left the store but the platform had cancelled or refunded the order. Ask the customer to bring them back or call platform support, then mark it settled.</source>
        <translation>商品已经取走，但平台已取消或退款该订单。请让顾客退回商品或联系平台客服，然后标记为已处理。</translation>
    </message>
    <message>
        <location filename="../../ui/words/sync.py" line="83" />
        <source>Get the bags back from the team leader or call platform support, then mark it settled.</source>
        <translation>请从团长处取回这些袋子或联系平台客服，然后标记为已处理。</translation>
    </message>
    <message>
        <location filename="../../ui/words/sync.py" line="88" />
        <source>Check the order with platform support, then mark it settled.</source>
        <translation>请与平台客服核对这个订单，然后标记为已处理。</translation>
    </message>
    <message>
        <location filename="../../ui/words/sync.py" line="94" />
        <source>Check this record with platform support, then mark it settled.</source>
        <translation>请与平台客服核对这条记录，然后标记为已处理。</translation>
    </message>
    <message>
        <location filename="../../ui/words/sync.py" line="100" />
        <source>Conflict</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location filename="../../ui/words/sync.py" line="100" />
        <source>Refused</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/words/sync.py" line="103" />
        <source>{kind}: {what} · {orders} · {when}</source>
        <translation>{kind}：{what} · {orders} · {when}</translation>
    </message>
    <message>
        <location filename="../../ui/words/sync.py" line="112" />
        <source>Enrolled for store {store}. Sync starts now.</source>
        <translation>已注册到门店 {store}。现在开始同步。</translation>
    </message>
    <message>
        <location filename="../../ui/words/sync.py" line="118" />
        <source>Sync is running now.</source>
        <translation>正在同步。</translation>
    </message>
    <message>
        <location filename="../../ui/words/sync.py" line="122" />
        <source>Sync is not available on this kiosk.</source>
        <translation>本机无法同步。</translation>
    </message>
    <message>
        <location filename="../../ui/words/sync.py" line="126" />
        <source>Type the server address (http:// or https://) and the code.</source>
        <translation>请输入服务器地址（http:// 或 https://）和注册码。</translation>
    </message>
</context>
</TS>